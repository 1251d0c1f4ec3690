"""Demo data for the evidence export: a trial seal certificate and the demo acknowledgements' certificates."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import TextIO

from django.conf import settings
from django.core.management import call_command
from django.db import transaction


def seed_evidence(stdout: TextIO) -> None:
    """DEMO_SEEDERS entry (after the acknowledgements): a trial seal, and a certificate job per demo acknowledgement.

    Idempotent. Creates a self-signed seal when none exists and a password is set (trials only). The certificate
    jobs are enqueued on commit, for the worker that the run script starts, as the acknowledgement
    service does; certificates already stored are skipped (and the jobs themselves are idempotent).
    """
    from charters.evidence.tasks import enqueue_certificate
    from charters.models import Acknowledgement, EvidenceFile

    if not Path(settings.EVIDENCE_PKCS12_PATH).exists():
        if not settings.EVIDENCE_PKCS12_PASSWORD:
            stdout.write(
                "Demo evidence: no seal (set EVIDENCE_PKCS12_PASSWORD to create a trial one); no certificate.\n"
            )
            return
        call_command("create_seal_certificate", stdout=stdout)
    stored = EvidenceFile.objects.filter(kind=EvidenceFile.Kind.CERTIFICATE, language="fr").values("acknowledgement_id")
    missing = list(Acknowledgement.objects.exclude(pk__in=stored).values_list("pk", flat=True))
    for ack_id in missing:
        transaction.on_commit(partial(enqueue_certificate, ack_id))
    stdout.write(f"Demo evidence: {len(missing)} certificates queued for the worker.\n")
