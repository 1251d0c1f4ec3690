"""Seal evidence PDFs with pyHanko: PAdES baseline B, or B-LTA with a time-stamping authority.

The company certificate and key come from a PKCS#12 file (``settings.EVIDENCE_PKCS12_PATH``,
password ``settings.EVIDENCE_PKCS12_PASSWORD``); ``manage.py create_seal_certificate`` makes a
self-signed one for trials. The signer is loaded once per process (keyed by path, password and
the file's modification time, so a replaced file or ``override_settings`` in tests is picked up).
When ``settings.EVIDENCE_TSA_URL`` is set, each seal carries an RFC 3161 timestamp from it (B-T);
then, unless ``settings.EVIDENCE_LONG_TERM`` is off, the certificates and revocation answers (OCSP,
CRL) that prove the seal and the timestamp valid are embedded in the PDF's document security store
(B-LT) and sealed in turn by a document timestamp (B-LTA), so the dossier still verifies after the
seal certificate expires. The chains end at ``settings.EVIDENCE_TRUST_ROOTS`` (the root certificates
of the seal's and the TSA's certificate authorities) or at the seal certificate itself when it is
self-signed.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from django.conf import settings
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko.sign.signers.pdf_signer import TimestampDSSContentSettings
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.validation import add_validation_info
from pyhanko_certvalidator import ValidationContext

SEAL_FIELD_NAME = "CompanySeal"
SIGNER_KEY_USAGE = frozenset({"digital_signature", "non_repudiation"})
# Room reserved in each PDF for the CMS signature (written in hex, so twice this in the file).
# Giving pyHanko a size skips its estimate, a dummy signature per document (half the sealing time).
# The certificates dominate: the reservation is their size plus room for the signed attributes and
# an RSA-4096 signature value, plus a generous allowance for a timestamp token (which embeds the
# TSA's own certificates).
SIGNATURE_OVERHEAD_BYTES = 4_096
TIMESTAMP_TOKEN_BYTES = 16_384


class SealUnavailable(RuntimeError):
    """The PKCS#12 file is missing or cannot be opened with the configured password."""


class TrustRootUnavailable(RuntimeError):
    """A file of ``EVIDENCE_TRUST_ROOTS`` is missing or is not a certificate."""


@functools.cache
def _load_signer(path: Path, password: str, mtime_ns: int) -> signers.SimpleSigner:
    try:
        signer = signers.SimpleSigner.load_pkcs12(str(path), passphrase=password.encode() if password else None)
    except ValueError as error:
        raise SealUnavailable(f"Cannot open the PKCS#12 file {path}: {error}") from error
    if signer is None:  # pyHanko logs the reason and returns None
        raise SealUnavailable(f"Cannot open the PKCS#12 file {path} with the configured password")
    return signer


def get_signer() -> signers.SimpleSigner:
    """The company's signer, from the configured PKCS#12 file, loaded once per process."""
    path = Path(settings.EVIDENCE_PKCS12_PATH)
    try:
        mtime_ns = path.stat().st_mtime_ns
    except FileNotFoundError as error:
        raise SealUnavailable(f"No PKCS#12 file at {path}: run `manage.py create_seal_certificate`") from error
    return _load_signer(path, settings.EVIDENCE_PKCS12_PASSWORD, mtime_ns)


def get_timestamper() -> TimeStamper | None:
    """A client of the configured RFC 3161 time-stamping authority, or None.

    Not cached: pyHanko's client opens its HTTP session inside the event loop of each signing.
    """
    url = settings.EVIDENCE_TSA_URL
    return HTTPTimeStamper(url, https=url.lower().startswith("https:"), timeout=10) if url else None


@functools.cache
def _load_certificate(path: Path, mtime_ns: int) -> asn1_x509.Certificate:
    data = path.read_bytes()
    try:
        return asn1_x509.Certificate.load(pem.unarmor(data)[2] if pem.detect(data) else data)
    except ValueError as error:
        raise TrustRootUnavailable(f"{path} is not a certificate (PEM or DER): {error}") from error


