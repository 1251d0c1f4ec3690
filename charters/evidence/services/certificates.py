"""Certificates: one acknowledgement's certificate, rendered, sealed and stored once.

``certificate_store`` runs as a job enqueued on commit of each acknowledgement, and again on demand
when a certificate is missing; a unique constraint keeps one copy (a second worker's is discarded).
"""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone

from charters.evidence import documents
from charters.evidence.sealing import get_signer
from charters.evidence.storage import evidence_delete, evidence_write
from charters.evidence.verification import sha256_of
from charters.models import Acknowledgement, EvidenceFile

Kind = EvidenceFile.Kind


def certificate_store(*, acknowledgement_id: int, language: str = "fr") -> EvidenceFile:
    """The stored certificate of an acknowledgement in ``language``: rendered, sealed and stored once."""
    existing = EvidenceFile.objects.filter(
        kind=Kind.CERTIFICATE, acknowledgement_id=acknowledgement_id, language=language
    ).first()
    if existing is not None:
        return existing
    get_signer()  # fail fast, before rendering, when the seal is not configured
    ack = Acknowledgement.objects.select_related("employee__user", "employee__department", "version__charter").get(
        pk=acknowledgement_id
    )
    pdf = documents.certificate_pdf(ack, language)
    return _store_certificate(ack, language, pdf)


def _store_certificate(ack: Acknowledgement, language: str, pdf: bytes) -> EvidenceFile:
    digest = sha256_of(pdf)
    name = f"certificates/v{ack.version_id}/ack-{ack.pk}-{language}-{digest[:12]}.pdf"
    evidence_write(name, pdf)
    try:
        with transaction.atomic():
            return EvidenceFile.objects.create(
                kind=Kind.CERTIFICATE,
                version_id=ack.version_id,
                acknowledgement=ack,
                language=language,
                file=name,
                sha256=digest,
                size=len(pdf),
                created_at=timezone.now(),
            )
    except IntegrityError:  # another worker stored it first: keep theirs
        evidence_delete(name)
        return EvidenceFile.objects.get(kind=Kind.CERTIFICATE, acknowledgement=ack, language=language)
