"""Verify sealed evidence PDFs, and hash files for dossier manifests.

:func:`verify_pdf` answers what legal (and ``manage.py verify_evidence``, issue 5) needs to say:
is the PDF sealed, is the seal intact, does it cover the whole file (nothing appended or changed
after sealing), and was it made with the company's certificate. A long-term (PAdES B-LTA) seal is
checked as ETSI EN 319 102-1 says, from its embedded validation data and document timestamps, so it
still verifies after the seal certificate expired; its time-stamping authority and time are
reported. Problems are codes
(:class:`Problem`); :meth:`Problem.message` renders one in the reader's language when displayed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import BinaryIO

from asn1crypto import cms
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.ades.report import AdESPassed
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.ades import ades_lta_validation
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.policy_decl import (
    CertValidationPolicySpec,
    PdfSignatureValidationSpec,
    RevinfoOnlineFetchingRule,
    RevocationInfoGatheringSpec,
    SignatureValidationSpec,
)
from pyhanko.sign.validation.status import ModificationLevel, PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pyhanko_certvalidator.policy_decl import REQUIRE_REVINFO, CertRevTrustPolicy
from pyhanko_certvalidator.registry import SimpleTrustManager

from charters.evidence.sealing import get_signer, trust_roots


class Problem(StrEnum):
    UNREADABLE = "unreadable"
    UNSIGNED = "unsigned"
    SEVERAL_SIGNATURES = "several_signatures"
    SIGNATURE_NOT_INTACT = "signature_not_intact"
    SIGNATURE_INVALID = "signature_invalid"
    SEAL_ALTERED = "seal_altered"
    NOT_WHOLE_FILE = "not_whole_file"
    UNEXPECTED_CERTIFICATE = "unexpected_certificate"
    LONG_TERM_INVALID = "long_term_invalid"

    def message(self) -> str:
        return gettext(str(_MESSAGES[self]))


_MESSAGES = {
    Problem.UNREADABLE: _("The file is not a readable PDF."),
    Problem.UNSIGNED: _("The PDF carries no seal."),
    Problem.SEVERAL_SIGNATURES: _("The PDF carries more than one signature; evidence PDFs carry exactly one seal."),
    Problem.SIGNATURE_NOT_INTACT: _("The content was changed after it was sealed."),
    Problem.SIGNATURE_INVALID: _("The seal's cryptographic signature is invalid."),
    Problem.SEAL_ALTERED: _("The seal itself was altered after sealing."),
    Problem.NOT_WHOLE_FILE: _("The seal does not cover the whole file: something was added or changed after sealing."),
    Problem.UNEXPECTED_CERTIFICATE: _("The PDF was sealed with a certificate other than the company's."),
    Problem.LONG_TERM_INVALID: _(
        "The seal's long-term validation data (timestamps, certificates, revocation answers) does not prove it valid."
    ),
}


@dataclass(frozen=True, slots=True)
class SealVerification:
    """What :func:`verify_pdf` found. ``ok`` is true when ``problems`` is empty."""

    problems: tuple[Problem, ...]
    sha256: str
    signer_subject: str = ""
    signer_certificate_sha256: str = ""
    signed_at: dt.datetime | None = None  # as claimed by the signer
    timestamped_at: dt.datetime | None = None  # from a time-stamping authority, if any
    timestamp_authority: str = ""  # the subject of the TSA's certificate
    long_term: bool = False  # PAdES B-LTA: validation data embedded and timestamped, and it holds
    details: tuple[str, ...] = field(default=())  # technical detail for logs, not for users

    @property
    def ok(self) -> bool:
        return not self.problems


def certificate_sha256(certificate: asn1_x509.Certificate | bytes) -> str:
    """Hex SHA-256 of a certificate's DER encoding (its usual fingerprint)."""
    der = certificate if isinstance(certificate, bytes) else certificate.dump()
    return hashlib.sha256(der).hexdigest()


