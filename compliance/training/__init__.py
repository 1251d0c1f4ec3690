"""The checker's own training corpus and the code that trains, evaluates and ships its models."""
