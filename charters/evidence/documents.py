"""What each evidence PDF says: contexts built from the database, rendered and sealed.

Three documents: the certificate of one acknowledgement, a part of a version's register, and the
version's own document (text, hash, labour-law steps). Each context is plain values, so templates
do no queries; every document is sealed (PAdES) before it is stored.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charters import ledger
from charters.evidence.pdf import qr_code_data_url, render_pdf
from charters.evidence.sealing import seal_pdf
from charters.models import Acknowledgement, CharterVersion, LedgerEntry
from charters.rendering import render_markdown
from charters.selectors import charter_version_text, labour_law_checklist

CERTIFICATE_TEMPLATE = "charters/evidence/certificate.html"
REGISTER_TEMPLATE = "charters/evidence/register.html"
VERSION_TEMPLATE = "charters/evidence/version.html"
LANGUAGE_NAMES = {"fr": gettext_lazy("French"), "en": gettext_lazy("English")}
STATUS_LABELS = {
    "acknowledged": gettext_lazy("acknowledged"),
    "declined": gettext_lazy("declined"),
    "question": gettext_lazy("question"),
    "overdue": gettext_lazy("overdue"),
    "pending": gettext_lazy("pending"),
    "left": gettext_lazy("left"),
}


class MissingLedgerEntry(LookupError):
    """An acknowledgement without its ledger entry: no certificate can cite its position."""


def when(value: datetime | None) -> str:
    """A timestamp as evidence prints it: local time with its UTC offset, to the second."""
    if value is None:
        return "—"
    local = timezone.localtime(value)
    offset = local.strftime("%z")
    return f"{local:%Y-%m-%d %H:%M:%S} (UTC{offset[:3]}:{offset[3:]})"


def verification_code(entry_hash: str) -> str:
    """The short code printed on a certificate: the first 12 hex digits of its ledger entry's hash."""
    code = entry_hash[:12].upper()
    return f"{code[:4]}-{code[4:8]}-{code[8:12]}"


def code_prefix(code: str) -> str:
    """The ledger-hash prefix of a typed code (dashes, spaces and case ignored); '' when malformed."""
    prefix = "".join(c for c in code.lower() if c not in "- ")
    return prefix if len(prefix) == 12 and all(c in "0123456789abcdef" for c in prefix) else ""


def verification_url(code: str) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("charters:evidence-verify") + f"?code={code}"


def _duration(seconds: int) -> str:
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return (f"{hours} h " if hours else "") + (f"{minutes} min " if minutes or hours else "") + f"{seconds} s"


def _quiz_result(ack: Acknowledgement) -> str:
    if ack.quiz_score is None:
        return _("no quiz")
    return (_("%(score)s %% (passed)") if ack.quiz_passed else _("%(score)s %% (not passed)")) % {
        "score": ack.quiz_score
    }


def certificate_entry(ack: Acknowledgement) -> LedgerEntry:
    entry = ledger.ledger_entry_for(event=ledger.Event.ACKNOWLEDGED, object_id=ack.pk)
    if entry is None:
        raise MissingLedgerEntry(f"acknowledgement {ack.pk} has no ledger entry")
    return entry


def certificate_facts(ack: Acknowledgement, entry: LedgerEntry) -> dict[str, Any]:
    """The machine-readable facts a certificate carries in its metadata (checked by verify_evidence)."""
    from charters.acknowledgements.services import acknowledgement_evidence

    return {
        "kind": "certificate",
        "acknowledgement_id": ack.pk,
        "ledger_sequence": entry.sequence,
        "ledger_entry_hash": entry.entry_hash,
        "fields": acknowledgement_evidence(ack),
    }


def certificate_context(ack: Acknowledgement, language: str) -> dict[str, Any]:
    entry = certificate_entry(ack)
    employee, version = ack.employee, ack.version
    code = verification_code(entry.entry_hash)
    url = verification_url(code)
    with translation.override(language):
        return {
            "company": settings.PORTAL_COMPANY_NAME,
            "employee": {
                "name": employee.full_name,
                "email": employee.user.email,
                "number": employee.employee_id,
                "department": employee.department.name if employee.department else "—",
            },
            "charter": {
                "name": version.charter.name,
                "version": version.number,
                "effective_date": version.effective_date.isoformat() if version.effective_date else "—",
                "text_language": str(LANGUAGE_NAMES.get(ack.language, ack.language)),
                "text_sha256": ack.text_sha256,
            },
            "consent_text": ack.consent_text,
            "typed_name": ack.typed_name,
            "opened_at": when(ack.opened_at),
            "end_reached_at": when(ack.end_reached_at),
            "acknowledged_at": when(ack.acknowledged_at),
            "time_spent": _duration(ack.time_spent_seconds),
            "ip_address": ack.ip_address or "—",
            "user_agent": ack.user_agent or "—",
            "auth_method": ack.auth_method,
            "quiz_result": _quiz_result(ack),
            "ledger": {
                "position": entry.sequence,
                "entry_hash": entry.entry_hash,
                "previous_hash": entry.previous_hash,
            },
            "verification": {"code": code, "url": url, "qr_data_url": qr_code_data_url(url)},
            "generated_at": when(timezone.now()),
            "evidence_json": json.dumps(certificate_facts(ack, entry), ensure_ascii=False, sort_keys=True),
        }


