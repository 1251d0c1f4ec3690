"""Where the checker's model comes from, loaded once per process and per folder.

The model shipped with the project (``COMPLIANCE_MODEL_DIR``, built by ``make train-checker``) is used
unless a company model is active (``CheckerModel``, files under ``MEDIA_ROOT``, shared by web nodes). The
active one is part of the checker context, so every process switches when the registry's version counter
moves, without a restart. A model that is missing or does not load is never a silent pass: the checker
falls back (to the shipped model, then to the rules alone) and says so in every result and on /healthz.
"""

from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings

if TYPE_CHECKING:
    from spacy.language import Language

    from compliance.context import CheckerContext

log = logging.getLogger(__name__)
DEFAULT_THRESHOLD = 0.5
# What a result says when the model it should use is not the one that ran.
NOTICE_RULES_ONLY = "model_unavailable"
NOTICE_SHIPPED = "company_model_unavailable"


@dataclass(frozen=True)
class LoadedModel:
    nlp: Language | None
    path: str
    source: str  # "shipped", "company" or "none"
    card: dict[str, Any] = field(default_factory=dict)
    error: str = ""
    notice: str = ""

    def threshold(self, label: str) -> float:
        return float(self.card.get("thresholds", {}).get(label, DEFAULT_THRESHOLD))


_cache: dict[str, LoadedModel] = {}
_lock = threading.Lock()


def shipped_dir() -> Path:
    return Path(settings.COMPLIANCE_MODEL_DIR)


def company_dir(relative: str) -> Path:
    return Path(settings.MEDIA_ROOT) / relative


def load(path: Path, source: str) -> LoadedModel:
    """The pipeline at ``path`` (cached); a model that cannot load comes back with ``nlp=None`` and the reason."""
    key = str(path)
    loaded = _cache.get(key)
    if loaded is not None:
        return loaded
    with _lock:
        if key not in _cache:
            _cache[key] = _load(path, source)
        return _cache[key]


def _load(path: Path, source: str) -> LoadedModel:
    import spacy

    import compliance.learning.architectures  # noqa: F401  (the model's registered architecture)

    if not (path / "config.cfg").is_file():
        return LoadedModel(None, str(path), source, error="missing")
    try:
        nlp = spacy.load(path)
        card = json.loads((path / "card.json").read_text(encoding="utf-8")) if (path / "card.json").is_file() else {}
        nlp("warm up")
    except Exception as exc:  # a corrupt or incompatible model: say so, fall back, never crash a check
        log.exception("checker model at %s does not load", path)
        return LoadedModel(None, str(path), source, error=f"corrupt: {type(exc).__name__}")
    return LoadedModel(nlp, str(path), source, card)


def model_for(context: CheckerContext) -> LoadedModel:
    """The model this check should use, or the best fallback with its notice."""
    if not settings.COMPLIANCE_MODEL_ENABLED:
        return LoadedModel(None, "", "none")
    shipped = load(shipped_dir(), "shipped")
    if context.model_path:
        company = load(company_dir(context.model_path), "company")
        if company.nlp is not None:
            return company
        if shipped.nlp is not None:
            return replace(shipped, notice=NOTICE_SHIPPED, error=company.error)
        return replace(shipped, notice=NOTICE_RULES_ONLY)
    if shipped.nlp is None:
        return replace(shipped, notice=NOTICE_RULES_ONLY)
    return shipped


def model_health(context: CheckerContext) -> dict[str, Any]:
    """What /healthz and the context page say about the checker's model."""
    if not settings.COMPLIANCE_MODEL_ENABLED:
        return {"checker_model": "disabled"}
    loaded = model_for(context)
    state = "ok" if not loaded.notice else ("fallback" if loaded.nlp is not None else "unavailable")
    out: dict[str, Any] = {"checker_model": state, "checker_model_source": loaded.source}
    if loaded.card.get("version"):
        out["checker_model_version"] = loaded.card["version"]
    if loaded.error:
        out["checker_model_error"] = loaded.error
    return out


def clear(**_: object) -> None:
    with _lock:
        _cache.clear()
