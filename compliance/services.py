"""Writes of the checker: the context registry (bundle import, edits, allow-list) and anonymous counters."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext

from compliance.bundle import Bundle, read_bundle
from compliance.folding import fingerprints
from compliance.models import (
    AllowListEntry,
    CompanyProfile,
    ConfidentialTerm,
    ContextVersion,
    DailyCategoryCount,
    DailyRuleCount,
    InternalDocument,
    ProtectedWork,
    PublicDomain,
    PublicFact,
    QuietTopic,
    SubmissionFinding,
)
from policy_portal.errors import ApplicationError


def context_version_bump() -> None:
    """Tell every process that the registry changed (they rebuild their context within seconds)."""
    updated = ContextVersion.objects.filter(pk=1).update(version=F("version") + 1, updated_at=timezone.now())
    if not updated:
        ContextVersion.objects.get_or_create(pk=1, defaults={"version": 1})
    from compliance.context import context_cache_clear

    context_cache_clear()
    transaction.on_commit(context_cache_clear)


def context_bundle_import(*, folder: Path, keep_text: bool = True) -> int:
    """Make the registry match the bundle; returns the number of changed rows (0 on a re-import).

    The whole bundle is read and validated before anything is written (BundleError otherwise).
    """
    bundle = read_bundle(folder)
    with transaction.atomic():
        changes = _sync_bundle(bundle, keep_text=keep_text)
        if changes:
            context_version_bump()
    return changes


def _sync_bundle(bundle: Bundle, *, keep_text: bool) -> int:
    changes = 0
    profile, _ = CompanyProfile.objects.get_or_create(pk=1)
    if (profile.name, profile.language) != (bundle.name, bundle.language):
        profile.name, profile.language = bundle.name, bundle.language
        profile.save()
        changes += 1
    changes += _sync_simple(PublicDomain, "domain", bundle.public_domains)
    changes += _sync_facts(bundle.public_facts)
    terms = [(t, k, n) for t, k, n in bundle.terms if k != "quiet_topic"]
    topics = {t: n for t, k, n in bundle.terms if k == "quiet_topic"}
    changes += _sync_rows(ConfidentialTerm, "term", {t: {"kind": k, "note": n} for t, k, n in terms})
    changes += _sync_rows(QuietTopic, "topic", {t: {"note": n, "active": True} for t, n in topics.items()})
    changes += _sync_rows(
        InternalDocument,
        "key",
        {
            d.key: {"title": d.title, "fingerprints": fingerprints(d.text), "text": d.text if keep_text else ""}
            for d in bundle.internal
        },
    )
    changes += _sync_rows(
        ProtectedWork,
        "key",
        {
            d.key: {
                "title": d.title,
                "author": d.meta.get("author", ""),
                "rights_holder": d.meta.get("rights_holder", ""),
                "language": d.meta.get("language", ""),
                "fingerprints": fingerprints(d.text),
                "text": d.text if keep_text else "",
            }
            for d in bundle.protected
        },
    )
    return changes


def _sync_simple(model: type, field: str, values: Iterable[str]) -> int:
    wanted = set(values)
    existing = set(model.objects.values_list(field, flat=True))
    deleted, _ = model.objects.exclude(**{f"{field}__in": wanted}).delete()
    model.objects.bulk_create([model(**{field: v}) for v in sorted(wanted - existing)])
    return deleted + len(wanted - existing)


def _sync_facts(facts: list[str]) -> int:
    if list(PublicFact.objects.values_list("text", flat=True)) == facts:
        return 0
    PublicFact.objects.all().delete()
    PublicFact.objects.bulk_create([PublicFact(text=t, position=i) for i, t in enumerate(facts)])
    return 1


def _sync_rows(model: type, key: str, rows: dict[str, dict[str, object]]) -> int:
    changes, _ = model.objects.exclude(**{f"{key}__in": list(rows)}).delete()
    existing = {getattr(o, key): o for o in model.objects.filter(**{f"{key}__in": list(rows)})}
    for k, values in rows.items():
        obj = existing.get(k)
        if obj is None:
            model.objects.create(**{key: k}, **values)
            changes += 1
        elif any(getattr(obj, f) != v for f, v in values.items()):
            for f, v in values.items():
                setattr(obj, f, v)
            obj.save()
            changes += 1
    return changes


def confidential_term_save(
    *,
    term: str,
    kind: str,
    note: str = "",
    active_from: dt.date | None = None,
    active_until: dt.date | None = None,
    instance: ConfidentialTerm | None = None,
) -> ConfidentialTerm:
    with transaction.atomic():
        obj = instance or ConfidentialTerm()
        obj.term, obj.kind, obj.note = term.strip(), kind, note.strip()
        obj.active_from, obj.active_until = active_from, active_until
        obj.full_clean()
        obj.save()
        context_version_bump()
    return obj


def quiet_topic_save(
    *, topic: str, note: str = "", active: bool = True, instance: QuietTopic | None = None
) -> QuietTopic:
    with transaction.atomic():
        obj = instance or QuietTopic()
        obj.topic, obj.note, obj.active = topic.strip(), note.strip(), active
        obj.full_clean()
        obj.save()
        context_version_bump()
    return obj


def context_entry_remove(*, entry: ConfidentialTerm | QuietTopic | PublicFact) -> None:
    """Remove a term, quiet topic or public fact; every process stops using it within seconds.

    A quiet topic of an open crisis is refused: closing the crisis is how its topics end.
    """
    if isinstance(entry, QuietTopic) and entry.crises.filter(status="open").exists():
        raise ApplicationError(gettext("This topic belongs to an open crisis: close the crisis instead."))
    with transaction.atomic():
        entry.delete()
        context_version_bump()


def quiet_topic_set_active(*, topic: QuietTopic, active: bool) -> QuietTopic:
    if not active and topic.crises.filter(status="open").exists():
        raise ApplicationError(gettext("This topic belongs to an open crisis: close the crisis instead."))
    return quiet_topic_save(topic=topic.topic, note=topic.note, active=active, instance=topic)


def public_fact_add(*, text: str) -> PublicFact:
    with transaction.atomic():
        fact = PublicFact.objects.create(text=text.strip(), position=PublicFact.objects.count())
        context_version_bump()
    return fact


def category_counts_record(
    *, categories: Iterable[str], day: dt.date | None = None, department: str = "", rules: Iterable[str] = ()
) -> None:
    """Add one to today's anonymous counter of each category (and rule) found: no text, no user, no id;
    at most the department's code."""
    day = day or timezone.localdate()
    for category in sorted(set(categories)):
        _counter_add(DailyCategoryCount, day=day, category=category, department=department)
    for rule in sorted(set(rules)):
        _counter_add(DailyRuleCount, day=day, rule=rule)


