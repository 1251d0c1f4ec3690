"""Which charter clause governs a category. The default provider is a built-in mapping; the charters app
replaces it with ``COMPLIANCE_CLAUSE_PROVIDER = "<dotted path>"`` to cite the published charter."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import lru_cache

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

DEFAULT_CLAUSES = {
    "confidentiality": _("§3 Confidentiality"),
    "copyright": _("§4 Intellectual property"),
    "conduct.insult": _("§5 Respect and courtesy"),
    "conduct.unauthorized_statement": _("§6 Speaking for the company"),
    "conduct.crisis_topic": _("§7 Crisis communication"),
}


def default_clause_for(category: str) -> str:
    label = DEFAULT_CLAUSES.get(category) or DEFAULT_CLAUSES.get(category.split(".")[0], "")
    return str(label)


@lru_cache(maxsize=1)
def _provider() -> Callable[[str], str]:
    return import_string(getattr(settings, "COMPLIANCE_CLAUSE_PROVIDER", "compliance.clauses.default_clause_for"))


_cache: dict[tuple[str, str], tuple[float, str]] = {}


def clause_for(category: str) -> str:
    """The clause label, cached per category and interface language for a few seconds (a provider may
    query the database; a newly published charter is cited within COMPLIANCE_CONTEXT_CHECK_S)."""
    key = (category, get_language() or "")
    now = time.monotonic()
    hit = _cache.get(key)
    if hit and now - hit[0] < float(getattr(settings, "COMPLIANCE_CONTEXT_CHECK_S", 2.0)):
        return hit[1]
    try:
        label = _provider()(category) or default_clause_for(category)
    except Exception:  # a provider failure must never stop a check
        label = default_clause_for(category)
    _cache[key] = (now, label)
    return label


def clear() -> None:
    _provider.cache_clear()
    _cache.clear()
