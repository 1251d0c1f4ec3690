"""An employee speaking officially for the company. The same words from a spokesperson are fine."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.folding import fold
from compliance.rules.base import Finding, Rule, Severity, author_role, folded

GENERIC = (
    r"position officielle|declaration officielle|communique officiel|"
    r"(?:je|nous) (?:vous )?(?:le |la )?confirm(?:e|ons) "
    r"officiellement|officiellement,? (?:je|nous)|je peux (?:vous )?confirmer officiellement|vous pouvez me citer|"
    r"c'est la position de la direction|au nom de (?:l'entreprise|la societe|la direction|du groupe|{company})|"
    r"au nom de (?:la|notre|toute la) (?:banque|entreprise|boite|maison|societe|direction|compagnie|enseigne|marque|"
    r"mutuelle|mairie|clinique|banque|ecole|universite|fondation|association)|"
    r"official word|officially speaking|on behalf of (?:the|our) (?:bank|company|firm|group|business|brand|board|"
    r"management|organi[sz]ation|school|university|charity)|"
    r"la direction (?:m'a charge|confirme|dement)|nous dementons|je dements|"
    r"official position|official statement|officially (?:confirm|announce|deny|state)|(?:i|we) can officially|"
    r"on behalf of (?:the company|the group|management|{company})|you can quote me|"
    r"speaking for (?:the company|{company})|"
    r"company(?:'s)? official (?:line|position)|we (?:categorically )?deny|official line|ligne officielle|"
    r"la decision est prise|vous pouvez (?:le noter|me citer)|"
    r"(?:i|we) can (?:now )?confirm that {company}|je (?:vous )?(?:le )?confirme[^.!?]{{0,20}}{company}"
)

NEGATED = re.compile(r"(?:not|n'|ne|pas|never|jamais|isn't|aren't|m not)\s+(?:\w+\s+)?$")
DISCLAIMER = re.compile(
    r"views are my own|opinions are my own|my own views|a titre personnel|avis personnel|mon avis perso|"
    r"n'engage que moi|not speaking for|je ne parle pas au nom|this is not (?:an official|the company)"
)
COMPANY_SUFFIX = r"(?: [a-z]{2,3}\b)?"  # "Acme UK", "Acme SA"


class UnauthorizedStatementRule(Rule):
    rule_id = "unauthorized_statement.official"
    category = "conduct.unauthorized_statement"
    severity = Severity.MEDIUM

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        if author_role(doc) in self.options.get("allowed_roles", ("spokesperson",)):
            return
        pattern = context.memo("statement.pattern", lambda: self._compile(context))
        low = folded(doc)
        for m in pattern.finditer(low):
            before = low[max(0, m.start() - 30) : m.start()]
            if NEGATED.search(before) or DISCLAIMER.search(low):
                continue
            yield self.finding(*m.span())
            return

    @staticmethod
    def _compile(context: CheckerContext) -> re.Pattern[str]:
        company = re.escape(fold(context.company_name)) if context.company_name else "(?!x)x"
        alternatives = GENERIC.format(company=company + COMPANY_SUFFIX)
        return re.compile(r"(?<![\w])(?:" + alternatives + ")")
