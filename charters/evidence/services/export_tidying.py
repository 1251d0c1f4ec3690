"""Tidying after a finished export: parts, dossiers and certificate copies nothing references any more."""

from __future__ import annotations

import re
from datetime import datetime

from django.conf import settings
from django.utils import timezone

from charters.evidence.services.exports import export_acknowledgement_ids
from charters.evidence.storage import (
    evidence_delete,
    evidence_files_in,
    evidence_modified_at,
    evidence_path,
    is_temporary,
)
from charters.models import EvidenceExport, EvidenceFile

Kind = EvidenceFile.Kind
Status = EvidenceExport.Status


_CERTIFICATE_NAME = re.compile(r"^\.?ack-(\d+)-(\w+)-[0-9a-f]{12}\.pdf")


def evidence_export_tidy(export_id: int, *, now: datetime | None = None) -> int:
    """Delete what a finished export no longer needs and what killed attempts left behind; returns the count.

    Once an export is DONE nothing can add a part to it nor finish it again, so these are garbage:
    files of ``exports/<id>/`` that no part references (parts rendered by an attempt killed before it
    recorded them), dossiers of its other attempts, copies of its certificates other than the recorded
    ones, and half-written files (``.*.part``) whose writer has stopped (untouched for
    EVIDENCE_EXPORT_STALE_SECONDS; a live writer's file is fresh and left alone). The frozen register
    lines go last: their absence marks the export as tidied (the periodic sweep retries the others).
    """
    export = EvidenceExport.objects.select_related("version__charter").filter(pk=export_id, status=Status.DONE).first()
    if export is None:
        return 0
    version = export.version
    stale = (now or timezone.now()).timestamp() - int(getattr(settings, "EVIDENCE_EXPORT_STALE_SECONDS", 180))
    keep = set(EvidenceFile.objects.filter(export=export).values_list("file", flat=True)) | {export.file}
    lines = f"exports/{export.pk}/register-lines.json"
    prefix = f"{version.charter.slug}-v{version.number}-export{export.pk}-{export.language}-a"
    candidates = [p for p in evidence_files_in(f"exports/{export.pk}") if p != lines]
    candidates += [p for p in evidence_files_in("dossiers") if p.split("/")[-1].lstrip(".").startswith(prefix)]
    recorded = dict(
        EvidenceFile.objects.filter(
            kind=Kind.CERTIFICATE, version_id=export.version_id, language=export.language
        ).values_list("acknowledgement_id", "file")
    )
    snapshot = set(export_acknowledgement_ids(export))
    for name in evidence_files_in(f"certificates/v{export.version_id}"):
        match = _CERTIFICATE_NAME.match(name.rsplit("/", 1)[-1])
        if match and match[2] == export.language and int(match[1]) in snapshot and int(match[1]) in recorded:
            keep.add(recorded[int(match[1])])
            candidates.append(name)
    deleted = 0
    for name in candidates:
        path = evidence_path(name)
        if name in keep or (is_temporary(path) and evidence_modified_at(path) > stale):
            continue
        path.unlink(missing_ok=True)
        deleted += 1
    evidence_delete(lines)
    return deleted