def verify_pdf(pdf: bytes, *, trusted_certificates: Iterable[asn1_x509.Certificate] | None = None) -> SealVerification:
    """Check a sealed PDF: one seal, intact, covering the whole file, made by a trusted certificate.

    ``trusted_certificates`` defaults to the configured company certificate
    (:func:`company_certificates`, which needs the PKCS#12 file); pass past certificates too after
    a renewal. An explicit empty list reports the signer's identity without checking it.
    """
    digest = sha256_of(pdf)
    try:
        reader = PdfFileReader(io.BytesIO(pdf), strict=False)
        signatures = reader.embedded_regular_signatures
        archive_timestamps = reader.embedded_timestamp_signatures
    except Exception as error:  # pyHanko raises many kinds of errors on damaged files
        return SealVerification(problems=(Problem.UNREADABLE,), sha256=digest, details=(repr(error),))
    if not signatures:
        return SealVerification(problems=(Problem.UNSIGNED,), sha256=digest)
    trusted = company_certificates() if trusted_certificates is None else list(trusted_certificates)
    problems: list[Problem] = [Problem.SEVERAL_SIGNATURES] if len(signatures) > 1 else []
    signature = signatures[-1]
    try:
        if archive_timestamps:
            status, long_term = _validate_long_term(signature, trusted)
            if not long_term:
                problems.append(Problem.LONG_TERM_INVALID)
        else:
            context = ValidationContext(trust_roots=trusted, allow_fetching=False) if trusted else None
            status, long_term = validate_pdf_signature(signature, signer_validation_context=context), False
    except Exception as error:  # a damaged CMS blob or byte range
        return SealVerification(problems=(*problems, Problem.SIGNATURE_INVALID), sha256=digest, details=(repr(error),))
    if not status.intact:
        problems.append(Problem.SIGNATURE_NOT_INTACT)
    elif not status.valid:
        problems.append(Problem.SIGNATURE_INVALID)
    if not all(_only_zero_padding_after_signature(s) for s in (signature, *archive_timestamps)):
        problems.append(Problem.SEAL_ALTERED)
    if not _covers_whole_file(status, archive_timestamps):
        problems.append(Problem.NOT_WHOLE_FILE)
    cert = status.signing_cert
    fingerprint = certificate_sha256(cert)
    if trusted and fingerprint not in {certificate_sha256(c) for c in trusted}:
        problems.append(Problem.UNEXPECTED_CERTIFICATE)
    timestamp = status.timestamp_validity
    stamped = timestamp is not None and timestamp.intact and timestamp.valid
    return SealVerification(
        problems=tuple(problems),
        sha256=digest,
        signer_subject=cert.subject.human_friendly,
        signer_certificate_sha256=fingerprint,
        signed_at=status.signer_reported_dt,
        timestamped_at=timestamp.timestamp if stamped else None,
        timestamp_authority=timestamp.signing_cert.subject.human_friendly if stamped else "",
        long_term=long_term,
        details=(f"coverage={status.coverage}", f"modification_level={status.modification_level}"),
    )


def _covers_whole_file(status: PdfSignatureStatus, archive_timestamps: list[EmbeddedPdfSignature]) -> bool:
    """The seal covers the whole file, or (B-LTA) only validation data and document timestamps follow
    it and the last document timestamp covers the whole file."""
    if not archive_timestamps:
        return status.coverage == SignatureCoverageLevel.ENTIRE_FILE
    return (
        status.modification_level is not None
        and status.modification_level <= ModificationLevel.LTA_UPDATES
        and archive_timestamps[-1].evaluate_signature_coverage() == SignatureCoverageLevel.ENTIRE_FILE
    )


def _validate_long_term(
    signature: EmbeddedPdfSignature, trusted: list[asn1_x509.Certificate]
) -> tuple[PdfSignatureStatus, bool]:
    """The seal's status from an AdES long-term validation, and whether it passed.

    Past validation uses only what the PDF embeds; the current status of the last document
    timestamp's certificate is asked online (EVIDENCE_VERIFY_ONLINE), as the standard requires.
    """
    fetching = (
        RevinfoOnlineFetchingRule.NO_HISTORICAL_FETCH
        if getattr(settings, "EVIDENCE_VERIFY_ONLINE", True)
        else RevinfoOnlineFetchingRule.LOCAL_ONLY
    )
    spec = PdfSignatureValidationSpec(
        SignatureValidationSpec(
            cert_validation_policy=CertValidationPolicySpec(
                trust_manager=SimpleTrustManager.build(trust_roots=[*trusted, *trust_roots()]),
                revinfo_policy=CertRevTrustPolicy(revocation_checking_policy=REQUIRE_REVINFO),
            ),
            revinfo_gathering_policy=RevocationInfoGatheringSpec(fetching),
        )
    )
    result = asyncio.run(ades_lta_validation(signature, spec))
    if result.api_status is None:
        raise ValueError(f"long-term validation gave no status: {result.failure_msg}")
    return result.api_status, result.ades_subindic == AdESPassed.OK


def _only_zero_padding_after_signature(signature: EmbeddedPdfSignature) -> bool:
    """The signature's /Contents is reserved larger than the CMS blob and padded with zeros; the
    padding is outside the signed byte range, so a changed padding byte must be caught here."""
    contents = signature.pkcs7_content
    used = len(cms.ContentInfo.load(contents).dump())
    return not contents[used:].strip(b"\x00")


def company_certificates() -> list[asn1_x509.Certificate]:
    """The configured seal certificate (from the PKCS#12 file), as a list for ``verify_pdf``."""
    certificate = get_signer().signing_cert
    return [certificate] if certificate is not None else []


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of bytes, as written in dossier manifests."""
    return hashlib.sha256(data).hexdigest()


def sha256_of_stream(stream: BinaryIO, *, chunk_size: int = 1 << 20) -> str:
    """Hex SHA-256 of a binary stream read in chunks (large files, ZIP members)."""
    digest = hashlib.sha256()
    while chunk := stream.read(chunk_size):
        digest.update(chunk)
    return digest.hexdigest()


def sha256_of_file(path: Path) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    with path.open("rb") as stream:
        return sha256_of_stream(stream)