def _counter_add(model: type[DailyCategoryCount] | type[DailyRuleCount], **key: object) -> None:
    if not model.objects.filter(**key).update(count=F("count") + 1):
        _, created = model.objects.get_or_create(**key, defaults={"count": 1})
        if not created:
            model.objects.filter(**key).update(count=F("count") + 1)


class DraftTooLong(ApplicationError):
    code = "draft_too_long"


def precheck_run(
    *, text: str, lang: str | None = None, author_role: str = "employee", max_chars: int = 10_000, department: str = ""
):
    """Check a draft and count its categories anonymously. The text and the findings are never stored."""
    from compliance.engine import analyze

    if len(text) > max_chars:
        raise DraftTooLong(
            gettext("The draft is %(length)s characters long; the checker accepts at most %(max)s.")
            % {"length": len(text), "max": max_chars},
            extra={"max_chars": max_chars},
        )
    analysis = analyze(text, lang, author_role)
    category_counts_record(
        categories=analysis.categories or {"none"}, department=department, rules={f.rule_id for f in analysis.findings}
    )
    return analysis


def context_bundle_import_zip(*, upload, keep_text: bool = True, max_bytes: int = 20 * 1024 * 1024) -> int:
    """Import a bundle uploaded as a .zip (its context/ folder or its root). Raises BundleError."""
    import tempfile
    import zipfile

    from compliance.bundle import BundleError

    try:
        archive = zipfile.ZipFile(upload)
    except zipfile.BadZipFile as exc:
        raise BundleError(getattr(upload, "name", "bundle.zip"), 0, gettext("not a zip file")) from exc
    with archive, tempfile.TemporaryDirectory(prefix="checker-bundle-") as tmp:
        root = Path(tmp)
        total = 0
        for info in archive.infolist():
            target = (root / info.filename).resolve()
            if not target.is_relative_to(root.resolve()) or info.is_dir():
                continue
            total += info.file_size
            if total > max_bytes:
                raise BundleError(info.filename, 0, gettext("the bundle is too large"))
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(archive.read(info))
        folder = next((p.parent for p in root.rglob("company.json")), None) or next(
            (p.parent for p in root.rglob("terms.csv")), root
        )
        return context_bundle_import(folder=folder, keep_text=keep_text)


# --- Allow-list: exceptions confirmed by the people who manage the context ------------------------------
class AllowListRefused(ApplicationError):
    code = "allow_list_refused"


def allow_list_entry_propose(
    *,
    kind: str,
    value: str,
    by: Any,
    sense: str = "",
    category: str = "",
    note: str = "",
    source: SubmissionFinding | None = None,
) -> AllowListEntry:
    """A reviewer's proposal; the checker ignores it until someone who manages the context confirms it."""
    value = value.strip()
    if not value:
        raise AllowListRefused(gettext("Say what the checker should allow."))
    if kind == AllowListEntry.Kind.TERM_SENSE and not sense.strip():
        raise AllowListRefused(gettext("Give the words that show the harmless sense of the term."))
    entry = AllowListEntry(
        kind=kind, value=value, sense=sense.strip(), category=category, note=note.strip(), proposed_by=by, source=source
    )
    entry.full_clean()
    entry.save()
    return entry


def allow_list_entry_confirm(*, entry: AllowListEntry, by: Any) -> AllowListEntry:
    """Make a proposal active: every process's checker honours it within COMPLIANCE_CONTEXT_CHECK_S seconds."""
    with transaction.atomic():
        claimed = AllowListEntry.objects.filter(pk=entry.pk, status=AllowListEntry.Status.PROPOSED).update(
            status=AllowListEntry.Status.ACTIVE, confirmed_by=by, confirmed_at=timezone.now()
        )
        if not claimed:
            raise AllowListRefused(gettext("This proposal was already handled."))
        entry.refresh_from_db()
        if entry.kind == AllowListEntry.Kind.PUBLIC_FACT and not PublicFact.objects.filter(text=entry.value).exists():
            public_fact_add(text=entry.value)  # the rules that read public facts learn it too
        context_version_bump()
    return entry


def allow_list_entry_reject(*, entry: AllowListEntry, by: Any) -> AllowListEntry:
    with transaction.atomic():
        was_active = entry.status == AllowListEntry.Status.ACTIVE
        AllowListEntry.objects.filter(pk=entry.pk).update(
            status=AllowListEntry.Status.REJECTED, confirmed_by=by, confirmed_at=timezone.now()
        )
        if was_active:
            context_version_bump()
    entry.refresh_from_db()
    return entry
