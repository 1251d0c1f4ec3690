"""A realistic certificate context with made-up values, for tests, benchmarks and trials."""

from __future__ import annotations

import hashlib
from typing import Any

from charters.evidence.pdf import qr_code_data_url

CERTIFICATE_TEMPLATE = "charters/evidence/certificate.html"


def sample_certificate_context(index: int = 1) -> dict[str, Any]:
    """Context for ``charters/evidence/certificate.html``: ~25 fields, French accents included."""
    code = hashlib.sha256(f"ack-{index}".encode()).hexdigest()[:10].upper()
    url = f"https://portail.example.org/verifier/{code}"
    return {
        "company": "Société Générale d'Équipements Électriques SAS",
        "employee": {
            "name": f"Hélène Lefèvre-Çelik n°{index}",
            "email": f"helene.lefevre{index}@example.org",
            "number": f"E{index:06d}",
            "department": "Ressources humaines – Île-de-France",
        },
        "charter": {
            "name": "Charte d'utilisation des réseaux sociaux",
            "version": 3,
            "effective_date": "1er décembre 2026",
            "text_language": "français",
            "text_sha256": hashlib.sha256(b"charte v3").hexdigest(),
        },
        "consent_text": "Je reconnais avoir lu et compris la charte ci-dessus et m'engage à la respecter.",
        "typed_name": "Hélène Lefèvre-Çelik",
        "opened_at": "21/11/2026 09:12:03 (UTC+01:00)",
        "acknowledged_at": "21/11/2026 09:19:47 (UTC+01:00)",
        "time_spent": "7 min 44 s",
        "ip_address": f"2001:db8::{index:x}",
        "user_agent": "Mozilla/5.0 (X11; Linux x86_64; rv:132.0) Gecko/20100101 Firefox/132.0",
        "auth_method": "SSO (OpenID Connect) + mot de passe",
        "quiz_result": "4/5 (réussi)",
        "ledger": {
            "position": 1000 + index,
            "entry_hash": hashlib.sha256(f"entry-{index}".encode()).hexdigest(),
            "previous_hash": hashlib.sha256(f"entry-{index - 1}".encode()).hexdigest(),
        },
        "verification": {"code": code, "url": url, "qr_data_url": qr_code_data_url(url)},
        "generated_at": "21/11/2026 11:20:00 (UTC+01:00)",
    }
