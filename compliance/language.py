"""Which language a post is written in (French or English), from function words: instant, no model."""

from __future__ import annotations

import re

FR = frozenset(
    "le la les un une des du de et est sont pour avec dans sur pas plus que qui nous vous je tu il elle on ce "
    "cette ces mais ou donc au aux en très merci notre nos votre vos été être avoir avons fait chez".split()
)
EN = frozenset(
    "the a an and is are for with in on not more than that who we you i he she it this these but or so to of "
    "at very thanks our your been be have has had was were from by my its their they".split()
)
WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ']+")


def detect_language(text: str, default: str = "fr") -> str:
    fr = en = 0
    for w in WORD.findall(text.lower()):
        w = w.split("'")[-1]
        fr += w in FR
        en += w in EN
    if fr == en:
        return default
    return "fr" if fr > en else "en"
