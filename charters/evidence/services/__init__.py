"""Writes on evidence, by sub-domain: certificates, exports (asking, running, tidying) and verifications.

Certificates (``certificates``): ``certificate_store`` renders, seals and stores one acknowledgement's
certificate, once. Exports: ``exports`` asks for a version's dossier at the current ledger snapshot and
re-queues exports whose worker died; ``export_runs`` claims and builds it exactly once; ``export_tidying``
deletes what a finished export no longer needs. Verifications (``verifications``): the background check
of an uploaded dossier. The names below are the package's public interface.
"""

from charters.evidence.services.certificates import certificate_store
from charters.evidence.services.export_runs import (
    ExportTakenOver,
    dossier_member_names,
    evidence_export_claim,
    evidence_export_help,
    evidence_export_run,
)
from charters.evidence.services.export_tidying import evidence_export_tidy
from charters.evidence.services.exports import (
    LANGUAGES,
    enqueue_export_on_commit,
    evidence_export_request,
    evidence_exports_requeue,
    export_acknowledgement_ids,
    ledger_snapshot,
)
from charters.evidence.services.verifications import (
    VERIFY_INLINE_MAX_BYTES,
    VerificationTakenOver,
    enqueue_verification_on_commit,
    evidence_verification_claim,
    evidence_verification_discard_upload,
    evidence_verification_needs_job,
    evidence_verification_request,
    evidence_verification_run,
)

__all__ = [
    "LANGUAGES",
    "VERIFY_INLINE_MAX_BYTES",
    "ExportTakenOver",
    "VerificationTakenOver",
    "certificate_store",
    "dossier_member_names",
    "enqueue_export_on_commit",
    "enqueue_verification_on_commit",
    "evidence_export_claim",
    "evidence_export_help",
    "evidence_export_request",
    "evidence_export_run",
    "evidence_export_tidy",
    "evidence_exports_requeue",
    "evidence_verification_claim",
    "evidence_verification_discard_upload",
    "evidence_verification_needs_job",
    "evidence_verification_request",
    "evidence_verification_run",
    "export_acknowledgement_ids",
    "ledger_snapshot",
]
