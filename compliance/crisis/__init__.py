"""Crisis mode: the crisis cell's quiet topics, holding statement, contacts and timeline."""
