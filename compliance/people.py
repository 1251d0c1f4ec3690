"""Cheap, model-free spotting of people's names in a post (capitalised first name + surname)."""

from __future__ import annotations

import re

from compliance.context import CheckerContext
from compliance.folding import fold

UP = "A-ZÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸ"
LOW = "a-zàâäçéèêëîïôöùûüÿœ"
NAME = re.compile(
    rf"(?<![\w@#])[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?\s+(?:[{UP}]['’])?[{UP}][{LOW}{UP}]+(?:-[{UP}][{LOW}]+)?(?![\w])"
)
NOT_FIRST = frozenset(
    "le la les un une des du de au aux ce cette mon ma mes notre nos votre vos leur the a an our my your their this "
    "that merci thanks bravo hello bonjour salut dear cher chère chez from with pour avec sur dans".split()
)


def person_names(text: str, context: CheckerContext) -> list[tuple[int, int]]:
    """Spans that look like a person's full name and are not the company or a public place/product."""
    public = context.public_text
    company = fold(context.company_name)
    spans = []
    for m in NAME.finditer(text):
        first, *rest = m.group().split()
        f_first = fold(first)
        if f_first in NOT_FIRST:
            continue
        last = fold(rest[-1])
        if company and (company in fold(m.group())):
            continue
        if re.search(rf"(?<![\w]){re.escape(last)}(?![\w])", public) and not re.search(
            rf"(?<![\w]){re.escape(fold(m.group()))}(?![\w])", public
        ):
            continue  # a public place or product, not a person
        spans.append(m.span())
    return spans
