"""Unannounced strategic events: acquisitions, mergers, disposals, layoffs, closures, reorganisations,
appointments, launches under embargo, or anything said to be "not to be shared" / "before the official
announcement".

Three general signals, never a list of sentences:
- an event frame (an event word, in any inflection) with a future or unannounced cue near it, or a
  secrecy cue anywhere in the post, unless the sentence repeats a public fact;
- deal-process vocabulary (due diligence, term sheet, earn-out...) or events that are news by themselves
  (plan social, job cuts...);
- a registered confidential term whose note says it is such an event ("Projet d'acquisition...",
  "future director, appointment not announced"), or points to a term that is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.folding import fold
from compliance.rules.base import Finding, Rule, Severity, folded
from compliance.rules.confidential_term import term_findings

_PLACES = (
    r"(?:sites?|usines?|agences?|magasins?|boutiques?|bureaux?|entrepots?|centres?|filiales?|ateliers?|"
    r"points? de vente|succursales?|antennes?|plants?|factor(?:y|ies)|offices?|branch(?:es)?|"
    r"stores?|shops?|warehouses?|depots?|subsidiar(?:y|ies)|units?|divisions?|labs?|workshops?|"
    r"lignes? de production|production lines?|mills?|hubs?)"
)
_ORGS = (
    r"(?:concurrents?|competitors?|rivals?|societes?|entreprises?|compan(?:y|ies)|firms?|start-?ups?|courtiers?|"
    r"brokers?|assureurs?|insurers?|banques?|banks?|businesses|business|fournisseurs?|suppliers?|groupes?|groups?|"
    r"filiales?|subsidiar(?:y|ies)|cabinets?|agenc(?:y|ies)|stake|majority|participations?|mutuelles?|"
    r"distributeurs?|distributors?|editeurs?|vendors?)"
)
# Event frames (folded text). Strategic events need a cue; launches need a strong (secrecy) cue.
STRATEGIC = (
    r"rachat\w*|rachet\w*|acquisitions?|acquer\w*|acquier\w*|acquis(?:e|es)? par|acquir\w*|takeovers?|"
    r"\bopa\b|prise de (?:controle|participation)|prendre le controle|buy[- ]?outs?|"
    r"(?:buy|buys|buying|bought|purchas\w+) (?:out |up )?(?:a |an |the |our |their )?(?:\w+ )?" + _ORGS + "|"
    r"fusion\w*|fusionn\w*|merg(?:e|es|er|ers|ing|ed)|rapprochement\w*|joint[- ]venture|coentreprise|"
    r"cessions?|ceder|cede(?:ra|rons|rait|s)?|vendre (?:la|notre|sa|une) (?:filiale|branche|activite|division)|"
    r"divest\w*|sell(?:ing)? off|spin[- ]?off|scission|"
    r"(?:rejoin\w*|integr\w*) (?:le|notre) groupe|(?:joins?|joining|join) (?:the|our) (?:group|family)|"
    r"dans la famille|"
    r"plan social|\bpse\b|licenci\w*|suppressions? (?:de |d')(?:postes|emplois)|job cuts|cut(?:ting)? (?:\w+ )?jobs|"
    r"layoffs?|lay(?:ing)? off|laid off|redundanc\w*|restructur\w*|reorgani[sz]\w*|reorg|delocalis\w*|offshor\w*|"
    r"relocat\w*|demenag\w*|regroupement\w*|fermetures?|"
    r"ferm(?:er|era|erait|eraient|eront|erons|ons|e|ent|ee|ees|es) (?:(?:le|la|les|l'|des|nos|notre|leurs?|ce|"
    r"cette|ces|une|un|plusieurs|\d+|[a-z]+aine)\s*(?:d')?)?(?:\w+ )?" + _PLACES + "|"
    r"closures?|clos(?:e|es|ing|ed) (?:down|(?:the |our |\d+ |two |three |several )?(?:\w+ )?" + _PLACES + ")|"
    r"shut(?:ting|s)? down|wind(?:ing)? down|"
    r"(?:la |l'|le |les |our |the )?" + _PLACES + r"(?: [\w'-]+){0,5} (?:will|would|is going to|are going to|"
    r"to|va|vont|sera|seront|serait|seraient|doit|doivent|devrait|devraient) (?:be |etre |bientot )?"
    r"(?:close|closed|shut|ferme\w*|fermer|transfere\w*|demenag\w*|delocalis\w*|vendu\w*|sold|relocated|moved|move|merged|fusionn\w*)|"
    + _PLACES
    + r" (?:[\w'-]+ ){0,5}"
    r"(?:fermeraient|fermeront|fermera|fermerait)|"
    r"(?:tout|l'activite|la production|les machines|les equipes|the work|production|everything) "
    r"(?:part|partira|partent|partiront|va partir|vont partir|bascule|basculera|moves|will move|is moving) "
    r"(?:a|en|vers|chez|to)|reclassements?|transferts? d'activite|transferee? a|"
    r"nominations?|nomme\w*|appoint\w*|(?:nous )?rejoin\w* (?:\w+ ){0,2}comme|(?:joins?|join|joining) (?:us )?as|"
    r"prendra la tete|succede\w*|succeed\w*|remplac\w* (?:\w+ ){0,3}a la tete|"
    r"(?:new|future|next) (?:\w+ ){0,2}(?:ceo|cfo|coo|cto|md|managing director|director|head|chair\w*)|"
    r"(?:nouveau|nouvelle|futur|future|prochain|prochaine) (?:dg|pdg|daf|directeur|directrice|president\w*)|"
    r"\bdg adjoint|depart (?:du|de la|de notre) (?:dg|pdg|directeur|directrice|president\w*)|steps? down|"
    r"levee de fonds|fundraising|funding round|\bipo\b|introduction en bourse|going public|"
    r"avertissement sur (?:les )?resultats|profit warning|redressement judiciaire|liquidation|faillite|"
    r"bankrupt\w*|insolven\w*|reduction in force|\brif\b|downsiz\w*|headcount (?:reduction|cuts?)|right[- ]?siz\w*|"
    r"sunset(?:ting)? (?:the |our )?\w+|being acquired|get(?:ting)? acquired|acqui[- ]?hire|"
    r"series [a-f] (?:round|funding)|raising (?:a|our|the) (?:round|series \w)|plan de depart\w*"
)
LAUNCH = (
    r"lancement\w*|lanc(?:er|era|erons|eront|ons)|launch\w*|sortie (?:de|du|officielle)|unveil\w*|devoil\w*|"
    r"general availability|go[- ]live|goes live|release date|date de sortie|mise en ligne"
)
# Deal-process vocabulary and events that are news by themselves: no cue needed.
INHERENT = (
    r"due diligence|term sheet|lettre d'intention|letters? of intent|\bloi\b(?= (?:signed|signee))|earn[- ]?outs?|"
    r"enterprise value|valeur d'entreprise|offre (?:indicative|ferme|non engageante)|(?:indicative|binding) offer|"
    r"data ?room|exclusivite (?:de negociation|des negociations)|exclusive negotiations|counter[- ]?offers?|"
    r"contre[- ]offres?|before (?:the )?signing|avant (?:la )?signature|(?:advanced|exclusive|secret) talks|"
    r"negociations? (?:avancees|exclusives|secretes)|"
    r"plan de sauvegarde de l'emploi|postes en moins|licenciements? (?:economiques?|collectifs?)|jobs? to go|"
    r"plan de departs volontaires|departs volontaires|rupture conventionnelle collective|voluntary redundanc\w*|"
    r"(?:\d+|dizaine|vingtaine|trentaine|cinquantaine|soixantaine|centaine)\s+(?:de\s+)?(?:postes|emplois)\s+"
    r"(?:en moins|supprimes|menaces)|plan d'economies|cost[- ]cutting plan|cost[- ]saving plan"
)
STRONG_CUES = (
    r"avant (?:l'|son |leur |toute )?annonce|pas encore (?:annonce|officiel|public|officialise|communique)\w*|"
    r"(?:pas|plus) cense\w* (?:le dire|en parler|partager|le partager|vous le dire)|je ne devrais pas|"
    r"on garde (?:ca|ceci|cela) pour nous|gardez(?:-le| le| ca)? pour vous|entre nous|\bchut\b|\bmotus\b|"
    r"sous embargo|embargo|confidentiel\w*|ne pas (?:partager|diffuser|relayer|repeter)|ne le repetez pas|"
    r"en avant[- ]premiere|scoop|officieusement|quand (?:ce|ca) sera public|une fois (?:que ce sera )?officiel|"
    r"annonce (?:officielle )?(?:prevue|attendue|programmee)|je n'en dis pas plus|"
    r"je ne peux pas en dire plus|off the record|between (?:us|you and me)|not supposed to|shouldn'?t (?:say|share)|"
    r"not (?:yet )?(?:announced|public|official)|yet to be announced|before (?:the |it'?s |its )?(?:official )?"
    r"(?:announcement|announced|public)|don'?t share|do not share|keep (?:it|this) (?:quiet|to yourselves|under wraps)|"
    r"under wraps|\bhush\b|you heard it (?:here )?first|can'?t say (?:more|much)|all i can say|unofficially|"
    r"announcement (?:after|next|due|planned|expected|scheduled|in)|when it'?s public|🤫|🤐|"
    r"embargoed|internal only|for internal use|not for public|hush[- ]hush|under your hat|don'?t tell anyone|"
    r"ne le dites a personne|n'en parlez a personne|under nda|sous nda|can'?t (?:share|talk about) (?:this |it )?"
    r"(?:publicly|yet)|not allowed to (?:say|share)|pas le droit d'en parler|top secret|strictly confidential|"
    r"strictement confidentiel"
)
WEAK_CUES = (
    r"bientot|prochainement|\bsoon\b|sera|seront|serait|seraient|"
    r"d'ici (?:la |le |l'|fin|\d|janvier|fevrier|mars|avril|mai|juin|juillet|aout|"
    r"septembre|octobre|novembre|decembre|quelques|deux|trois|six)|prevu\w*|prevoi\w*|devrai\w*|envisag\w*|"
    r"\w{3,}(?:erait|eraient|irait|iraient)\b|\w{3,}(?:era|eront|erons|ira|iront)\b|"
    r"\b(?:va|vont|allons) (?:etre |bientot |)\w+(?:er|ir|re)\b|futur\w*|prochaine?s?|"
    r"la semaine prochaine|le mois prochain|l'an prochain|l'annee prochaine|au (?:premier|deuxieme|second|troisieme|"
    r"quatrieme|1er|2e|3e|4e) trimestre|\bq[1-4]\b|des (?:janvier|fevrier|mars|avril|septembre|la rentree)|"
    r"au printemps|a l'automne|cet ete|en (?:janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|"
    r"novembre|decembre)|scenario|a l'etude|sur la table|rumeurs?|il parait|apparemment|negoci\w*|signe\w* "
    r"(?:la semaine|le mois|au|en|d'ici|avant|bientot)|signature|"
    r"\bwill\b|\w+'ll\b|going to|plans? to|planned|planning to|set to|about to|would|"
    r"considering|exploring|on the table|under consideration|in talks|talks with|negotiat\w*|"
    r"next (?:week|month|quarter|year|spring|summer|autumn|fall|winter)|from (?:january|february|march|april|may|"
    r"june|july|august|september|october|november|december)|in (?:january|february|march|april|june|july|august|"
    r"september|october|november|december)|by (?:the end of|q[1-4]|spring|summer|autumn|year[- ]end)|"
    r"rumou?rs?|apparently|word is|heard that|sign(?:ing|ed)? (?:next|this|by|before)|"
    r"plus que (?:\w+ )?(?:jours|semaines|mois)|only (?:\w+ )?(?:days|weeks|months) left|"
    r"(?:derniers|last) (?:mois|months)"
)
_DAYS = (
    r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
)
# A temporary closure ("fermé lundi pour inventaire", "closed on Monday for the holiday") is not an event.
TEMPORARY = re.compile(
    rf"\s*(?:exceptionnellement|temporairement|temporarily|early|tot|plus tot|demain|tomorrow|today|tonight|"
    rf"ce soir|cet apres-midi|this afternoon|(?:le |les |ce |on |this |next )?{_DAYS}|le \d|du \d|entre \d|"
    rf"on the \d|from \d|at \d|a \d+h|pendant|during|over the|"
    rf"pour (?:les |la |le |l')?(?:conges|vacances|travaux|inventaire|fetes|jour ferie|pont|formation|maintenance)|"
    rf"for (?:the )?(?:holidays?|bank holiday|day|weekend|inventory|maintenance|works|christmas|easter|training))"
)
NEGATION = re.compile(r"(?<![\w])(?:aucun|aucune|pas de|sans|no|not|never|without|zero|ni|ne|n')\s*(?:\w+\s+)?$")
# Words of a term's note saying the term itself is an unannounced strategic event.
NOTE_EVENT = re.compile(
    r"(?<![\w])(?:acquisition|rachat|cible|target|fusion|merger|rapprochement|cession|disposal|reorganisation|"
    r"reorganization|restructuration|restructuring|fermetures?|closures?|plan social|licenciements?|layoffs?|"
    r"suppressions? de postes|job cuts|reduction des couts|cost[- ]cutting|nomination|appointment|"
    r"futur(?:e)? (?:directeur|directrice|dg|pdg|president\w*|director|head)|future (?:director|head|ceo|cfo)|"
    r"delocalisation|relocation|contrepartie|counterparty)(?![\w])"
)


def _compile() -> dict[str, re.Pattern[str]]:
    def alt(body: str) -> re.Pattern[str]:
        return re.compile(rf"(?<![\w])(?:{body})(?![\w])")

    return {
        "strategic": alt(STRATEGIC),
        "launch": alt(LAUNCH),
        "inherent": alt(INHERENT),
        "strong": alt(STRONG_CUES),
        "weak": alt(WEAK_CUES),
    }


def event_terms(context: CheckerContext) -> frozenset[str]:
    """Terms whose note says they are an unannounced event, or point to such a term ("target of project X")."""
    direct = {t.term for t in context.terms if t.kind != "quiet_topic" and NOTE_EVENT.search(fold(t.note))}
    names = {fold(t) for t in direct}
    note_words = re.compile(r"[^\W_]+")
    # A name can only be in a note that holds its first word: look those notes up instead of every pair.
    by_first: dict[str, list[str]] = {}
    for n in names:
        first = note_words.search(n)
        if first:
            by_first.setdefault(first.group(), []).append(n)
    chained = set()
    for t in context.terms:
        if t.kind == "quiet_topic" or not t.note:
            continue
        note = fold(t.note)
        candidates = (n for w in set(note_words.findall(note)) for n in by_first.get(w, ()))
        if any(re.search(rf"(?<![\w]){re.escape(n)}(?![\w])", note) for n in candidates):
            chained.add(t.term)
    return frozenset(direct | chained)


class InsiderEventRule(Rule):
    rule_id = "insider.unannounced_event"
    category = "confidentiality.insider"
    severity = Severity.HIGH

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        pats = context.memo("insider.patterns", _compile)
        for m in pats["inherent"].finditer(low):
            if not self._negated(low, m.start()) and not self._public(low, m.start(), context):
                yield self.finding(*m.span(), event=m.group())
                return
        if pats["strategic"].search(low):
            term_hit = self._event_term(doc, context)
            if term_hit is not None:
                yield term_hit
                return
        strong = pats["strong"].search(low)
        for kind in ("strategic", "launch"):
            for m in pats[kind].finditer(low):
                if self._negated(low, m.start()) or self._public(low, m.start(), context):
                    continue
                if TEMPORARY.match(low, m.end()):
                    continue
                s, e = self._sentence(low, m.start())
                near = pats["weak"].search(low, max(s, m.start() - 120), min(e, m.end() + 120))
                if strong or (kind == "strategic" and near):
                    yield self.finding(*m.span(), event=m.group())
                    return
        if strong and re.search(r"annonce|announce|embargo|record", strong.group()):
            yield self.finding(*strong.span(), event=strong.group())

    @staticmethod
    def _event_term(doc: Doc, context: CheckerContext) -> Finding | None:
        names = context.memo("insider.event_terms", lambda: event_terms(context))
        if not names:
            return None
        for f in term_findings(doc, context):
            if f.params.get("term") in names:
                return Finding(
                    InsiderEventRule.rule_id,
                    InsiderEventRule.category,
                    f.start,
                    f.end,
                    InsiderEventRule.severity,
                    {"event": f.params.get("term", "")},
                )
        return None

    @staticmethod
    def _negated(low: str, pos: int) -> bool:
        return bool(NEGATION.search(low, max(0, pos - 30), pos))

    @staticmethod
    def _sentence(low: str, pos: int) -> tuple[int, int]:
        s = max(low.rfind(c, 0, pos) for c in ".!?\n") + 1
        e = min([i for i in (low.find(c, pos) for c in ".!?\n") if i != -1] or [len(low)])
        return s, e

    @staticmethod
    def _public(low: str, pos: int, context: CheckerContext) -> bool:
        """The event sits in a sentence whose words mostly come from a public fact."""
        s, e = InsiderEventRule._sentence(low, pos)
        public = context.memo(
            "insider.public_words", lambda: frozenset(re.findall(r"[^\W\d_]{4,}", context.public_text))
        )
        words = re.findall(r"[^\W\d_]{4,}", low[s:e])
        if not words:
            return False
        known = sum(1 for w in words if w in public)
        return known / len(words) > 0.7
