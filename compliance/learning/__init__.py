"""The checker's learned part: how a draft is cut and shown to the model, the model's store, its card.

Training code (``compliance.training``) and the checker's rule (``compliance.rules.learned``) both use
``units`` so that the model reads at run time exactly what it was trained on.
"""