def trust_roots() -> list[asn1_x509.Certificate]:
    """The certificates of ``settings.EVIDENCE_TRUST_ROOTS`` (PEM or DER files), loaded once per file version."""
    roots = []
    for name in getattr(settings, "EVIDENCE_TRUST_ROOTS", ()):
        path = Path(name)
        try:
            mtime_ns = path.stat().st_mtime_ns
        except FileNotFoundError as error:
            raise TrustRootUnavailable(f"No certificate at {path} (EVIDENCE_TRUST_ROOTS)") from error
        roots.append(_load_certificate(path, mtime_ns))
    return roots


def _bytes_reserved(signer: signers.Signer, *, timestamped: bool) -> int:
    certificates = {signer.signing_cert.dump()} if signer.signing_cert is not None else set()
    registry = getattr(signer, "cert_registry", None)
    if registry is not None:
        certificates.update(certificate.dump() for certificate in registry)
    reserved = sum(len(der) for der in certificates) + SIGNATURE_OVERHEAD_BYTES
    if timestamped:
        reserved += TIMESTAMP_TOKEN_BYTES
    return -(-reserved // 256) * 256  # pyHanko wants an even number


def seal_pdf(
    pdf: bytes,
    *,
    reason: str = "",
    location: str = "",
    signer: signers.Signer | None = None,
    timestamper: TimeStamper | None = None,
) -> bytes:
    """The PDF with the company's PAdES seal appended as an incremental update.

    ``signer`` and ``timestamper`` default to the configured ones (:func:`get_signer`,
    :func:`get_timestamper`); passing them is for tests and trials.
    """
    meta = signers.PdfSignatureMetadata(
        field_name=SEAL_FIELD_NAME,
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason or None,
        location=location or None,
        signer_key_usage=set(SIGNER_KEY_USAGE),
    )
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
    output = io.BytesIO()
    signer = signer or get_signer()
    timestamper = timestamper or get_timestamper()
    signers.sign_pdf(
        writer,
        meta,
        signer=signer,
        timestamper=timestamper,
        bytes_reserved=_bytes_reserved(signer, timestamped=timestamper is not None),
        output=output,
    )
    if timestamper is None or not getattr(settings, "EVIDENCE_LONG_TERM", True):
        return output.getvalue()
    return _add_long_term_data(output, signer=signer, timestamper=timestamper)


def _add_long_term_data(sealed: io.BytesIO, *, signer: signers.Signer, timestamper: TimeStamper) -> bytes:
    """B-LT then B-LTA: embed what proves the seal valid, fetched after sealing (so the revocation
    answers postdate the seal's timestamp, as a later verifier requires), then timestamp the lot."""
    anchors = trust_roots()
    own = signer.signing_cert
    if own is not None and own.self_signed:
        anchors.append(own)
    # hard-fail: a seal whose revocation status cannot be had now is not sealed (the job retries)
    context = ValidationContext(trust_roots=anchors, allow_fetching=True, revocation_mode="hard-fail")
    seal = PdfFileReader(sealed, strict=False).embedded_regular_signatures[0]
    try:
        with_dss = add_validation_info(seal, context, in_place=False)
    except Exception as error:  # pyHanko and its validator raise many kinds: say what to look at
        raise SealUnavailable(
            "Cannot gather the seal's long-term validation data (check EVIDENCE_TRUST_ROOTS and that the "
            f"certificate authorities' OCSP/CRL services answer): {error}"
        ) from error
    output = io.BytesIO()
    signers.PdfTimeStamper(timestamper).timestamp_pdf(
        IncrementalPdfFileWriter(with_dss, strict=False),
        md_algorithm="sha256",
        validation_context=context,
        bytes_reserved=TIMESTAMP_TOKEN_BYTES,
        output=output,
        # the TSA's own validation data goes in before its timestamp, so the timestamp covers the whole file
        dss_settings=TimestampDSSContentSettings(update_before_ts=True, include_vri=False),
    )
    return output.getvalue()