def certificate_pdf(ack: Acknowledgement, language: str) -> bytes:
    """The sealed certificate of one acknowledgement."""
    pdf = render_pdf(CERTIFICATE_TEMPLATE, certificate_context(ack, language), language=language)
    return seal_pdf(pdf, reason=_certificate_reason(ack, language))


def _certificate_reason(ack: Acknowledgement, language: str) -> str:
    with translation.override(language):
        return _("Acknowledgement certificate %(id)s") % {"id": ack.pk}


# --- registers --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class RegisterLine:
    name: str
    number: str
    department: str
    status: str
    day: date | None


def register_lines(rows: Iterable[Any]) -> list[RegisterLine]:
    """Light lines from ``version_register`` rows (model instances dropped: 10,000 lines stay small)."""
    lines = []
    for row in rows:
        employee = row.employee
        if row.status == "acknowledged" and row.acknowledgement is not None:
            day: date | None = timezone.localdate(row.acknowledgement.acknowledged_at)
        elif row.status == "declined" and row.assignment.completed_at is not None:
            day = timezone.localdate(row.assignment.completed_at)
        elif row.status == "left":
            day = employee.left_on
        else:
            day = row.due_on
        department = employee.department.name if employee.department else "—"
        lines.append(RegisterLine(employee.full_name, employee.employee_id, department, row.status, day))
    return lines


def _version_facts(version: CharterVersion) -> dict[str, Any]:
    return {
        "name": version.charter.name,
        "version": version.number,
        "effective_date": version.effective_date.isoformat() if version.effective_date else "—",
        "content_sha256": version.content_sha256,
    }


def register_part_pdf(
    version: CharterVersion,
    lines: Sequence[RegisterLine],
    *,
    part: int,
    parts: int,
    totals: dict[str, int],
    ledger_position: tuple[int, str],
    language: str,
) -> bytes:
    """One sealed part of a version's register (rows of this part, totals of the whole audience)."""
    with translation.override(language):
        context = {
            "company": settings.PORTAL_COMPANY_NAME,
            "charter": _version_facts(version),
            "part": part,
            "parts": parts,
            "rows": [
                {
                    "name": line.name,
                    "number": line.number,
                    "department": line.department,
                    "status_label": str(STATUS_LABELS[line.status]),
                    "date": line.day.isoformat() if line.day else "—",
                }
                for line in lines
            ],
            "totals": [(str(label).capitalize(), totals.get(key, 0)) for key, label in STATUS_LABELS.items()],
            "total": sum(totals.values()),
            "ledger": {"position": ledger_position[0], "entry_hash": ledger_position[1]},
            "generated_at": when(timezone.now()),
        }
        reason = _("Register of %(version)s, part %(part)s of %(parts)s") % {
            "version": version,
            "part": part,
            "parts": parts,
        }
    return seal_pdf(render_pdf(REGISTER_TEMPLATE, context, language=language), reason=reason)


def version_pdf(version: CharterVersion, language: str) -> bytes:
    """The sealed document of a version: its text, hashes and labour-law steps with their dates."""
    from charters.hashing import text_sha256

    text = charter_version_text(version, language)
    with translation.override(language):
        checklist = labour_law_checklist(version)
        context = {
            "company": settings.PORTAL_COMPANY_NAME,
            "charter": {
                **_version_facts(version),
                "published_at": when(version.published_at),
                "change_summary": version.change_summary,
                "material": version.material,
                "text_language": str(LANGUAGE_NAMES.get(text.language, text.language)),
                "text_sha256": text_sha256(text.body),
            },
            "text_html": render_markdown(text.body),
            "steps": [
                (label, step.done_on.isoformat() if step and step.done_on else "", step.note if step else "")
                for _kind, label, step in checklist.steps
            ],
            "generated_at": when(timezone.now()),
        }
        reason = _("Text of %(version)s") % {"version": version}
    return seal_pdf(render_pdf(VERSION_TEMPLATE, context, language=language), reason=reason)
