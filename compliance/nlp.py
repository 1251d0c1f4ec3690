"""spaCy pipelines, loaded once per process. Only the engine calls them.

The checker needs tokens, not tags: the rules are lexical, so by default every trained component
is excluded (NER and tok2vec cost most of the time; the lemmatizer is slow on unseen words).
"""

from __future__ import annotations

import threading
from functools import lru_cache

import spacy
from django.conf import settings
from spacy.language import Language

DEFAULT_PIPELINES = {
    "fr": {
        "model": "fr_core_news_sm",
        "exclude": ["tok2vec", "morphologizer", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"],
    },
    "en": {
        "model": "en_core_web_sm",
        "exclude": ["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"],
    },
}
_lock = threading.Lock()


@lru_cache(maxsize=8)
def _load(lang: str, model: str, exclude: tuple[str, ...]) -> Language:
    with _lock:
        try:
            return spacy.load(model, exclude=list(exclude))
        except OSError:
            # No trained model installed for this language: a blank tokenizer; the rules still work.
            return spacy.blank(lang)


def get_nlp(lang: str) -> Language:
    config = {**DEFAULT_PIPELINES, **getattr(settings, "COMPLIANCE_PIPELINES", {})}
    spec = config.get(lang)
    if spec is None:
        return _load(lang, "", ())
    return _load(lang, spec.get("model", ""), tuple(spec.get("exclude", ())))


def clear() -> None:
    _load.cache_clear()
