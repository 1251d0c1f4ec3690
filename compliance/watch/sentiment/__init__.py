"""Sentiment of public mentions (negative / neutral / positive), from the classifier trained by the project.

    from compliance.watch.sentiment import sentiment_of
    result = sentiment_of("Trois heures d'attente, merci Ferronord 🙃", "fr")
    result.label, result.score   # "negative", 0.93   (also: label, score = result)

The model is spaCy textcat trained on the project's labelled mentions (``make train-sentiment``, README
"Sentiment of mentions"), loaded once per process from ``settings.WATCH_SENTIMENT_MODEL_DIR``. When it is
missing or does not load, ``sentiment_of`` returns None and logs a warning once: no mention gets a
made-up sentiment.
"""

from __future__ import annotations

from compliance.watch.sentiment.model import SUPPORTED_LANGUAGES, Sentiment, model_card, sentiment_of

__all__ = ["SUPPORTED_LANGUAGES", "Sentiment", "model_card", "sentiment_of"]
