"""Self-signed seal certificates for trials (production uses the company's own PKCS#12 file)."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PrivateKey = ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


def self_signed_certificate(
    *,
    common_name: str,
    organization: str = "",
    days: int = 3 * 365,
    time_stamping: bool = False,
    key_type: Literal["ec", "rsa"] = "ec",
) -> tuple[PrivateKey, x509.Certificate]:
    """A key and a self-signed certificate for sealing documents.

    ECDSA P-256 by default rather than RSA: signing is far cheaper, which matters for 10,000
    certificates, and Acrobat and pyHanko validate it. ``time_stamping=True`` makes a
    time-stamping authority certificate instead (for a local fake TSA in tests).
    """
    key: PrivateKey = (
        ec.generate_private_key(ec.SECP256R1()) if key_type == "ec" else rsa.generate_private_key(65537, 2048)
    )
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name)]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization))
    name = x509.Name(attributes)
    now = dt.datetime.now(dt.UTC)
    usage = ExtendedKeyUsageOID.TIME_STAMPING if time_stamping else ExtendedKeyUsageOID.EMAIL_PROTECTION
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(minutes=5))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=time_stamping)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    return key, certificate


def self_signed_pkcs12(*, common_name: str, password: str, organization: str = "", days: int = 3 * 365) -> bytes:
    """A PKCS#12 file (key + self-signed certificate) protected by ``password``."""
    key, certificate = self_signed_certificate(common_name=common_name, organization=organization, days=days)
    encryption = serialization.BestAvailableEncryption(password.encode())
    return pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, certificate, cas=None, encryption_algorithm=encryption
    )
