"""Reuse of someone else's photos, videos, music, logos, illustrations or paid content without a licence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded

PATTERNS = [
    # press agencies and stock libraries credited under a picture
    r"(?:photo|image|picture|credit|cliche|©|📸|video)\s*:?\s*(?:[\w ]{0,12})?(?:afp|getty(?: images)?|reuters|"
    r"shutterstock|istock|adobe stock|associated press|ap photo|sipa|abaca|magnum)",
    r"(?:afp|getty images|reuters|shutterstock|istock)\s*/\s*\w+",
    # found or grabbed online
    r"(?:trouve|trouvee|trouvees|trouves|found|pris|prise|took|grabbed|recupere|recuperee|telecharge|telechargee|"
    r"downloaded|piquee?|volee?s?|vole|"
    r"borrowed|stole|stolen)\b[^.!?\n]{0,60}\b(?:sur|on|from|de)\s+(?:google|pinterest|internet|le net|"
    r"the internet|the web|le web|instagram|facebook|youtube|tiktok|leur site|their site|their website|son site)",
    r"google images",
    r"(?:all credits? to|credit goes to|i don'?t own|i do not own|no copyright intended|je ne possede pas|"
    r"tous droits a leurs?|droits reserves a)",
    r"\b(?:repost(?:ing|ed)?|regram(?:ming)?|reposte)\b[^.!?\n]{0,80}(?:@\w|feed|compte|account|page)",
    r"\b(?:paywall(?:ed)?|reserve aux abonnes|subscribers? only|behind a paywall|can'?t get access|"
    r"article complet ci-dessous|full article below|whole article below|copie-colle|copy-pasted|i'?ve pasted|"
    r"je vous colle|voici l'article en entier)\b",
    r"(?:recupere|pris|copie|took|grabbed|copied|borrowed)\b[^.!?\n]{0,40}\blogo\b",
    r"(?:used|using|utilise|mis|avec|with|on a mis)\b[^.!?\n]{0,50}\b(?:track|song|chanson|morceau|titre|tube)\b"
    r"[^.!?\n]{0,50}\b(?:soundtrack|bande[- ]son|musique de fond|background music|en fond|as music)",
    r"(?:repris|reprend|reprise|copie|recupere|reused|reusing|copied|borrowed|took|used)\b[^.!?\n]{0,40}"
    r"\b(?:infographie|infographic|illustration|photos?|images?|videos?|visuel|dessin|chart|graphique|schema|carte|"
    r"clip)\b[^.!?\n]{0,60}(?:telle quelle|tel quel|as is|as the header|en en-tete|sans autorisation|"
    r"without (?:permission|a licen[cs]e|asking|credit))",
    r"(?:j'ai|i) (?:repris|reused)\b[^.!?\n]{0,20}\b(?:leur|their|son|his|her)\s+(?:infographie|infographic|"
    r"illustration|photo|image|video|visuel|dessin|chart|graphique)",
    r"(?:illustration|photo|image|picture|visuel|dessin|drawing|artwork)\b[^.!?\n]{0,80}"
    r"(?:so i used it|i used it as|je l'ai utilisee?|je l'ai mise? en)",
    r"(?:no idea|aucune idee|pas sur|not sure)\b[^.!?\n]{0,40}(?:licen[cs]|droits|rights|copyright)",
]
OWN = re.compile(
    r"(?:prise avec mon|taken with my|shot this (?:little )?\w* ?myself|my own (?:photo|picture|video)|"
    r"ma propre photo|moi-meme|no music added|sans musique)"
)


class ThirdPartyMediaRule(Rule):
    rule_id = "third_party_media.reuse"
    category = "copyright.third_party_media"
    severity = Severity.MEDIUM

    def check(self, doc: Doc, context: CheckerContext) -> Iterator[Finding]:
        low = folded(doc)
        pattern = context.memo("media.pattern", lambda: re.compile("|".join(f"(?:{p})" for p in PATTERNS)))
        for m in pattern.finditer(low):
            s = max(low.rfind(c, 0, m.start()) for c in ".!?\n") + 1
            if OWN.search(low, s, m.end() + 40):
                continue
            yield self.finding(*m.span())
