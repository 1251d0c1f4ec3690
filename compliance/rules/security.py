"""Secrets: API keys and tokens (known formats or high entropy in context), passwords and logins, door or
badge codes, internal host names and intranet URLs, private IP addresses, VPN details."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded, sentence_bounds

KEY_FORMATS = re.compile(
    r"AKIA[0-9A-Z]{16}|\bsk-[A-Za-z0-9_-]{20,}|\bgh[pousr]_[A-Za-z0-9]{30,}|\bxox[abpr]-[A-Za-z0-9-]{10,}"
    r"|-----BEGIN [A-Z ]*PRIVATE KEY-----|\bAIza[0-9A-Za-z_-]{35}|\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}"
    r"|\b(?:Bearer|Basic|token|Token)\s+[A-Za-z0-9._~+/=-]{16,}"
)
TOKEN = re.compile(r"(?<![\w/.-])[A-Za-z0-9_\-+/=]{20,}(?![\w])")
SECRET_CONTEXT = re.compile(r"(?:api|key|cle|token|secret|authorization|bearer|password|mot de passe|credential)")
PASSWORD = re.compile(
    r"(?:password|passwd|pwd|passphrase|mot de passe|mdp|pass|pin)(?:\s+(?:temporaire|provisoire))?"
    r"\s*(?:is|est|=|:|->|c'est)?\s*(?:temporary\s+)?(?:is\s+|est\s+)?[\"'«]?\s*(?P<secret>[^\s\"'»,;]{6,})"
)
LOGIN_PAIR = re.compile(
    r"(?:login|user(?:name)?|identifiant|compte|account)\s*:?\s*(?P<user>[\w.@-]{3,})\s*/\s*(?P<secret>\S{6,})"
)
CODE = re.compile(r"(?:code|digicode|keypad|pin)\b")
DOOR_WORDS = re.compile(
    r"(?:porte|portail|badge|door|gate|keypad|digicode|salle|room|coffre|safe|alarme|alarm|"
    r"acces|access|entree|entrance|local|cadenas|padlock|barriere|parking)"
)
CODE_VALUE = re.compile(r"(?<![\w.,])\d{3,8}[a-z*#]?(?![\w])")
HOST = re.compile(
    r"(?:https?://)?(?:[a-z0-9-]+\.)+(?:lan|local|corp|internal|intra|intranet|priv|localdomain)"
    r"(?![\w])(?::\d+)?(?:/[^\s]*)?|(?:https?://)?(?:intranet|intra|wiki|jira|confluence|gitlab|"
    r"sharepoint|vpn[\w-]*)\.[a-z0-9.-]+\.[a-z]{2,}(?:/[^\s]*)?"
)
UNC_PATH = re.compile(r"\\\\[\w.-]+\\[\w$.-]+")
PRIVATE_IP = re.compile(r"(?<![\d.])(?:10\.\d{1,3}|192\.168|172\.(?:1[6-9]|2\d|3[01]))\.\d{1,3}\.\d{1,3}(?![\d.])")
WEAK_PASSWORD_WORDS = frozenset("required oublie oublié forgotten change changer reset reinitialiser".split())


def entropy(s: str) -> float:
    counts = Counter(s)
    return -sum(c / len(s) * math.log2(c / len(s)) for c in counts.values())


class SecretsRule(Rule):
    rule_id = "security.secret"
    category = "confidentiality.security"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        text, low = doc.text, folded(doc)
        for m in KEY_FORMATS.finditer(text):
            yield self.finding(*m.span(), what="key")
        for m in TOKEN.finditer(text):
            t = m.group()
            if (
                re.search(r"\d", t)
                and re.search(r"[A-Za-z]", t)
                and entropy(t) > 3.5
                and SECRET_CONTEXT.search(low, max(0, m.start() - 60), m.start())
            ):
                yield self.finding(*m.span(), what="token")
        for m in [*PASSWORD.finditer(low), *LOGIN_PAIR.finditer(low)]:
            secret = text[m.start("secret") : m.end("secret")]
            if self._looks_secret(secret):
                yield self.finding(m.start("secret"), m.end("secret"), what="password")
        yield from self._door_codes(low)
        for m in HOST.finditer(low):
            yield self.finding(*m.span(), what="host")
        for m in UNC_PATH.finditer(text):
            yield self.finding(*m.span(), what="host")
        for m in PRIVATE_IP.finditer(text):
            yield self.finding(*m.span(), what="ip")

    def _door_codes(self, low: str) -> Iterator[Finding]:
        for m in CODE.finditer(low):
            s, e = sentence_bounds(low, m.start())
            sentence = low[s:e]
            if re.search(r"promo|reduction|discount|postal|zip|source|couleur|colour|color|naf|ape", sentence):
                continue
            if not DOOR_WORDS.search(sentence):
                continue
            v = CODE_VALUE.search(low, m.end(), min(e, m.end() + 80))
            if v:
                yield self.finding(v.start(), v.end(), what="door_code")

    @staticmethod
    def _looks_secret(secret: str) -> bool:
        if secret.lower().strip(".!?") in WEAK_PASSWORD_WORDS:
            return False
        classes = sum(bool(re.search(p, secret)) for p in (r"[a-z]", r"[A-Z]", r"\d", r"[^\w]"))
        return classes >= 2 and len(secret) >= 6
