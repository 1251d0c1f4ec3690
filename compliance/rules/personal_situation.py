"""A named person's private situation: health or sick leave, salary, home address, birth date."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.people import person_names
from compliance.rules.base import Finding, Rule, Severity, folded, words_alternation

HEALTH = [
    "arret maladie",
    "en arret",
    "arret de travail",
    "conge maladie",
    "burn-out",
    "burnout",
    "malade",
    "maladie",
    "hospitalise",
    "hospitalisee",
    "a l'hopital",
    "opere",
    "operee",
    "chimio",
    "chimiotherapie",
    "cancer",
    "depression",
    "enceinte",
    "grossesse",
    "fausse couche",
    "diabete",
    "therapie",
    "fracture",
    "s'est casse",
    "sick leave",
    "off sick",
    "on sick",
    "is sick",
    "illness",
    "in hospital",
    "hospitalised",
    "hospitalized",
    "surgery",
    "broke his",
    "broke her",
    "broken leg",
    "broken arm",
    "pregnant",
    "miscarriage",
    "diagnosed",
    "chemo",
    "chemotherapy",
    "medical leave",
    "maternity leave",
    "paternity leave",
    "conge maternite",
    "conge paternite",
    "conge maladie",
    "off work",
    "mental health",
    "rehab",
]
SALARY = [
    "salaire",
    "remuneration",
    "gagne",
    "brut annuel",
    "net par mois",
    "par an",
    "augmentation de",
    "salary",
    "earns",
    "paid",
    "pay rise",
    "a year",
    "per year",
    "per annum",
    "package",
    "company car",
    "voiture de fonction",
    "prime de",
]
MONEY = re.compile(r"(?:[£$€]\s?\d[\d\s.,]*\s?(?:k|K)?|\d[\d\s.,]*\s?(?:k|K)?\s?(?:€|£|\$|euros?|eur\b|k€|k£))")
FR_ADDRESS = re.compile(
    r"\b\d{1,4}(?:\s?(?:bis|ter))?,?\s(?:rue|avenue|boulevard|chemin|allee|impasse|quai)\s[\w' -]{3,40}"
)
EN_ADDRESS = re.compile(r"\b\d{1,4}\s[A-Z][a-z]+\s(?:Street|Road|Avenue|Lane|Close|Drive|Crescent|Gardens)\b")
BIRTH = re.compile(r"\b(?:ne|nee|born)\s(?:le\s|on\s)?\d{1,2}(?:er)?[\s/.-](?:\d{1,2}|[a-z]+)[\s/.-](?:19|20)\d\d")


class PersonalSituationRule(Rule):
    rule_id = "personal_data.situation"
    category = "confidentiality.personal_data"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        text, low = doc.text, folded(doc)
        names = person_names(text, context)
        health = context.memo(
            "personal.health", lambda: re.compile(rf"(?<![\w])(?:{words_alternation(HEALTH)})(?![\w])")
        )
        salary = context.memo(
            "personal.salary", lambda: re.compile(rf"(?<![\w])(?:{words_alternation(SALARY)})(?![\w])")
        )
        for m in [*FR_ADDRESS.finditer(low), *EN_ADDRESS.finditer(text)]:
            if low[m.start() : m.end()] not in context.public_text:
                yield self.finding(*m.span(), what="address")
        for m in BIRTH.finditer(low):
            yield self.finding(*m.span(), what="birth_date")
        if not names:
            return
        for m in health.finditer(low):
            if self._near(names, m.start(), 220) and not self._first_person(low, m.start()):
                yield self.finding(*m.span(), what="health")
        for m in MONEY.finditer(text):
            if self._near(names, m.start(), 200) and salary.search(low, max(0, m.start() - 120), m.end() + 120):
                yield self.finding(*m.span(), what="salary")

    @staticmethod
    def _near(names: list[tuple[int, int]], pos: int, distance: int) -> bool:
        return any(abs(pos - a) <= distance or abs(pos - b) <= distance for a, b in names)

    @staticmethod
    def _first_person(low: str, pos: int) -> bool:
        before = low[max(0, pos - 40) : pos]
        return bool(re.search(r"(?<![\w])(?:j'|je |i |i'm |i've |my |ma |mon |moi )", before))
