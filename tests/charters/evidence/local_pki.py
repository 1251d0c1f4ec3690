"""A certificate authority, a time-stamping authority and a CRL repository on loopback, for the tests.

Certomancer (pyHanko's own test PKI) describes the PKI; its Animator serves the RFC 3161
time-stamping endpoint and the CRLs over HTTP, here on 127.0.0.1 with a port the system picks,
so the portal's real HTTP client path (``EVIDENCE_TSA_URL``) is what the tests exercise.
The seal certificate is issued by the root for ``seal_days`` from now; the TSA's lives for decades,
so a test can travel past the seal's expiry and still have a valid timestamp chain.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from certomancer.integrations.animator import Animator, AnimatorArchStore
from certomancer.registry import ArchLabel, CertLabel, CertomancerConfig, PKIArchitecture
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from werkzeug.serving import make_server

ARCH = "evidence-test"
KEYS = ("root", "tsa", "seal", "ocsp")


@dataclass(frozen=True)
class LocalPki:
    base_url: str
    arch: PKIArchitecture
    root_path: Path  # the root CA certificate (PEM), as an operator would configure it

    @property
    def tsa_url(self) -> str:
        return f"{self.base_url}/{ARCH}/tsa/tsa"

    @property
    def root_certificate(self) -> asn1_x509.Certificate:
        return self.arch.get_cert(CertLabel("root"))

    @property
    def seal_certificate(self) -> asn1_x509.Certificate:
        return self.arch.get_cert(CertLabel("seal"))

    @property
    def tsa_certificate(self) -> asn1_x509.Certificate:
        return self.arch.get_cert(CertLabel("tsa"))

    def seal_pkcs12(self, password: str) -> bytes:
        """The seal's key, certificate and chain, as the company would receive them from its CA."""
        return self.arch.package_pkcs12(CertLabel("seal"), password=password.encode())


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%S+0000")


def _config(base_url: str, key_dir: Path, *, seal_days: int) -> CertomancerConfig:
    now = dt.datetime.now(dt.UTC).replace(microsecond=0)
    crl = {
        "id": "crl_distribution_points",
        "smart-value": {"schema": "crl-dist-url", "params": {"crl-repo-names": ["root"]}},
    }
    aia = {
        "id": "authority_information_access",
        "smart-value": {"schema": "aia-urls", "params": {"ocsp-responder-names": ["root"]}},
    }
    usage = {"id": "key_usage", "critical": True, "smart-value": {"schema": "key-usage"}}
    config = {
        "external-url-prefix": base_url,
        "keysets": {ARCH: {"path-prefix": str(key_dir), "keys": {k: {"path": f"{k}.key.pem"} for k in KEYS}}},
        "pki-architectures": {
            ARCH: {
                "keyset": ARCH,
                "entity-defaults": {"country-name": "FR", "organization-name": "Société Exemple"},
                "entities": {
                    "root": {"common-name": "Exemple Root CA"},
                    "tsa": {"common-name": "Exemple Time Stamping Authority"},
                    "seal": {"common-name": "Société Exemple Seal"},
                    "ocsp": {"common-name": "Exemple OCSP Responder"},
                },
                "certs": {
                    "root": {
                        "subject": "root",
                        "issuer": "root",
                        "validity": {"valid-from": "2000-01-01T00:00:00+0000", "valid-to": "2100-01-01T00:00:00+0000"},
                        "extensions": [
                            {"id": "basic_constraints", "critical": True, "value": {"ca": True}},
                            {
                                **usage,
                                "smart-value": {
                                    **usage["smart-value"],
                                    "params": ["digital_signature", "key_cert_sign", "crl_sign"],
                                },
                            },
                        ],
                    },
                    "tsa": {
                        "issuer": "root",
                        "validity": {"valid-from": "2000-01-01T00:00:00+0000", "valid-to": "2099-01-01T00:00:00+0000"},
                        "extensions": [
                            {**usage, "smart-value": {**usage["smart-value"], "params": ["digital_signature"]}},
                            {"id": "extended_key_usage", "critical": True, "value": ["time_stamping"]},
                            crl,
                            aia,
                        ],
                    },
                    "ocsp": {
                        "issuer": "root",
                        "validity": {"valid-from": "2000-01-01T00:00:00+0000", "valid-to": "2099-01-01T00:00:00+0000"},
                        "extensions": [
                            {**usage, "smart-value": {**usage["smart-value"], "params": ["digital_signature"]}},
                            {"id": "extended_key_usage", "critical": True, "value": ["ocsp_signing"]},
                            {"id": "ocsp_no_check"},
                        ],
                    },
                    "seal": {
                        "issuer": "root",
                        "validity": {
                            "valid-from": _stamp(now - dt.timedelta(days=1)),
                            "valid-to": _stamp(now + dt.timedelta(days=seal_days)),
                        },
                        "extensions": [
                            {
                                **usage,
                                "smart-value": {
                                    **usage["smart-value"],
                                    "params": ["digital_signature", "non_repudiation"],
                                },
                            },
                            crl,
                            aia,
                        ],
                    },
                },
                "services": {
                    "ocsp": {"root": {"for-issuer": "root", "responder-cert": "ocsp", "signing-key": "ocsp"}},
                    "crl-repo": {
                        "root": {"for-issuer": "root", "signing-key": "root", "simulated-update-schedule": "P7D"}
                    },
                    "time-stamping": {"tsa": {"signing-key": "tsa", "signing-cert": "tsa"}},
                },
            }
        },
    }
    return CertomancerConfig(config, key_search_dir=str(key_dir))


class _LateApp:
    """A WSGI app set after the server is bound (the URLs in the certificates need its port)."""

    app: Animator | None = None

    def __call__(self, environ, start_response):  # type: ignore[no-untyped-def]
        assert self.app is not None
        return self.app(environ, start_response)


@contextmanager
def local_pki(directory: Path, *, seal_days: int = 30) -> Iterator[LocalPki]:
    """Run the PKI's services on loopback for the duration of the block."""
    key_dir = directory / "keys"
    key_dir.mkdir(parents=True, exist_ok=True)
    for label in KEYS:
        key = ec.generate_private_key(ec.SECP256R1())
        key_pem = key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        (key_dir / f"{label}.key.pem").write_bytes(key_pem)
    late = _LateApp()
    server = make_server("127.0.0.1", 0, late, threaded=True)
    base_url = f"http://127.0.0.1:{server.server_port}"
    arch = _config(base_url, key_dir, seal_days=seal_days).get_pki_arch(ArchLabel(ARCH))
    late.app = Animator(AnimatorArchStore({arch.arch_label: arch}), with_web_ui=False)
    root_path = directory / "root.pem"
    root_path.write_bytes(pem.armor("CERTIFICATE", arch.get_cert(CertLabel("root")).dump()))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalPki(base_url=base_url, arch=arch, root_path=root_path)
    finally:
        server.shutdown()
        thread.join(timeout=5)
