"""Registered confidential terms in any case, accent, inflection, hashtag, CamelCase, possessive or light
obfuscation (A-U-R-O-R-A, Aur0ra); a lower-case common-word homonym needs a cue that it means the term."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext, TermEntry
from compliance.folding import fold
from compliance.rules.base import Finding, Rule, Severity, folded, sentence_bounds
from compliance.rules.term_index import TermIndex

LEET = {"o": "o0", "i": "i1!|", "l": "l1|", "e": "e3€", "a": "a4@", "s": "s5$", "t": "t7", "g": "g9", "b": "b8"}
SEP = r"[\-\.\s_*·/]"
CUES = (
    "projet",
    "project",
    "programme",
    "program",
    "code",
    "nom de code",
    "codename",
    "dossier",
    "gamme",
    "prototype",
    "lancement",
    "launch",
    "sous nda",
    "under nda",
    "client",
    "partenaire",
    "partner",
)
STOP = frozenset(
    "les des une pour avec dans sur par est sont the and for with from that this into not nous vous "
    "chez tout plus mais lui elle leur leurs notre".split()
)


def _letter(ch: str) -> str:
    return "[" + re.escape(LEET.get(ch, ch)) + "]" if ch.isalnum() else re.escape(ch)


def _term_pattern(term: str) -> str:
    words = re.findall(r"[^\W_]+", fold(term))
    plain = r"[\s\-_'’]*".join("".join(_letter(c) for c in w) for w in words)
    spaced = f"{SEP}?".join(_letter(c) for c in "".join(words))
    spaced_strict = SEP.join(_letter(c) for c in "".join(words))
    body = f"(?:{plain}|{spaced_strict})" if len(spaced) < 200 else plain
    return rf"(?<![^\W_]){body}(?:['’]?s|x|es)?(?![^\W_])"


ORG_KINDS = frozenset({"client", "partner", "other"})
# Generic words of organisation names: "Acme Foods" is also called "Acme".
GENERIC_ORG_WORDS = frozenset(
    "foods food stores store hotels hotel labs lab group groupe distribution sa sas sarl ltd inc gmbh llc plc "
    "company compagnie fonderies fonderie industries industrie holding partners systems technologies solutions "
    "services studio studios retail international france europe uk".split()
)


def aliases(entry: TermEntry) -> list[str]:
    """Shorter names an organisation goes by: its name without generic words ("Acme Foods" -> "Acme")."""
    if entry.kind not in ORG_KINDS:
        return []
    words = entry.term.split()
    kept = [w for w in words if fold(w) not in GENERIC_ORG_WORDS]
    if len(words) < 2 or not kept or len(kept) == len(words) or len("".join(kept)) < 4:
        return []
    return [" ".join(kept)]


# Words of a role: a confidential person's surname alone is them when their role is named next to it.
ROLE_WORDS = re.compile(
    r"(?<![\w])(?:directeur|directrice|direction|dg|pdg|daf|drh|president\w*|adjointe?|dirigeante?|fondateur|"
    r"fondatrice|consultante?|chef|cheffe|responsable|manager|head|director|ceo|cfo|coo|cto|vp|chair\w*|founder|"
    r"deputy|consultant|boss|patron|patronne|partner|associee?)(?![\w])"
)
SURNAME = "surname"


def _compile(context: CheckerContext) -> tuple[TermIndex, dict[int, TermEntry], frozenset[int]]:
    """Every name a term goes by (the term, its aliases, a person's surname) indexed once per context."""
    groups: dict[int, TermEntry] = {}
    surnames: set[int] = set()
    names: list[str] = []
    patterns: list[str] = []
    for entry in context.terms:
        if not re.search(r"[^\W_]", entry.term):
            continue
        variants = [entry.term, *aliases(entry)]
        words = entry.term.split()
        if entry.kind == "person" and len(words) >= 2 and len(words[-1]) >= 4:
            variants.append(words[-1])
        for name in variants:
            n = len(names)
            groups[n] = entry if name in (entry.term, words[-1]) else TermEntry(name, entry.kind, entry.note)
            if name == words[-1] and name != entry.term:
                surnames.add(n)
            names.append(fold(name))
            patterns.append(_term_pattern(name))
    return TermIndex(names, patterns), groups, frozenset(surnames)


def note_keywords(note: str, term: str = "") -> frozenset[str]:
    """Distinctive words of what the term means: the note before any "homonym" part, without the term itself."""
    meaning = re.split(r"homonym", fold(note))[0]
    own = set(re.findall(r"[^\W\d_]+", fold(term)))
    return frozenset(w[:6] for w in re.findall(r"[^\W\d_]{5,}", meaning) if w not in STOP and w not in own)


# Words of an everyday, leisure or place context: near a single-word codename written like a name, they say it
# is a homonym (a restaurant, a trail, a band, a flower) unless a work cue says otherwise.
EVERYDAY = frozenset(
    """restaurant resto bar cafe brasserie creperie hotel plage beach balade walk walking hike hiking randonnee rando
    velo cycling bike biking sentier trail parc park jardin garden fleur fleurs flower flowers oiseau oiseaux bird
    birds concert band groupe musique music chanson song ecole school kids enfants enfant fils fille daughter son
    weekend week vacances holiday holidays diner dinner mer sea soleil sun montagne mountain riviere river fleuve
    famille family anniversaire birthday jouet toy cadeau gift musee museum exposition exhibition art sculpture
    sculptures nature printemps hiver spring winter meteo weather vent wind pluie rain coucher sunset lever sunrise
    promenade peche fishing bateau boat voile sailing marche dimanche samedi sunday saturday fruits mer seafood
    plateau platter recette recipe cuisine chef menu film movie livre book roman novel""".split()
)
# Words of a note that describe the homonym rather than the term ("homonyme : la fleur" -> fleur).
NOTE_META = frozenset("homonyme homonym courant commun usuel common everyday sens sense mot word nom name".split())
PLURAL = re.compile(r"(?:s|x|es)$")


def homonym_words(note: str, term: str) -> frozenset[str]:
    """Words after "homonyme"/"homonym" in a term's note: the everyday sense it must not be confused with."""
    own = set(re.findall(r"[^\W\d_]+", fold(term)))
    m = re.search(r"homonym\w*", fold(note))
    if not m:
        return frozenset()
    return frozenset(
        w[:6]
        for w in re.findall(r"[^\W\d_]{3,}", fold(note)[m.end() :])
        if w not in NOTE_META and w not in STOP and w not in own
    )


SENTENCE_REACH = 400  # characters around a term read as its sentence


class ConfidentialTermRule(Rule):
    rule_id = "confidential_term.registry"
    category = "confidentiality.confidential_term"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        yield from term_findings(doc, context)

    def _findings(self, doc: Doc, context: CheckerContext) -> list[Finding]:
        index, groups, surnames = context.memo("confidential_term.index", lambda: _compile(context))
        if not index:
            return []
        text, low = doc.text, folded(doc)
        found = []
        for start, end, n in self._matches(index, text, low):
            entry = groups[n]
            if n in surnames:
                if not self._surname_with_role(entry, text, low, start, end):
                    continue
            elif self._is_homonym(entry, text, low, start, end, context):
                continue
            found.append(self.finding(start, end, term=entry.term, kind=entry.kind))
        return found

    @staticmethod
    def _surname_with_role(entry: TermEntry, text: str, low: str, start: int, end: int) -> bool:
        """A surname alone, written as a name, not after another first name, with their role named next to it."""
        if not text[start : start + 1].isupper():
            return False
        if re.search(r"[A-ZÀ-Ý][\w-]+\s+$", text[max(0, start - 30) : start]):
            return False  # "Marc Quillec" is someone else; the full name is matched on its own
        s, e = sentence_bounds(low, start)
        window = low[max(s, start - 60) : min(e, end + 60)]
        keywords = note_keywords(entry.note, entry.term)
        around = {w[:6] for w in re.findall(r"[^\W\d_]{5,}", window)}
        return bool(ROLE_WORDS.search(window) or keywords & around)

    @staticmethod
    def _matches(index: TermIndex, text: str, low: str) -> Iterator[tuple[int, int, int]]:
        """Matches in running text, plus terms hidden inside a CamelCase hashtag (#ProjetAurora, #AuroraLaunch)."""
        yield from index.finditer(low)
        for h in re.finditer(r"#([^\W_]+)", text):
            inner = range(h.start(1) + 1, h.end())
            cuts = [h.start(1)] + [i for i in inner if text[i].isupper() and text[i - 1].islower()]
            if len(cuts) < 2:
                continue
            cuts.append(h.end())
            for i in range(1, len(cuts) - 1):
                for j in range(i + 1, len(cuts)):
                    n = index.fullmatch(low[cuts[i] : cuts[j]])
                    if n is not None:
                        yield cuts[i], cuts[j], n

    def _is_homonym(self, entry: TermEntry, text: str, low: str, start: int, end: int, context: CheckerContext) -> bool:
        if len(entry.term.split()) > 1 or entry.kind in ("person", "client", "partner"):
            return False
        surface = text[start:end]
        own = set(entry.term)
        if re.search(r"[\d@$!|€\-\._*·]", "".join(c for c in surface if c not in own)) or " " in surface:
            return False  # obfuscated on purpose
        s, e = sentence_bounds(low, start)
        window = low[max(s, start - 60) : min(e, end + 60)]
        if any(re.search(rf"(?<![^\W_]){re.escape(c)}(?![^\W_])", window) for c in CUES):
            return False
        company = fold(context.company_name)
        if company and re.search(rf"(?<![^\W_]){re.escape(company)}(?![^\W_])", window):
            return False
        keywords = note_keywords(entry.note, entry.term)
        # the sentence, but never more than SENTENCE_REACH characters either side: a 10,000-character
        # "sentence" repeating the term would otherwise be scanned once per occurrence
        sentence = low[max(s, start - SENTENCE_REACH) : min(e, end + SENTENCE_REACH)]
        around = {w[:6] for w in re.findall(r"[^\W\d_]{3,}", sentence)}
        if len(keywords & around) >= 2:
            return False
        if surface[:1].islower():
            return True  # a common noun in running text
        if homonym_words(entry.note, entry.term) & {w[:6] for w in re.findall(r"[^\W\d_]{3,}", window)}:
            return True  # the note's everyday sense is right there ("Marée basse")
        before = text[max(0, start - 5) : start]
        named_otherwise = re.search(r"(?:^|[^.!?\n]\s)(?:La|Le|Les|L'|L’|The)\s?$", before) is not None
        plural = bool(PLURAL.search(fold(surface))) and not PLURAL.search(fold(entry.term))
        everyday = len(EVERYDAY & set(re.findall(r"[^\W\d_]+", window)))
        return ((named_otherwise or plural) and everyday >= 1) or everyday >= 2


FINDINGS_KEY = "confidential_term.findings"


def term_findings(doc: Doc, context: CheckerContext) -> list[Finding]:
    """The registered terms of a post, computed once per post and context and shared by every rule needing them."""
    cached = doc.user_data.get(FINDINGS_KEY)
    if cached is not None and cached[0] is context:
        return cached[1]
    found = ConfidentialTermRule()._findings(doc, context)
    doc.user_data[FINDINGS_KEY] = (context, found)
    return found
