"""Quiet topics (only the crisis cell speaks about them): the topic itself, or a paraphrase that puts one of
its anchors (place, product, acronym from the topic or its note) next to its kind of event, in French or
English."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext, TopicEntry
from compliance.folding import fold
from compliance.rules.base import Finding, Rule, Severity, folded

# Event families, French and English: a topic's event word matches any word of its family.
EVENT_FAMILIES = [
    ("rappel", "rappels", "rappeler", "recall", "recalls", "recalled"),
    ("incendie", "incendies", "feu", "flammes", "brule", "fire", "fires", "blaze", "burned", "burnt"),
    ("greve", "greves", "grevistes", "debrayage", "mouvement social", "strike", "strikes", "strikers", "walkout"),
    ("enquete", "enquetes", "investigation", "inquiry", "probe", "audit"),
    ("accident", "accidents", "blesse", "blesses", "injured", "injury"),
    ("explosion", "explosions", "explose", "blast", "exploded", "explosions"),
    (
        "fuite",
        "fuites",
        "leak",
        "leaks",
        "leaked",
        "breach",
        "breaches",
        "violation",
        "piratage",
        "pirate",
        "pirates",
        "hack",
        "hacked",
        "hacking",
        "hacker",
        "hackers",
        "cyberattaque",
        "cyberattack",
        "intrusion",
        "vol de donnees",
        "data theft",
    ),
    (
        "affaire",
        "affaires",
        "dossier",
        "case",
        "affair",
        "contentieux",
        "litige",
        "litiges",
        "litigation",
        "lawsuit",
        "proces",
        "trial",
    ),
    (
        "controle",
        "controles",
        "inspection",
        "inspections",
        "inspecteurs",
        "inspectrices",
        "inspecteur",
        "inspectors",
        "inspector",
        "mission de controle",
        "audit",
        "audits",
        "review",
        "examen",
        "superviseur",
        "regulateur",
        "regulator",
        "supervisor",
        "supervisory",
        "watchdog",
    ),
    ("inondation", "inonde", "flood", "flooded", "flooding"),
    ("effondrement", "effondre", "collapse", "collapsed"),
    ("intoxication", "intoxique", "poisoning", "poisoned", "empoisonnement"),
    ("harcelement", "harassment", "harasse", "harassed"),
    ("fraude", "fraud", "corruption", "bribery", "pots-de-vin", "detournement", "embezzlement"),
    ("panne", "pannes", "outage", "outages", "breakdown"),
    ("boycott", "boycotte", "boycotted"),
    ("scandale", "scandal", "polemique", "controversy", "bad buzz"),
    ("manifestation", "protest", "protests", "blocage", "blockade"),
    ("pollution", "contamination", "contamine", "contaminated", "polluted", "toxique", "toxic"),
    ("plainte", "plaintes", "proces", "lawsuit", "complaint", "trial", "poursuites"),
    ("cyberattaque", "piratage", "pirate", "cyberattack", "hack", "hacked", "ransomware", "rancongiciel"),
    ("defaut", "defauts", "defect", "defects", "defective", "defectueux"),
    ("deces", "mort", "death", "died"),
    ("licenciement", "licenciements", "layoffs", "redundancies"),
]
# Anchors that are said in other words: the same thing in either language.
ANCHOR_SYNONYMS = [
    ("donnees", "data", "fichiers", "files", "records", "informations", "dossiers clients"),
    ("clients", "customers", "clientele"),
    ("usine", "factory", "plant"),
    ("entrepot", "warehouse", "depot"),
    ("agence", "agences", "branch", "branches"),
    ("salaries", "employes", "employees", "staff"),
]
MONTHS = list(
    zip(
        "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre".split(),
        "january february march april may june july august september october november december".split(),
        strict=True,
    )
)
# Two distinct words of the event family this long name the event without an anchor ("inspecteurs du superviseur").
SPECIFIC_EVENT_WORD = 8
LONG_NOTE_WORD = 9
IDIOMS = re.compile(
    r"(?:petit|pour|un|en|simple|gentil|quick|friendly) rappel|rappel\s*:|feu doux|a feu|coup de feu|"
    r"on fire|fire up|strike a|feu vif|au feu"
)
STOP = frozenset(
    "les des une pour avec dans sur par est sont the and for with from that this cours communication "
    "reservee cellule crise interne nouvelle".split()
)


def _family(word: str) -> tuple[str, ...] | None:
    return next((f for f in EVENT_FAMILIES if word in f), None)


def _compile_topic(
    topic: TopicEntry, company: str
) -> tuple[re.Pattern[str], re.Pattern[str] | None, re.Pattern[str] | None]:
    words = re.findall(r"[^\W_]+", fold(topic.topic))
    exact = re.compile(
        r"(?<![\w])"
        + r"[\s\-'’]*(?:(?:de|du|des|d'|la|le|les|of|the|at|a)[\s\-'’]*)?".join(
            re.escape(w) + r"\w{0,3}" for w in words
        )
        + r"(?![\w])"
    )
    events: set[str] = set()
    anchors: set[str] = set()
    for w in re.findall(r"[^\W_]+", fold(topic.topic + " " + topic.note)):
        fam = _family(w)
        if fam:
            events.update(fam)
    for raw in re.findall(r"[^\W_]+", topic.topic + " " + topic.note):
        w = fold(raw)
        if _family(w) or w in STOP or len(w) < (3 if raw.isupper() else 4) or w == company:
            continue
        topic_words = {fold(x) for x in re.findall(r"[^\W_]+", topic.topic)}
        if raw[0].isupper() or raw.isupper() or w in topic_words or len(w) >= LONG_NOTE_WORD:
            anchors.add(w)  # a name, the topic's own words, or a long distinctive word of the note
    for w in list(anchors) + re.findall(r"[^\W_]+", fold(topic.note)):
        anchors.update(*(syn for syn in ANCHOR_SYNONYMS if w in syn))
        anchors.update(*(pair for pair in MONTHS if w in pair))
    ev = (
        re.compile(r"(?<![\w])(?:" + "|".join(sorted(map(re.escape, events), key=len, reverse=True)) + r")(?![\w])")
        if events
        else None
    )
    an = (
        re.compile(
            r"(?<![\w])(?:" + "|".join(sorted(map(re.escape, anchors), key=len, reverse=True)) + r")\w{0,2}(?![\w])"
        )
        if anchors
        else None
    )
    return exact, ev, an


class CrisisTopicRule(Rule):
    rule_id = "crisis_topic.quiet"
    category = "conduct.crisis_topic"
    severity = Severity.MEDIUM

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        compiled = context.memo(
            "crisis.topics", lambda: [(t, *_compile_topic(t, fold(context.company_name))) for t in context.quiet_topics]
        )
        window = self.options.get("window", 300)
        for topic, exact, events, anchors in compiled:
            m = exact.search(low)
            if m:
                yield self.finding(*m.span(), topic=topic.topic)
                continue
            if events is None or anchors is None:
                continue
            for e in events.finditer(low):
                if IDIOMS.search(low, max(0, e.start() - 12), e.end() + 6):
                    continue
                a = anchors.search(low, max(0, e.start() - window), e.end() + window)
                if a:
                    yield self.finding(min(a.start(), e.start()), max(a.end(), e.end()), topic=topic.topic)
                    break
                second = self._second_specific(events, low, e)
                if second:
                    yield self.finding(min(second[0], e.start()), max(second[1], e.end()), topic=topic.topic)
                    break

    @staticmethod
    def _second_specific(events: re.Pattern[str], low: str, e: re.Match[str]) -> tuple[int, int] | None:
        """Another, different long word of the same event family within a few words."""
        if len(e.group()) < SPECIFIC_EVENT_WORD:
            return None
        for o in events.finditer(low, max(0, e.start() - 40), e.end() + 40):
            other = o.group()
            if len(other) >= SPECIFIC_EVENT_WORD and other[:5] != e.group()[:5]:
                return o.span()
        return None
