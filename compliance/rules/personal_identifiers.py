"""Another person's contact or identifier: e-mail (not a role address, not a public contact), phone
(French or international, not a public number), IBAN (mod-97), French NIR (with its key), UK NI number,
patient / customer / record numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded

EMAIL = re.compile(
    r"(?P<local>[\w.+-]+)(?:@|\s*[\(\[]\s?(?:at|arobase)\s?[\)\]]\s*)"
    r"(?P<domain>[\w-]+(?:(?:\.|\s?[\(\[]\s?(?:dot|point)\s?[\)\]]\s?)[\w-]+)+)",
    re.I,
)
ROLE_LOCALS = frozenset(
    "contact info information infos presse press media medias recrutement recruitment jobs careers carrieres "
    "rh hr support service customercare customerservice sav hello bonjour sales ventes commercial communication "
    "noreply no-reply admin webmaster accueil newsletter investors investisseurs legal juridique dpo privacy "
    "rgpd gdpr team equipe office reception".split()
)
PHONE = re.compile(
    r"(?<![\w+])(?:(?:\+|00)\s?\d{1,3}[\s.-]?(?:\(0\)\s?)?\d{1,4}(?:[\s.-]?\d{2,4}){2,4}"
    r"|0[1-9](?:[\s.-]?\d{2}){4}|07\d{3}\s?\d{6})(?![\w])"
)
IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:[ ]?[A-Z0-9]{4}){2,7}(?:[ ]?[A-Z0-9]{1,3})?\b")
NIR = re.compile(
    r"(?<!\d)[12][\s.]?\d{2}[\s.]?\d{2}[\s.]?(?:\d{2}|2[AB])[\s.]?\d{3}[\s.]?\d{3}(?:[\s.]?(?P<key>\d{2}))?(?!\d)"
)
UK_NINO = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2}\s?\d{2}\s?\d{2}\s?\d{2}\s?[A-D]\b")
RECORD = re.compile(
    r"(?:dossier(?: (?:patient|client|medical|mutuelle))?|patient|client|customer|record|account|compte client|"
    r"matricule|securite sociale|social security|n° (?:client|dossier|patient))\s*(?:n°|no\.?|number|numero|num|#|:)?"
    r"\s*:?\s*(?P<id>[a-z]{0,4}[-/]?\d[\d\-/]{3,})",
)


def iban_valid(raw: str) -> bool:
    s = raw.replace(" ", "")
    if not 15 <= len(s) <= 34:
        return False
    digits = "".join(str(int(c, 36)) for c in s[4:] + s[:4])
    return int(digits) % 97 == 1


def nir_valid(raw: str, key: str | None) -> bool:
    s = re.sub(r"[\s.]", "", raw)
    body = s[:13].upper().replace("2A", "19").replace("2B", "18")
    if key is None or not body.isdigit():
        return False
    return 97 - int(body) % 97 == int(key)


class PersonalIdentifiersRule(Rule):
    rule_id = "personal_data.identifier"
    category = "confidentiality.personal_data"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        text, low = doc.text, folded(doc)
        yield from self._emails(text, low, context)
        taken: list[tuple[int, int]] = []
        for m in IBAN.finditer(text):
            if iban_valid(m.group()):
                taken.append(m.span())
                yield self.finding(*m.span(), what="iban")
        for m in NIR.finditer(text):
            if nir_valid(m.group(), m.group("key")):
                taken.append(m.span())
                yield self.finding(*m.span(), what="national_id")
        for m in UK_NINO.finditer(text):
            yield self.finding(*m.span(), what="national_id")
        for m in PHONE.finditer(text):
            digits = re.sub(r"\D", "", m.group())
            if len(digits) < 9 or any(a <= m.start() < b for a, b in taken):
                continue
            if any(digits[-9:] == d[-9:] for d in context.public_digit_strings if len(d) >= 9):
                continue
            yield self.finding(*m.span(), what="phone")
        for m in RECORD.finditer(low):
            if sum(c.isdigit() for c in m.group("id")) >= 4 and not re.fullmatch(r"(19|20)\d\d", m.group("id")):
                yield self.finding(*m.span(), what="record")

    def _emails(self, text: str, low: str, context: CheckerContext) -> Iterator[Finding]:
        for m in EMAIL.finditer(low):
            local = m.group("local").strip(".")
            domain = re.sub(r"\s*[\(\[]\s?(?:dot|point)\s?[\)\]]\s*|\s", ".", m.group("domain")).replace("..", ".")
            if "." not in domain or not re.search(r"\.[a-z]{2,24}$", domain):
                continue  # "Pa@ss-w0rd26. Please" is a password before a sentence, not an address
            address = f"{local}@{domain}"
            if local.split("+")[0] in ROLE_LOCALS or address in context.public_text:
                continue
            yield self.finding(*m.span(), what="email")
