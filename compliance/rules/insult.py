"""Insults, harassment, mockery of people, defamatory accusations (French and English).

General vocabularies, not a list of sentences: insult nouns and adjectives that are insults whatever the
context; words that only insult a person when used as a noun about someone ("un incapable", "a clown");
accusations of crimes or lies aimed at people ("X sont des voleurs", "everyone knows X cooks the books");
mockery frames ("n'a rien compris", "can't even find..."); sarcastic quote marks around a praise word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded

# Words that are insults in any use (folded: lower case, no accents).
ALWAYS_FR = (
    r"debiles?|cretine?s?|abrutie?s?|imbeciles?|connards?|connasses?|encules?|enfoire(?:e|s|es)?|salauds?|"
    r"salopards?|(?:une|cette|ces|quelle|quelles) ordures?|raclures?|pourritures?|minables?|tocards?|"
    r"guignols?|bouffons?|branquignol(?:e|s|es)?|"
    r"baltringues?|glandeur(?:s|se|ses)?|glandus?|branleur(?:s|se|ses)?|feignasses?|faineante?s?|beaufs?|blaireaux|"
    r"pignoufs?|ploucs?|bolosse?s?|cassos|gogols?|neuneus?|tarees?|"
    r"hypocrites?|leche[- ](?:bottes?|culs?)|faux[- ]culs?|fayots?|larbins?|charlatans?|escrocs?|"
    r"voleu(?:r|rs|se|ses)|menteu(?:r|rs|se|ses)|tricheu(?:r|rs|se|ses)|truands?|magouilleu(?:r|rs|se|ses)|"
    r"incompetente?s?|nullites?|bras[- ]casses|nazes|gros naze|tanches|burnes|empotee?s?|"
    r"tire[- ]au[- ]flanc|pauvres? types?|sales? types?|"
    r"(?:sales?|gros|grosses?|pauvres?|vieux|vieilles?) con(?:s|nes?)?|"
    r"gros(?:se)? (?:nul(?:le)?|beauf|lard|vache|porc)|tetes? de (?:con|noeud)|cons finis?"
)
ALWAYS_EN = (
    r"idiots?|idiotic|morons?|moronic|imbeciles?|cretins?|halfwits?|dimwits?|nitwits?|numpties|numpty|muppets?|"
    r"buffoons?|assholes?|arseholes?|dickheads?|douchebags?|tossers?|wankers?|twats?|losers?|"
    r"scumbags?|sleaze(?:bag)?s?|slimeballs?|bootlickers?|brown[- ]nosers?|suck[- ]ups?|crooks?|thieves|"
    r"liars?|fraudsters?|con artists?|swindlers?|clowns|clown show|shit ?show|dumpster fire|laughing stock|"
    r"jackass(?:es)?|dipshits?|bozos?|dolts?|brain[- ]?dead|nincompoops?|waste of (?:space|oxygen|a salary)|"
    r"pieces? of shit|"
    r"brainless|spineless|dumb(?:est)?|stupid(?:est)?|pathetic|incompetent|"
    r"(?:useless|lazy|worthless|hopeless|clueless) (?:\w+ )?(?:idiots?|muppets?|clowns?|people|lot|bunch|management|"
    r"managers?|colleagues?|team|guys?|bastards?|workers?|buyers?|sellers?|staff|director|boss)|"
    r"(?:total|complete|absolute|utter|bunch of|such an?|what an?) (?:\w+ )?(?:idiots?|muppets?|clowns?|fools?|"
    r"amateurs|losers?|joke|disgrace)"
)
# Words that insult a person only as a noun after a determiner or in a predicate: "un incapable", "a clown".
AS_NOUN = (
    r"(?:incapables?|amateurs?|nuls?|nulles?|boulets?|clowns?|pitres?|charlots?|fools?)(?! de| d'| du| des| for| of)"
)
NOUN_BEFORE = (
    r"(?:un|une|des|ces|ce|cet|cette|quel|quelle|quels|quelles|vrais?|vraies?|de vrais|gros|grosse|"
    r"est|sont|etait|etaient|tous|the|a|an|such a|what a|are|is|was|were|bunch of|total|absolute|complete|utter)"
)
# Accusations of crimes or lies aimed at people, and rumours presented as facts.
ACCUSATION = (
    r"(?:sont|est|etaient|etait|are|is|were|was|all|tous|toutes) "
    r"(?:des |de |de vrais |un |une |a |an |bunch of |total )?"
    r"(?:corrompu(?:e|s|es)?|pourri(?:e|s|es)?|vereux|mafieux|corrupt|bent|frauds?|thieves|crooks?|liars?)|"
    r"(?:tout le monde|chacun|on) sait (?:bien )?(?:que|qu'|qu)[^.!?\n]{0,80}?"
    r"(?:trafiqu|magouill|trich|vol(?:e|ent)\b|ment\b|mentent|truqu|detourn|fraud|pique dans|piquent dans|se sucr|"
    r"touch(?:e|ent) des pots)\w*|"
    r"(?:everyone|everybody|we all) knows? (?:that )?[^.!?\n]{0,80}?"
    r"(?:steal|stole|cheat|lies|lying|fiddl|cook(?:s|ing|ed)? the books|embezzl|on the take|takes? bribes|"
    r"skim(?:s|ming)?|rip(?:s|ping)? off)\w*|"
    r"(?:truque(?:nt)?|maquille(?:nt)?|trafique(?:nt)?) les comptes|cook(?:s|ing|ed)? the books|"
    r"(?:se sucre(?:nt)?|pique(?:nt)? dans la caisse|hand in the till|on the take)|"
    r"(?:ils|elles|they) (?:trichent|mentent|volent|arnaquent|escroquent|cheat|lie to|steal from|rip off|scam)"
)
# Mockery of a person's abilities, wishes of harm, and mocking emoji.
MOCKERY = (
    r"n'a (?:toujours |jamais |encore )?rien compris|n'ont (?:toujours |jamais |encore )?rien compris|"
    r"(?:meme pas|pas) (?:capable|foutue?s?) de|(?:il|elle|ils|elles) (?:est|sont) incapables? de|"
    r"(?:can'?t|cannot|couldn'?t) even (?:find|use|spell|write|read|count|open|answer|manage|tie)|"
    r"(?:he|she|the man|the guy|this guy|the woman|that guy|they) (?:still )?(?:can'?t|cannot|couldn'?t) "
    r"(?:find|use|open|spell|answer|manage|understand|read|count|work out)|"
    r"(?:best|pure|free|real|total) (?:comedy|entertainment|circus|sitcom)|better than (?:netflix|a sitcom)|"
    r"(?:meilleur|meilleure|vrai|vraie|quel|quelle) (?:sketch|spectacle|comedie|cirque)|"
    r"(?:should|ought to) be (?:fired|sacked|shot|thrown out)|"
    r"(?:devrai(?:t|ent)|faudrait) (?:etre )?(?:vire|virer|la virer|le virer|les virer)|"
    r"vivement qu'(?:il|elle|ils|elles|on) (?:soi(?:t|ent) vire(?:e|s|es)?|degage(?:nt)?|se fasse(?:nt)? virer|"
    r"(?:le|la|les) vire)|"
    r"(?:can'?t wait|hope) (?:for )?(?:him|her|them|they|he|she) (?:to )?(?:gets?|get|are|is|be) (?:fired|sacked)|"
    r"(?:il|elle|ils|elles) n(?:e |')(?:fout(?:ent)?|branlen?t?|glande(?:nt)?|fiche(?:nt)?) (?:jamais )?rien|"
    r"(?:he|she|they) (?:never )?(?:does|do)n?'?t? (?:do )?(?:jack|sod all|fuck all|bugger all)|"
    r"(?:looks like|as if|like) (?:it was |they were |he was |she was )?(?:designed|made|built|drawn|written|coded) "
    r"by (?:a|an|my|some) (?:\w+[- ])?(?:toddlers?|child|children|kids?|monkeys?|chimps?|five[- ]year[- ]olds?)|"
    r"(?:fait|faite|dessine|dessinee|concue?|code|codee|ecrit|ecrite) par (?:un|une|des|mon|ma) "
    r"(?:enfants?|gamins?|gamines?|singes?|bebes?|eleves? de maternelle)|"
    r"🤡|🙄🙄|#(?:sarcasm|sarcasme|ironie|irony)"
)
# Quote marks around a praise word about someone: sarcasm ("our 'visionary' boss").
PRAISE = (
    r"visionar(?:y|ies)|visionnaires?|genius(?:es)?|genies?|brilliant|brillante?s?|experts?|expertes?|leaders?|"
    r"leadership|strateg(?:e|es|ist|ists)|talents?|talented|professionals?|professionnel(?:le)?s?|pros?|"
    r"manag(?:er|ers|ement)|chefs?|boss|heros?|heroes|innovat(?:ion|ive|eur|eurs|rice)|smart|"
    r"competente?s?|competent|efficient|efficace|dream team|rock ?stars?|ninjas?|gurus?|premium|qualite|quality|"
    r"haut de gamme|high[- ]end|luxe|luxury|revolutionnaires?|revolutionary|innovative|innovante?s?"
)
SARCASM_QUOTES = rf"[\"'«“‘]\s?(?:{PRAISE})\s?[\"'»”’]"
NEGATION = re.compile(
    r"(?<![\w])(?:pas|jamais|not|never|no|n't|loin d'etre|far from|rien d'un|nothing)\s+(?:\w+\s+)?$"
)


HARASSMENT_AT = 2  # insulting phrases in one post


def _compile() -> re.Pattern[str]:
    parts = [
        ALWAYS_FR,
        ALWAYS_EN,
        rf"{NOUN_BEFORE} (?:(?:\w+ ){{0,1}})?(?:{AS_NOUN})",
        ACCUSATION,
        MOCKERY,
        r"(?:aussi|si|trop|completement|totalement|vraiment|tellement|le plus|la plus|les plus) nul(?:le)?s?",
    ]
    body = "|".join(f"(?:{p})" for p in parts)
    return re.compile(rf"(?<![\w])(?:{body})(?![\w])|{SARCASM_QUOTES}")


class InsultRule(Rule):
    rule_id = "insult.lexicon"
    category = "conduct.insult"
    severity = Severity.MEDIUM

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        pattern = context.memo("insult.pattern", _compile)
        spans = [
            m.span() for m in pattern.finditer(low) if not NEGATION.search(low, max(0, m.start() - 25), m.start())
        ]
        # several insults piled up in one post read as harassment: every phrase is marked, as serious
        severity = Severity.HIGH if len(spans) >= HARASSMENT_AT else None
        for start, end in spans:
            yield self.finding(start, end, severity)
