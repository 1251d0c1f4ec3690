"""Unannounced strategic events (acquisitions, layoffs, closures, reorganisations, launches under embargo,
appointments), or anything said to be "not to be shared" / "before the official announcement"."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded, words_alternation

EVENTS = [
    "rachat",
    "racheter",
    "rachete",
    "acquisition",
    "acquerir",
    "fusion",
    "fusionner",
    "cession",
    "ceder",
    "fermeture",
    "fermer",
    "fermee",
    "fermera",
    "licenciement",
    "licenciements",
    "plan social",
    "pse",
    "suppression de postes",
    "suppressions de postes",
    "delocalisation",
    "delocaliser",
    "reorganisation",
    "restructuration",
    "regroupement",
    "transfert",
    "transferee",
    "transfere",
    "demenagement",
    "lancement",
    "lancer",
    "lancera",
    "nomination",
    "sera nomme",
    "nouveau directeur",
    "nouvelle directrice",
    "directeur adjoint",
    "reclassement",
    "buying",
    "to buy",
    "racheter",
    "rachete",
    "dans la famille",
    "rejoindra le groupe",
    "tout part",
    "partira",
    "va partir",
    "demenagera",
    "joins the family",
    "join the family",
    "joins the group",
    "acquire",
    "acquiring",
    "acquisition",
    "takeover",
    "buy out",
    "buyout",
    "merger",
    "merge",
    "closure",
    "close down",
    "closing down",
    "to close",
    "shut down",
    "shutting down",
    "layoff",
    "layoffs",
    "lay off",
    "redundancy",
    "redundancies",
    "restructuring",
    "reorganisation",
    "reorganization",
    "relocate",
    "relocation",
    "move to",
    "launching",
    "launch",
    "appointed",
    "appointment",
    "new director",
    "deputy",
    "industrial director",
    "spin off",
]
# Events that are news by themselves: unless published (public facts), mentioning them discloses them.
INHERENT = re.compile(
    r"(?<![\w])(?:plan social|plan de sauvegarde de l'emploi|suppressions? de postes|postes en moins|"
    r"licenciements? (?:economiques?|collectifs?)|job cuts|jobs? to go|layoffs?|redundanc(?:y|ies) programme|"
    r"plan de departs volontaires|departs volontaires|rupture conventionnelle collective|voluntary redundanc(?:y|ies)|"
    r"(?:\d+|dizaine|vingtaine|trentaine|cinquantaine|soixantaine|centaine)\s+(?:de\s+)?(?:postes|emplois)\s+"
    r"(?:en moins|supprimes|menaces)|plan d'economies|cost[- ]cutting plan|cost[- ]saving plan)(?![\w])"
)
NEGATION = re.compile(r"(?:aucun|aucune|pas de|sans|no|not|never|without|zero)\s+(?:\w+\s+)?$")
SECRECY = [
    "avant l'annonce",
    "avant l'annonce officielle",
    "pas encore annonce",
    "pas encore officiel",
    "off the record",
    "motus",
    "entre nous",
    "je n'en dis pas plus",
    "je ne peux pas en dire plus",
    "chut",
    "sous embargo",
    "embargo",
    "confidentiel",
    "ne pas partager",
    "ne le repetez pas",
    "ne pas diffuser",
    "scoop",
    "en avant-premiere",
    "annonce aux syndicats",
    "c'est acte",
    "est acte",
    "bientot",
    "prochainement",
    "officieusement",
    "before the official announcement",
    "not yet announced",
    "not announced",
    "don't share",
    "do not share",
    "keep it quiet",
    "keep this quiet",
    "between us",
    "you heard it here first",
    "can't say more",
    "that's all i can say",
    "all i can say",
    "stay tuned",
    "big things coming",
    "new chapter",
    "under embargo",
    "hush",
    "not public yet",
    "soon",
    "plus que quelques mois",
    "from january",
    "des janvier",
    "will close",
    "will be closed",
    "sera ferme",
    "sera fermee",
    "seront",
    "va etre",
    "will move",
    "rumour has it",
    "rumor has it",
    "il parait que",
    "next quarter",
    "next year",
    "l'an prochain",
    "l'annee prochaine",
    "nobody has been told",
    "no one has been told",
    "nobody knows yet",
    "personne n'est au courant",
    "personne ne le sait encore",
]


# Future or teasing cues: enough for strategic events, not for a launch (launches are often public news).
WEAK_CUES = frozenset(
    {
        "bientot",
        "prochainement",
        "soon",
        "stay tuned",
        "big things coming",
        "new chapter",
        "plus que quelques mois",
        "from january",
        "des janvier",
        "will close",
        "will be closed",
        "sera ferme",
        "sera fermee",
        "seront",
        "va etre",
        "will move",
        "rumour has it",
        "rumor has it",
        "il parait que",
        "next quarter",
        "next year",
        "l'an prochain",
        "l'annee prochaine",
    }
)
LAUNCH_WORDS = frozenset({"lancement", "lancer", "lancera", "launching", "launch"})


class InsiderEventRule(Rule):
    rule_id = "insider.unannounced_event"
    category = "confidentiality.insider"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        events = context.memo(
            "insider.events", lambda: re.compile(rf"(?<![\w])(?:{words_alternation(EVENTS)})(?![\w])")
        )
        secrecy = context.memo(
            "insider.secrecy", lambda: re.compile(rf"(?<![\w])(?:{words_alternation(SECRECY)})(?![\w])")
        )
        for m in INHERENT.finditer(low):
            if not NEGATION.search(low, max(0, m.start() - 30), m.start()) and not self._public(
                low, m.start(), context
            ):
                yield self.finding(*m.span(), event=m.group())
                return
        cues = [c for c in secrecy.finditer(low)]
        if not cues:
            return
        strong = [c for c in cues if c.group() not in WEAK_CUES]
        cue = (strong or cues)[0]
        for m in events.finditer(low):
            if self._public(low, m.start(), context) or (not strong and m.group() in LAUNCH_WORDS):
                continue
            yield self.finding(*m.span(), event=m.group())
            return
        if re.search(
            r"before the official announcement|avant l'annonce|off the record|sous embargo|under embargo", cue.group()
        ):
            yield self.finding(*cue.span(), event=cue.group())

    @staticmethod
    def _public(low: str, pos: int, context: CheckerContext) -> bool:
        """The event sits in a sentence whose words mostly come from a public fact."""
        s = max(low.rfind(c, 0, pos) for c in ".!?\n") + 1
        e = min([i for i in (low.find(c, pos) for c in ".!?\n") if i != -1] or [len(low)])
        words = [w for w in re.findall(r"[^\W\d_]{4,}", low[s:e])]
        if not words:
            return False
        known = sum(1 for w in words if w in context.public_text)
        return known / len(words) > 0.7
