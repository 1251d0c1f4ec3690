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
_UNITS_WORDS = (
    r"un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|"
    r"quarante|cinquante|soixante|septante|huitante|octante|nonante|cents?|et|one|two|three|four|five|six|seven|"
    r"eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|and|a"
)
# An amount in words: "quatre-vingt-quatre millions (d'euros)", "forty-six million pounds".
MONEY_WORDS = re.compile(
    rf"(?<![\w])(?:(?:{_UNITS_WORDS})[\s-]+)*(?:{_UNITS_WORDS})[\s-]+(?:millions?|milliards?|billions?|thousand|mille)"
    rf"(?:\s?(?:de |d')?\s?{CURRENCY})?(?![\w])"
)
AMOUNT_WORDS = re.compile(
    r"(?<![\w])(?:enveloppe|envelope|montant|amount|investissement|investment|financement|funding|levee|prix|price|"
    r"cheque|facture|rachat|acquisition|offre|offer|cout|cost|depense|spend|spending)(?![\w])"
)
_WORD_VALUES = {
    **dict.fromkeys(("un", "une", "one", "a"), 1),
    **{
        w: i
        for i, w in enumerate(
            "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize".split(), start=2
        )
    },
    **{
        w: i
        for i, w in enumerate(
            "two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen".split(),
            start=2,
        )
    },
    **dict(
        zip(
            "vingt trente quarante cinquante soixante septante huitante nonante".split(),
            range(20, 100, 10),
            strict=True,
        )
    ),
    **dict(zip("twenty thirty forty fifty sixty seventy eighty ninety".split(), range(20, 100, 10), strict=True)),
    "octante": 80,
}
_SCALES = {
    "mille": 1000,
    "thousand": 1000,
    "million": 10**6,
    "millions": 10**6,
    "milliard": 10**9,
    "milliards": 10**9,
    "billion": 10**9,
    "billions": 10**9,
}


def words_value(phrase: str) -> int:
    """'quatre-vingt-quatre millions' -> 84000000, 'forty-six million' -> 46000000."""
    total = current = 0
    previous = ""
    for t in re.findall(r"[a-z]+", phrase):
        if t in ("vingt", "vingts") and previous == "quatre":
            current += 80 - 4
        elif t in _WORD_VALUES:
            current += _WORD_VALUES[t]
        elif t in ("cent", "cents", "hundred"):
            current = (current or 1) * 100
        elif t in _SCALES:
            total += (current or 1) * _SCALES[t]
            current = 0
        previous = t
    return total + current


STRONG = frozenset(
    {"carnet de commandes", "order book", "backlog", "budget", "forecast", "prevision", "marge", "margin"}
)
# Keywords strong enough to make a bare number (no currency) a financial figure.
BARE_KEYWORDS = frozenset(
    {
        "budget",
        "budgets",
        "marge",
        "marges",
        "margin",
        "margins",
        "forecast",
        "forecasts",
        "prevision",
        "previsions",
        "previsionnel",
        "chiffre d'affaires",
        "revenue",
        "revenues",
        "turnover",
        "ebitda",
        "ebit",
        "tresorerie",
        "valorisation",
        "valuation",
        "benefice",
        "benefices",
        "profit",
        "profits",
        "carnet de commandes",
        "order book",
        "backlog",
        "list price",
        "prix catalogue",
    }
)
ORDER_BOOK = frozenset({"carnet de commandes", "order book", "backlog"})
YEAR = re.compile(r"(?:19|20)\d\d")
NOT_MONEY_UNIT = re.compile(
    r"\s?(?:h\b|heures?|hours?|min|ans|years|jours|days|semaines|weeks|mois|months|cm|mm|kg|°|personnes|"
    r"people|salaries|employees|visiteurs|visitors|janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|"
    r"octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|"
    r"december)"
)
SALARY = re.compile(r"salaire|salary|remuneration|brut annuel|gross|per annum|fourchette|pay range")


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
        seen = False
        for m in MONEY.finditer(low):
            raw = m.group("a") or m.group("b") or m.group("c")
            if self._is_public(raw, public) or YEAR.fullmatch(raw.strip()):
                continue
            if SALARY.search(low, max(0, m.start() - 60), m.end() + 40):
                continue  # pay: a job offer's range is public, a named person's pay is personal data
            has_magnitude = re.search(rf"{MAGNITUDE}(?![\w])", m.group(), re.I) is not None
            has_currency = m.group("c") is None
            if not has_magnitude and self._small(raw) and not self._near_bare_keyword(low, m.start(), keywords):
                continue  # a purchase or a price, not a company figure
            if (has_magnitude and has_currency) or keywords.search(low, max(0, m.start() - 80), m.end() + 80):
                seen = True
                yield self.finding(*m.span(), figure=m.group().strip())
        if not seen:
            for w in MONEY_WORDS.finditer(low):
                if re.fullmatch(r"(?:a|an|one|un|une|et|and)[\s-]+\w+", w.group()):
                    continue  # "a million thanks", "un million de fois"
                value = words_value(w.group())
                if any(f"{value / scale:g}" in public for scale in (1, 10**3, 10**6, 10**9)):
                    continue
                near = (max(0, w.start() - 80), w.end() + 80)
                if (
                    re.search(CURRENCY + r"\s*$", w.group())
                    or keywords.search(low, *near)
                    or AMOUNT_WORDS.search(low, *near)
                ):
                    seen = True
                    yield self.finding(*w.span(), figure=w.group().strip())
                    break
        if not seen:
            yield from self._bare_figures(low, keywords, public)

    def _bare_figures(self, low: str, keywords: re.Pattern[str], public: frozenset[str]) -> Iterator[Finding]:
        """Figures without a currency next to a financial keyword ("we end at 431, the budget said 445")."""
        quantities = list(QUANTITY.finditer(low))
        for k in keywords.finditer(low):
            if k.group() not in BARE_KEYWORDS:
                continue
            lo, hi = max(0, k.start() - 90), k.end() + 90
            for q in quantities:
                n = q.group("n")
                if not lo <= q.start() < hi or YEAR.fullmatch(n) or self._is_public(n, public):
                    continue
                duration_ok = k.group() in ORDER_BOOK
                if len(re.sub(r"\D", "", n)) < 2 or (NOT_MONEY_UNIT.match(low, q.end()) and not duration_ok):
                    continue
                yield self.finding(q.start(), q.end(), figure=q.group())
                return
            w = NUMBER_WORDS.search(low, lo, hi)
            if w and k.group() in STRONG and (k.group() in ORDER_BOOK or not NOT_MONEY_UNIT.match(low, w.end())):
                yield self.finding(w.start(), w.end(), figure=w.group())
                return

    @staticmethod
    def _small(raw: str) -> bool:
        try:
            return float(normalize_number(raw.strip(" .,"))) < 1000
        except ValueError:
            return False

    @staticmethod
    def _near_bare_keyword(low: str, pos: int, keywords: re.Pattern[str]) -> bool:
        return any(k.group() in BARE_KEYWORDS for k in keywords.finditer(low, max(0, pos - 80), pos + 80))

    @staticmethod
    def _is_public(raw: str, public: frozenset[str]) -> bool:
        return normalize_number(raw.strip(" .,")) in public
