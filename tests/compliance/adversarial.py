"""Hostile drafts for the checker: runs of every punctuation class, emoji, digits, one long token,
mixed scripts. Shared by tests/compliance/test_checker_hostile_input.py, `make fuzz-checker` and
benchmarks/checker_adversarial.py."""

from __future__ import annotations

import itertools
import sys
import unicodedata
from collections.abc import Callable

LENGTH = 10_000


def _fill(unit: str, length: int = LENGTH) -> str:
    return (unit * (length // len(unit) + 1))[:length]


def _punctuation_of(category: str) -> str:
    chars = (chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c)) == category)
    return "".join(itertools.islice(chars, 3))


# One generator per hostile shape; the name says what it is.
GENERATORS: dict[str, Callable[[], str]] = {
    "stars_underscores": lambda: _fill("*_"),
    "quote_markers": lambda: _fill(">"),
    "brackets": lambda: _fill("[[["),
    "emoji": lambda: _fill("😀"),
    "emoji_zwj_family": lambda: _fill("👨\u200d👩\u200d👧 "),
    "digit_pairs": lambda: _fill("06 "),
    "digit_pairs_twelve": lambda: _fill("12 "),
    "digits_no_space": lambda: _fill("0123456789"),
    "digits_dots_commas": lambda: _fill("1.2,3 "),
    "one_long_token": lambda: "a" * LENGTH,
    "emails": lambda: _fill("bob.smith@example.com "),
    "email_no_space": lambda: _fill("a.b@c."),
    "urls": lambda: _fill("https://x.example/a/b?c=d"),
    "mixed_scripts": lambda: _fill("Неrоn Mіstral ΑΒΓ αβγ абв 中文 عربى "),
    "invisible": lambda: _fill("M\u200bi\u00ads\u2060t\ufeffr\u200dal "),
    "currency_runs": lambda: _fill("€$£"),
    "money_words": lambda: _fill("deux trois millions "),
    **{f"punctuation_{cat}": (lambda cat=cat: _fill(_punctuation_of(cat))) for cat in
       ("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po", "Sm", "Sc", "Sk", "So")},
}  # fmt: skip
