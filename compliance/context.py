"""The immutable company context the rules read, built once from the registry and rebuilt on change.

Every process keeps one ``CheckerContext``. At most every ``COMPLIANCE_CONTEXT_CHECK_S`` seconds it
reads the one-row version counter (a primary-key lookup); when the counter moved, it rebuilds.
"""

from __future__ import annotations

import re
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, TypeVar

from django.conf import settings
from django.utils import timezone

from compliance.folding import fold

T = TypeVar("T")
NUMBER_RE = re.compile(r"\d[\d\s.,]*\d|\d")


@dataclass(frozen=True, slots=True)
class TermEntry:
    term: str
    kind: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class TopicEntry:
    topic: str
    note: str = ""


@dataclass(frozen=True, slots=True)
class WorkEntry:
    key: str
    title: str
    kind: str  # "internal" or "protected"
    author: str = ""
    language: str = ""
    size: int = 0


def normalize_number(raw: str) -> str:
    """'31,3' -> '31.3', '2 300' -> '2300', '412' -> '412'."""
    s = re.sub(r"\s", "", raw)
    if re.fullmatch(r"\d{1,3}([.,]\d{3})+", s):
        return re.sub(r"[.,]", "", s)
    return s.replace(",", ".")


@dataclass(frozen=True)
class CheckerContext:
    version: int = 0
    company_name: str = ""
    company_language: str = "fr"
    terms: tuple[TermEntry, ...] = ()
    quiet_topics: tuple[TopicEntry, ...] = ()
    works: tuple[WorkEntry, ...] = ()
    shingles: Mapping[int, tuple[int, ...]] = field(default_factory=lambda: MappingProxyType({}))
    public_domains: frozenset[str] = frozenset()
    public_facts: tuple[str, ...] = ()
    model_path: str = ""  # the active company model's folder under MEDIA_ROOT; "" = the shipped model
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    _lock: Any = field(default_factory=threading.RLock, compare=False, repr=False)  # re-entrant: memos nest

    def memo(self, key: str, factory: Callable[[], T]) -> T:
        """A value derived from this context (compiled patterns...), computed once per context."""
        try:
            return self._memo[key]
        except KeyError:
            with self._lock:
                if key not in self._memo:
                    self._memo[key] = factory()
            return self._memo[key]

    @property
    def public_numbers(self) -> frozenset[str]:
        return self.memo(
            "public_numbers",
            lambda: frozenset(normalize_number(m.group()) for f in self.public_facts for m in NUMBER_RE.finditer(f)),
        )

    @property
    def public_text(self) -> str:
        return self.memo("public_text", lambda: fold(" \n ".join(self.public_facts)))

    @property
    def public_digit_strings(self) -> frozenset[str]:
        """Digits of every number-like run in public facts (phone numbers of public contacts...)."""
        return self.memo(
            "public_digits",
            lambda: frozenset(
                re.sub(r"\D", "", m.group())
                for f in self.public_facts
                for m in re.finditer(r"\+?\d[\d\s().-]{5,}\d", f)
            ),
        )


def context_build() -> CheckerContext:
    from compliance.models import (
        CheckerModel,
        CompanyProfile,
        ConfidentialTerm,
        ContextVersion,
        InternalDocument,
        ProtectedWork,
        PublicDomain,
        PublicFact,
        QuietTopic,
    )

    version = ContextVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    today = timezone.localdate()
    terms = tuple(
        TermEntry(t.term, t.kind, t.note)
        for t in ConfidentialTerm.objects.all()
        if (t.active_from is None or t.active_from <= today) and (t.active_until is None or today <= t.active_until)
    )
    topics = tuple(TopicEntry(q.topic, q.note) for q in QuietTopic.objects.filter(active=True))
    works: list[WorkEntry] = []
    index: dict[int, list[int]] = defaultdict(list)
    for kind, model in (("internal", InternalDocument), ("protected", ProtectedWork)):
        for doc in model.objects.all():
            n = len(works)
            works.append(
                WorkEntry(
                    doc.key,
                    doc.title,
                    kind,
                    getattr(doc, "author", ""),
                    getattr(doc, "language", ""),
                    len(doc.fingerprints),
                )
            )
            for h in doc.fingerprints:
                index[h].append(n)
    profile = CompanyProfile.objects.filter(pk=1).first()
    return CheckerContext(
        version=version,
        company_name=profile.name if profile else "",
        company_language=profile.language if profile else "fr",
        terms=terms,
        quiet_topics=topics,
        works=tuple(works),
        shingles=MappingProxyType({h: tuple(v) for h, v in index.items()}),
        public_domains=frozenset(PublicDomain.objects.values_list("domain", flat=True)),
        public_facts=tuple(PublicFact.objects.values_list("text", flat=True)),
        model_path=CheckerModel.objects.filter(status=CheckerModel.Status.ACTIVE).values_list("path", flat=True).first()
        or "",
    )


_state: dict[str, Any] = {"context": None, "checked": 0.0, "day": None}
_state_lock = threading.Lock()


def context_cache_clear(**_: object) -> None:
    with _state_lock:
        _state.update(context=None, checked=0.0, day=None)


def get_context() -> CheckerContext:
    """This process's context, rebuilt when the registry's version counter moved."""
    from compliance.models import ContextVersion

    ttl = float(getattr(settings, "COMPLIANCE_CONTEXT_CHECK_S", 2.0))
    now = time.monotonic()
    ctx: CheckerContext | None = _state["context"]
    if ctx is not None and now - _state["checked"] < ttl and _state["day"] == timezone.localdate():
        return ctx
    version = ContextVersion.objects.filter(pk=1).values_list("version", flat=True).first() or 0
    with _state_lock:
        ctx = _state["context"]
        if ctx is None or ctx.version != version or _state["day"] != timezone.localdate():
            ctx = context_build()
        _state.update(context=ctx, checked=now, day=timezone.localdate())
    return ctx
