"""The tamper-evident ledger of evidence events: an append-only hash chain.

Each entry's hash is SHA-256 over the previous entry's hash and the entry's canonical JSON
(sequence, time, event, ids, payload; sorted keys, no spaces, UTF-8). Changing, removing or
reordering any entry breaks every hash after it, which ``ledger_verify`` reports.

Appends are serialised by locking a single head row (``select_for_update``); the unique sequence
number is a second guard. Call ``ledger_append`` inside the transaction that writes the evidence,
so the entry and the evidence commit (or roll back) together.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime

from django.db import transaction
from django.utils import timezone

from charters.models import LedgerEntry, LedgerHead

GENESIS_HASH = "0" * 64
Event = LedgerEntry.Event


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
    """Append one event to the chain. ``payload`` holds JSON scalars (strings, ints, booleans, None)."""
    if event not in Event.values:
        raise ValueError(f"unknown ledger event {event!r}")
    payload = json.loads(json.dumps(dict(payload), ensure_ascii=False, sort_keys=True))  # what the DB gives back
    with transaction.atomic():
        LedgerHead.objects.get_or_create(pk=1)
        head = LedgerHead.objects.select_for_update().get(pk=1)
        entry = LedgerEntry(
            sequence=head.sequence + 1,
            recorded_at=at or timezone.now(),
            event=event,
            employee_id=employee_id,
            version_id=version_id,
            object_id=object_id,
            payload=payload,
            previous_hash=head.entry_hash,
        )
        entry.entry_hash = _hash_of(entry, head.entry_hash)
        entry.save(force_insert=True)
        LedgerHead.objects.filter(pk=1).update(sequence=entry.sequence, entry_hash=entry.entry_hash)
    return entry


@dataclass(frozen=True)
class LedgerReport:
    checked: int
    first_broken: int | None  # sequence number of the first entry that does not verify
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.first_broken is None


def _entries(batch: int = 2000) -> Iterator[LedgerEntry]:
    last = 0
    while True:
        rows = list(LedgerEntry.objects.filter(sequence__gt=last).order_by("sequence")[:batch])
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
    return LedgerReport(checked, None)


def ledger_entry_for(*, event: str, object_id: int) -> LedgerEntry | None:
    """The entry recording ``event`` for an object (e.g. ``Event.ACKNOWLEDGED`` and an acknowledgement's id)."""
    return LedgerEntry.objects.filter(event=event, object_id=object_id).order_by("sequence").first()


def ledger_entries_for_version(version_id: int) -> Iterator[LedgerEntry]:
    """Every entry about a version, in chain order (for the evidence dossier's JSON Lines)."""
    return LedgerEntry.objects.filter(version_id=version_id).order_by("sequence").iterator(chunk_size=2000)


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
