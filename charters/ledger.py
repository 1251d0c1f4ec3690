"""The tamper-evident ledger of evidence events: an append-only hash chain.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON
(sequence, time, event, ids, payload; sorted keys, no spaces, UTF-8). Changing, removing or
reordering any entry breaks every hash after it, which ``ledger_verify`` reports.

Two steps, so that recording evidence never waits for other people's evidence:

1. ``ledger_append`` writes the event as a *pending* entry (no position, no hash yet) inside the
   transaction that writes the evidence, so the entry and the evidence commit or roll back together.
   It takes no lock: fifty people acknowledging at once do not queue behind each other.
2. ``ledger_seal`` gives pending entries their place in the chain, in batches: it locks the single
   head row, chains every committed pending entry in insertion order and moves the head. It runs in
   a worker, started on commit of the evidence (at most one start queued at a time, see
   ``_kick``), and every minute as a safety net (policy_portal/schedules.py). Readers that need a
   position (certificates, exports, verification) seal first.

The ledger is a leaf: it imports only the models. How a sealing job is queued is the jobs module's
business: ``charters.tasks`` registers it with :func:`ledger_sealing_queue_set` when the app loads.

The database lets a pending entry receive its position and hashes once and refuses every other
change (and, on PostgreSQL, every deletion): see migration 0007.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from charters.models import LedgerEntry, LedgerHead

GENESIS_HASH = "0" * 64
Event = LedgerEntry.Event
SEAL_BATCH = 500
KICK_KEY = "charters:ledger:seal-queued"
KICK_SECONDS = 30  # a lost start is retried after this, and by the minute job anyway

logger = logging.getLogger(__name__)


def canonical_entry(
    *,
    sequence: int,
    recorded_at: datetime,
    event: str,
    employee_id: int | None,
    version_id: int | None,
    object_id: int | None,
    payload: Mapping[str, object],
) -> str:
    document = {
        "sequence": sequence,
        "recorded_at": recorded_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "event": event,
        "employee_id": employee_id,
        "version_id": version_id,
        "object_id": object_id,
        "payload": payload,
    }
    return json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def entry_hash(previous_hash: str, canonical: str) -> str:
    return hashlib.sha256((previous_hash + "\n" + canonical).encode("utf-8")).hexdigest()


def _hash_of(entry: LedgerEntry, previous_hash: str) -> str:
    canonical = canonical_entry(
        sequence=entry.sequence,
        recorded_at=entry.recorded_at,
        event=entry.event,
        employee_id=entry.employee_id,
        version_id=entry.version_id,
        object_id=entry.object_id,
        payload=entry.payload,
    )
    return entry_hash(previous_hash, canonical)


def ledger_append(
    *,
    event: str,
    payload: Mapping[str, object],
    employee_id: int | None = None,
    version_id: int | None = None,
    object_id: int | None = None,
    at: datetime | None = None,
) -> LedgerEntry:
    """Record one event, pending its place in the chain (``ledger_seal``). ``payload``: JSON scalars."""
    if event not in Event.values:
        raise ValueError(f"unknown ledger event {event!r}")
    payload = json.loads(json.dumps(dict(payload), ensure_ascii=False, sort_keys=True))  # what the DB gives back
    entry = LedgerEntry.objects.create(
        recorded_at=at or timezone.now(),
        event=event,
        employee_id=employee_id,
        version_id=version_id,
        object_id=object_id,
        payload=payload,
    )
    transaction.on_commit(_kick)
    return entry


_queue_sealing: Callable[[], None] | None = None


def ledger_sealing_queue_set(queue: Callable[[], None]) -> None:
    """Register how a sealing job is queued after evidence commits (``charters.tasks`` does, on app load)."""
    global _queue_sealing
    _queue_sealing = queue


def _kick() -> None:
    """Queue one sealing job unless one is already queued (a burst of evidence queues one job, not fifty)."""
    if _queue_sealing is None:  # no jobs module loaded (a bare script): the periodic job seals
        return
    if not cache.add(KICK_KEY, 1, timeout=KICK_SECONDS):
        return
    try:
        _queue_sealing()
    except Exception:  # never fail the evidence that was just committed; the minute job seals it
        cache.delete(KICK_KEY)
        logger.exception("ledger sealing not queued now; the periodic job will seal pending entries")


def _seal_batch(limit: int) -> list[LedgerEntry]:
    with transaction.atomic():
        LedgerHead.objects.get_or_create(pk=1)
        head = LedgerHead.objects.select_for_update().get(pk=1)
        # read after taking the lock: whatever an earlier sealer chained is no longer pending
        pending = list(LedgerEntry.objects.filter(sequence__isnull=True).order_by("id")[:limit])
        if not pending:
            return []
        sequence, previous = head.sequence, head.entry_hash
        for entry in pending:
            sequence += 1
            entry.sequence, entry.previous_hash = sequence, previous
            entry.entry_hash = previous = _hash_of(entry, previous)
        LedgerEntry.objects.bulk_update(pending, ["sequence", "previous_hash", "entry_hash"])
        LedgerHead.objects.filter(pk=1).update(sequence=sequence, entry_hash=previous)
    return pending


def ledger_seal(*, batch: int = SEAL_BATCH) -> list[LedgerEntry]:
    """Chain every committed pending entry (in insertion order); returns them. Safe to run anywhere, twice."""
    sealed: list[LedgerEntry] = []
    while chunk := _seal_batch(batch):
        sealed.extend(chunk)
        if len(chunk) < batch:
            break
    return sealed


def ledger_seal_queued() -> list[LedgerEntry]:
    """The queued sealing job's work: clear the "job queued" flag before reading, so that evidence
    committed from now on queues the next run (see ``_kick``), then seal."""
    cache.delete(KICK_KEY)
    return ledger_seal()


def ledger_pending_count() -> int:
    return LedgerEntry.objects.filter(sequence__isnull=True).count()


@dataclass(frozen=True)
class LedgerReport:
    checked: int
    first_broken: int | None  # sequence number of the first entry that does not verify
    reason: str = ""
    pending: int = 0  # entries recorded but not chained yet

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def _entries(batch: int = 2000) -> Iterator[LedgerEntry]:
    last = 0
    while True:
        rows = list(LedgerEntry.objects.filter(sequence__gt=last).order_by("sequence")[:batch])  # sealed only
        if not rows:
            return
        yield from rows
        last = rows[-1].sequence


def ledger_verify() -> LedgerReport:
    """Recompute the whole chain; name the first entry whose position, link or hash is wrong."""
    previous = GENESIS_HASH
    expected_sequence = 1
    checked = 0
    for entry in _entries():
        if entry.sequence != expected_sequence:
            return LedgerReport(checked, expected_sequence, f"entry #{expected_sequence} is missing")
        if entry.previous_hash != previous:
            return LedgerReport(checked, entry.sequence, "its link to the previous entry is broken")
        if _hash_of(entry, previous) != entry.entry_hash:
            return LedgerReport(checked, entry.sequence, "its content does not match its hash")
        previous = entry.entry_hash
        expected_sequence += 1
        checked += 1
    head = LedgerHead.objects.filter(pk=1).first()
    if head is not None and head.sequence != checked:
        return LedgerReport(checked, checked + 1, f"the chain head says {head.sequence} entries")
    return LedgerReport(checked, None, pending=ledger_pending_count())


def ledger_entry_for(*, event: str, object_id: int) -> LedgerEntry | None:
    """The chained entry recording ``event`` for an object (e.g. ``Event.ACKNOWLEDGED`` and an
    acknowledgement's id); seals pending entries first when it is still waiting for its position."""
    entries = LedgerEntry.objects.filter(event=event, object_id=object_id).order_by("id")
    entry = entries.first()
    if entry is not None and entry.sequence is None:
        ledger_seal()
        entry = entries.first()
    return entry


def ledger_entries_for_version(version_id: int) -> Iterator[LedgerEntry]:
    """Every entry about a version, in chain order (for the evidence dossier's JSON Lines)."""
    return (
        LedgerEntry.objects.filter(version_id=version_id, sequence__isnull=False)
        .order_by("sequence")
        .iterator(chunk_size=2000)
    )


def ledger_entry_as_json(entry: LedgerEntry) -> dict[str, object]:
    return {
        "sequence": entry.sequence,
        "recorded_at": entry.recorded_at.astimezone(UTC).isoformat(timespec="microseconds"),
        "event": entry.event,
        "employee_id": entry.employee_id,
        "version_id": entry.version_id,
        "object_id": entry.object_id,
        "payload": entry.payload,
        "previous_hash": entry.previous_hash,
        "entry_hash": entry.entry_hash,
    }
