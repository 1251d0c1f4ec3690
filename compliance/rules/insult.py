"""Insults, harassment, mockery of people, defamatory accusations (French and English)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded

INSULTS = [
    r"debiles?",
    r"idiote?s?",
    r"cretine?s?",
    r"abrutie?s?",
    r"imbeciles?",
    r"connards?",
    r"connasses?",
    r"incompetente?s?",
    r"tire-au-flanc",
    r"faineante?s?",
    r"feignasses?",
    r"minables?",
    r"guignols?",
    r"bouffons?",
    r"escrocs?",
    r"voleurs?",
    r"menteurs?",
    r"menteuses?",
    r"tricheurs?",
    r"bras casses",
    r"bande d'(?:incapables|idiots|nuls|faineants|abrutis|branleurs)",
    r"(?:des|ces|quels?|quelles?) incapables",
    r"boulets?",
    r"pauvres? types?",
    r"ordures?",
    r"de vrais amateurs",
    r"bande d'amateurs",
    r"tocards?",
    r"nullites?",
    r"(?:aussi|si|trop|completement|totalement|vraiment|tellement|c'est|sont|est|le plus) nuls?(?:les?)?",
    r"dumb(?:est)?",
    r"stupid(?:est)?",
    r"idiots?",
    r"morons?",
    r"imbeciles?",
    r"losers?",
    r"pathetic",
    r"useless (?:idiots?|people|management|managers?|colleagues?|buyers?)",
    r"lazy (?:idiots?|people|bastards?|colleagues?|workers?)",
    r"liars?",
    r"fraud(?:ster)?s?",
    r"crooks?",
    r"scammers?",
    r"incompetent",
    r"brainless",
    r"designed by a toddler",
    r"by a toddler",
    r"toddlers? with",
    r"(?:designed|made|drawn|written|built) by (?:a|an|my) (?:toddler|child|kid|monkey|five-year-old)",
    r"(?:ressemble a|on dirait|dirait) (?:du|de la|des|un|une) (?:plastique|carton|jouets?|dechets?|camelote)",
    r"(?:camelote|pacotille|cheap junk)",
    r"(?:payes|paid) a ne rien faire",
    r"(?:paid|payed) (?:for|to) do(?:ing)? nothing",
    r"(?:ils|elles|they) (?:trichent|mentent|trompent|cheat|lie to|deceive)\w*",
    r"(?:faux|fake|false) (?:made in|fabrique en|drapeau|flag|label)",
    r"\"(?:visionary|brilliant|genius|expert|leader|leadership)\"",
    r"«\s?(?:visionnaire|genie|expert|leader)\s?»",
    r"#(?:notbitter|sarcasm|sarcasme|ironie)",
]


class InsultRule(Rule):
    rule_id = "insult.lexicon"
    category = "conduct.insult"
    severity = Severity.MEDIUM

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        pattern = context.memo("insult.pattern", lambda: re.compile(rf"(?<![\w])(?:{'|'.join(INSULTS)})(?![\w])"))
        for m in pattern.finditer(low):
            before = low[max(0, m.start() - 25) : m.start()]
            if re.search(r"(?:pas|jamais|not|never|loin d'etre|far from)\s+(?:\w+\s+)?$", before):
                continue
            yield self.finding(*m.span())
