"""The shipped sentiment classifier, loaded once per process (and per folder), and what it says of a text."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from spacy.language import Language

log = logging.getLogger(__name__)
LABELS = ("negative", "neutral", "positive")
SUPPORTED_LANGUAGES = frozenset({"fr", "en"})
MAX_CHARS = 5_000  # a mention's first characters are enough to tell its tone; a huge page is not read whole


@dataclass(frozen=True, slots=True)
class Sentiment:
    label: str  # "negative", "neutral" or "positive"
    score: float  # the probability of ``label``, 0..1
    negative: float
    neutral: float
    positive: float

    def __iter__(self) -> Iterator[Any]:  # label, score = sentiment_of(...)
        return iter((self.label, self.score))


@dataclass(frozen=True)
class _Loaded:
    nlp: Language | None
    card: dict[str, Any]
    error: str = ""


_cache: dict[str, _Loaded] = {}
_lock = threading.Lock()


def model_dir() -> Path:
    return Path(settings.WATCH_SENTIMENT_MODEL_DIR)


def _get(path: Path) -> _Loaded:
    key = str(path)
    loaded = _cache.get(key)
    if loaded is None:
        with _lock:
            if key not in _cache:
                _cache[key] = _load(path)
                if _cache[key].nlp is None:
                    log.warning(
                        "watch sentiment model at %s unavailable (%s): mentions get no sentiment",
                        path,
                        _cache[key].error,
                    )
            loaded = _cache[key]
    return loaded


def _load(path: Path) -> _Loaded:
    import spacy

    import compliance.watch.sentiment.architectures  # noqa: F401  (the model's registered architecture)

    if not (path / "config.cfg").is_file():
        return _Loaded(None, {}, "missing")
    try:
        nlp = spacy.load(path)
        card_file = path / "card.json"
        card = json.loads(card_file.read_text(encoding="utf-8")) if card_file.is_file() else {}
        nlp("warm up")
    except Exception as exc:  # a corrupt or incompatible model: say so, never crash an ingestion
        log.exception("watch sentiment model at %s does not load", path)
        return _Loaded(None, {}, f"corrupt: {type(exc).__name__}")
    return _Loaded(nlp, card)


def sentiment_of(text: str, lang: str) -> Sentiment | None:
    """The tone of a mention in French or English; None when there is nothing to judge or no model.

    None for an empty text, for a language the model was not trained on, and when the model is missing or
    does not load (logged once per process, as a warning).
    """
    if lang not in SUPPORTED_LANGUAGES or not text or not text.strip():
        return None
    loaded = _get(model_dir())
    if loaded.nlp is None:
        return None
    cats = loaded.nlp(text[:MAX_CHARS]).cats
    probs = {label: float(cats.get(label, 0.0)) for label in LABELS}
    label = max(LABELS, key=probs.__getitem__)
    return Sentiment(label, round(probs[label], 4), *(round(probs[k], 4) for k in LABELS))


def model_card() -> dict[str, Any]:
    """What the loaded model says of itself (version, training, held-out figures); {} when there is none."""
    loaded = _get(model_dir())
    return dict(loaded.card) if loaded.nlp is not None else {}


def model_error() -> str:
    return _get(model_dir()).error


def clear() -> None:
    with _lock:
        _cache.clear()
