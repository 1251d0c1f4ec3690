"""Non-public figures: revenue, margins, forecasts, budgets, deal amounts, order books, in digits or words,
with or without a currency. Figures that appear in the public facts are not flagged."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext, normalize_number
from compliance.rules.base import Finding, Rule, Severity, folded, words_alternation

KEYWORDS = [
    "chiffre d'affaires",
    "ca",
    "marge",
    "marges",
    "margin",
    "margins",
    "budget",
    "budgets",
    "prevision",
    "previsions",
    "previsionnel",
    "forecast",
    "forecasts",
    "objectif",
    "objectifs",
    "target",
    "targets",
    "ebitda",
    "ebit",
    "resultat",
    "resultats",
    "benefice",
    "benefices",
    "profit",
    "profits",
    "perte",
    "pertes",
    "loss",
    "losses",
    "carnet de commandes",
    "order book",
    "backlog",
    "revenue",
    "revenues",
    "turnover",
    "sales",
    "ventes",
    "tresorerie",
    "cash",
    "valorisation",
    "valuation",
    "prix catalogue",
    "list price",
    "remise",
    "discount",
    "rabais",
    "contrat",
    "contract",
    "deal",
    "accord",
    "units",
    "unites",
    "volumes",
    "commande",
    "commandes",
    "order",
    "orders",
    "cout",
    "couts",
    "cost",
    "costs",
    "economies",
    "savings",
]
MAGNITUDE = r"(?:k|m|md|mds|bn|k€|m€|md€|millions?|milliards?|million|billion|thousand|mille)"
CURRENCY = r"(?:€|£|\$|eur|euros?|dollars?|livres?|pounds?|gbp|usd|chf)"
NUMBER = r"\d[\d\s.,]*\d|\d"
MONEY = re.compile(
    rf"(?:{CURRENCY}\s?(?P<a>{NUMBER})\s?{MAGNITUDE}?|(?P<b>{NUMBER})\s?{MAGNITUDE}?\s?(?:d')?\s?{CURRENCY}"
    rf"|(?P<c>{NUMBER})\s?{MAGNITUDE}(?![\w]))",
    re.I,
)
QUANTITY = re.compile(rf"(?<![\w.,])(?P<n>{NUMBER})(?:\s?%|\s?pts?)?(?![\w])")
NUMBER_WORDS = re.compile(
    r"(?<![\w])(?:deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|quinze|vingt|trente|quarante|"
    r"cinquante|soixante|cent|mille|millions?|milliards?|two|three|four|five|six|seven|eight|nine|ten|twelve|"
    r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|billion)(?![\w])"
)
YEAR = re.compile(r"(?:19|20)\d\d")


class FinancialFiguresRule(Rule):
    rule_id = "financial.figure"
    category = "confidentiality.financial"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        keywords = context.memo(
            "financial.keywords", lambda: re.compile(rf"(?<![\w])(?:{words_alternation(KEYWORDS)})(?![\w])")
        )
        public = context.public_numbers
        seen: set[int] = set()
        for m in MONEY.finditer(low):
            raw = m.group("a") or m.group("b") or m.group("c")
            if self._is_public(raw, public) or YEAR.fullmatch(raw.strip()):
                continue
            has_magnitude = re.search(rf"{MAGNITUDE}(?![\w])", m.group(), re.I) is not None
            if has_magnitude or keywords.search(low, max(0, m.start() - 80), m.end() + 80):
                seen.add(m.start())
                yield self.finding(*m.span(), figure=m.group().strip())
        if seen:
            return
        for k in keywords.finditer(low):
            lo, hi = max(0, k.start() - 90), k.end() + 90
            for q in QUANTITY.finditer(low, lo, hi):
                n = q.group("n")
                if YEAR.fullmatch(n) or self._is_public(n, public) or len(re.sub(r"\D", "", n)) < 2:
                    continue
                if re.match(
                    r"\s?(?:h\b|min|ans|years|jours|days|semaines|weeks|cm|kg|°|personnes|people)", low[q.end() :]
                ):
                    continue
                yield self.finding(q.start(), q.end(), figure=q.group())
                return
            w = NUMBER_WORDS.search(low, lo, hi)
            if w and k.group() in ("carnet de commandes", "order book", "backlog", "budget", "forecast", "prevision"):
                yield self.finding(w.start(), w.end(), figure=w.group())
                return

    @staticmethod
    def _is_public(raw: str, public: frozenset[str]) -> bool:
        return normalize_number(raw.strip(" .,")) in public
