"""Which charter clause governs a category. The default provider is a built-in mapping; the charters app
replaces it with ``COMPLIANCE_CLAUSE_PROVIDER = "<dotted path>"`` to cite the published charter, and
with ``COMPLIANCE_CLAUSE_URL_PROVIDER`` to link a finding to that clause on the charter's reading page
(the built-in mapping has no page: no link)."""

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


def no_clause_url(category: str) -> str:
    return ""


@lru_cache(maxsize=2)
def _provider(setting: str, default: str) -> Callable[[str], str]:
    return import_string(getattr(settings, setting, default))


_cache: dict[tuple[str, str, str], tuple[float, str]] = {}


def _cached(setting: str, default: str, category: str) -> str:
    """What the provider says, cached per category and interface language for a few seconds (a provider may
    query the database; a newly published charter is cited within COMPLIANCE_CONTEXT_CHECK_S)."""
    key = (setting, category, get_language() or "")
    now = time.monotonic()
    hit = _cache.get(key)
    if hit and now - hit[0] < float(getattr(settings, "COMPLIANCE_CONTEXT_CHECK_S", 2.0)):
        return hit[1]
    try:
        value = _provider(setting, default)(category) or import_string(default)(category)
    except Exception:  # a provider failure must never stop a check
        value = import_string(default)(category)
    _cache[key] = (now, value)
    return value


def clause_for(category: str) -> str:
    """The clause label ("§3.1 Confidential information") in the interface language."""
    return _cached("COMPLIANCE_CLAUSE_PROVIDER", "compliance.clauses.default_clause_for", category)


def clause_url_for(category: str) -> str:
    """The address of that clause on the charter's reading page (its anchor), or "" when there is none."""
    return _cached("COMPLIANCE_CLAUSE_URL_PROVIDER", "compliance.clauses.no_clause_url", category)


def clear() -> None:
    _provider.cache_clear()
    _cache.clear()
