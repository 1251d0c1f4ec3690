"""Reuse of someone else's photos, videos, music, logos, illustrations or paid content without a licence."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Doc

from compliance.context import CheckerContext
from compliance.rules.base import Finding, Rule, Severity, folded

# Press agencies and stock libraries: their names next to a picture word are a credit to someone else.
AGENCIES = (
    r"(?:afp|getty|reuters|associated press|ap photo|shutterstock|istock(?:photo)?|adobe stock|alamy|"
    r"sipa(?: press)?|abaca(?:press)?|magnum(?: photos)?|maxppp|gamma|hans lucas|bridgeman|dreamstime|123rf|"
    r"depositphotos|corbis|epa|xinhua|bloomberg|ouest-france|le monde|hemis|biosphoto|leemage)"
)
MEDIA_WORD = (
    r"(?:photos?|images?|pictures?|pics?|shots?|cliches?|visuels?|illustrations?|videos?|footage|infographi\w+|"
    r"dessins?|drawings?|artwork|credits?|📸)"
)
VIDEO_WORD = (
    r"(?:film|video|reel|reels|clip|montage|story|stories|tiktok|teaser|aftermovie|short|vlog|diaporama|slideshow)"
)
PATTERNS = [
    # a press agency or stock library credited next to a picture, in either order
    rf"{MEDIA_WORD}\s*:?\s*(?:[\w' ]{{0,20}}?)\b{AGENCIES}\b",
    rf"\b{AGENCIES}\s*(?:/\s*\w+|{MEDIA_WORD})",
    r"©\s*[a-z][\w .&-]{1,30}",
    # found or grabbed online
    r"(?:trouve|trouvee|trouvees|trouves|found|pris|prise|took|taken|grabbed|recupere|recuperee|recuperees|"
    r"telecharge|telechargee|downloaded|piquee?s?|vole|volee?s?|borrowed|empruntee?s?|stole|stolen|saved)\b"
    r"[^.!?\n]{0,60}\b(?:sur|on|from|de|off)\s+(?:google|pinterest|internet|le net|the internet|the web|le web|"
    r"instagram|insta|facebook|youtube|tiktok|twitter|x\.com|linkedin|leur site|their site|their website|son site|"
    r"his site|her site|un site|a website|a blog|un blog|unsplash|flickr|wikipedia|wikimedia)",
    r"google images",
    r"(?:all credits? to|credit goes to|i don'?t own|i do not own|no copyright intended|je ne possede pas|"
    r"tous droits a leurs?|droits reserves a)",
    r"\b(?:repost(?:ing|ed)?|regram(?:ming)?|reposte)\b[^.!?\n]{0,80}(?:@\w|feed|compte|account|page)",
    # paid content shared in full (pasted, screenshots) for those without a subscription
    r"\b(?:paywall(?:ed)?|reserve aux abonnes|subscribers? only|behind a paywall|can'?t get access|"
    r"article complet ci-dessous|full article below|whole article below|voici l'article en entier|je vous colle)\b",
    r"(?:en entier|en integralite|in its entirety|article complet|full article|whole article|captures? "
    r"d'ecran|captures|screenshots?|copie-colle|copy-pasted|copied and pasted|pasted)[^.!?\n]{0,80}"
    r"(?:abonnement|abonnes?|subscription|subscribers?|paywall|payant|premium)",
    r"(?:abonnement|abonnes?|subscription|subscribers?|paywall|payant)[^.!?\n]{0,80}(?:en entier|"
    r"article complet|full article|captures|screenshots?|copie-colle|copy-pasted|pasted)",
    # a book, magazine or article page scanned or photocopied
    r"(?:scanne(?:e|es|s)?|numerise(?:e|es|s)?|photocopie(?:e|es|s)?|scanned|photocopied)\b[^.!?\n]{0,60}"
    r"\b(?:illustrations?|pages?|livres?|recueil|books?|magazines?|articles?|bd|comics?|planches?|couvertures?|covers?)",
    r"\b(?:illustrations?|pages?|livres?|recueil|books?|magazines?|articles?|bd|comics?|planches?|couvertures?|covers?)"
    r"\b[^.!?\n]{0,60}\b(?:scanne(?:e|es|s)?|numerise(?:e|es|s)?|photocopie(?:e|es|s)?|scanned|photocopied)",
    r"(?:recupere|pris|copie|took|grabbed|copied|borrowed)\b[^.!?\n]{0,40}\blogo\b",
    # someone else's song as the soundtrack of a video
    r"(?:used|using|utilise|mis|avec|with|on a mis)\b[^.!?\n]{0,50}\b(?:track|song|chanson|morceau|titre|tube)\b"
    r"[^.!?\n]{0,50}\b(?:soundtrack|bande[- ]son|musique de fond|background music|en fond|as music)",
    rf"{VIDEO_WORD}\b[^.!?\n]{{0,80}}(?:monte|montee|montes|cale|calee|synchro\w*) sur|"
    rf"{VIDEO_WORD}\b[^.!?\n]{{0,80}}(?:sur fond de|en fond sonore|set to|cut to|edited to|to the tune of|"
    r"sur l'air de)",
    r"(?:soundtrack|bande[- ]son|background music|musique de fond)\s*:?\s*[\"«“]",
    # a credited track on a post: "Music: <artist> - <song>", "🎵 <artist>"
    r"(?:^|\n|[.!?]\s)\s*(?:music|musique|song|chanson|track|morceau|audio|son|🎵|🎶)\s*:\s*[\w\"«“]",
    r"(?:repris|reprend|reprise|copie|recupere|reused|reusing|copied|borrowed|took|used)\b[^.!?\n]{0,40}"
    r"\b(?:infographie|infographic|illustration|photos?|images?|videos?|visuel|dessin|chart|graphique|schema|carte|"
    r"clip)\b[^.!?\n]{0,60}(?:telle quelle|tel quel|as is|as the header|en en-tete|sans autorisation|"
    r"without (?:permission|a licen[cs]e|asking|credit)|ni vu ni connu)",
    r"(?:j'ai|i) (?:repris|reused)\b[^.!?\n]{0,20}\b(?:leur|their|son|his|her)\s+(?:infographie|infographic|"
    r"illustration|photo|image|video|visuel|dessin|chart|graphique)",
    r"(?:illustration|photo|image|picture|visuel|dessin|drawing|artwork)\b[^.!?\n]{0,80}"
    r"(?:so i used it|i used it as|je l'ai utilisee?|je l'ai mise? en)",
    r"(?:no idea|aucune idee|pas sur|not sure)\b[^.!?\n]{0,40}(?:licen[cs]|droits|rights|copyright)",
]
OWN = re.compile(
    r"(?<!than )(?<!que )(?:prise avec mon|taken with my|shot (?:this|it|these) (?:little )?\w* ?myself|"
    r"my own (?:photo|picture|video|shot)|ma propre photo|mes propres photos|moi-meme|no music added|sans musique|"
    r"ma photo|mes photos|pris(?:e|es)? par moi|"
    r"taken by me|shot by (?:me|our|my)|our own (?:photo|picture|video|footage|shot|music)|nos propres|"
    r"notre photographe|our photographer|libres? de droits?|royalty[- ]free|sous licence|licensed|creative commons)"
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
