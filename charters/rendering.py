"""Charter text: Markdown -> sanitised HTML, and numbered clauses parsed from the headings.

A clause is a heading that starts with a number: ``## 3.2 Informations confidentielles``. It may
end with the checker categories it governs: ``## 3.2 Informations confidentielles {tags: confidentiality, insider}``.
Its anchor is stable across versions (``#clause-3-2``), so links from the checker keep working.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import nh3
from markdown_it import MarkdownIt

from charters.models import CLAUSE_CATEGORIES

HEADING_TEXT = re.compile(r"^(?P<number>\d+(?:\.\d+)*)\.?\s+(?P<title>.*?)\s*(?:\{\s*tags\s*:(?P<tags>[^}]*)\})?\s*$")
HEADING_LINE = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*#*\s*$")
FENCE = re.compile(r"^\s{0,3}(```|~~~)")

ALLOWED_TAGS = {
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "p",
    "br",
    "hr",
    "ul",
    "ol",
    "li",
    "strong",
    "em",
    "a",
    "blockquote",
    "code",
    "pre",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "del",
    "ins",
}
ALLOWED_ATTRIBUTES = {
    **{f"h{n}": {"id", "class"} for n in range(1, 7)},
    "a": {"href", "title"},
    "ol": {"start"},
    "th": {"style"},
    "td": {"style"},
}


class ClauseSyntaxError(ValueError):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class ParsedClause:
    number: str
    title: str
    tags: tuple[str, ...]
    level: int
    text: str  # the clause's Markdown, heading included (without the tags), up to the next clause
    position: int

    @property
    def anchor(self) -> str:
        return anchor_for(self.number)


def anchor_for(number: str) -> str:
    return "clause-" + number.replace(".", "-")


def _split_tags(raw: str | None) -> tuple[str, ...]:
    if not raw:
        return ()
    return tuple(dict.fromkeys(t.strip().lower() for t in raw.split(",") if t.strip()))


def parse_clauses(source: str, *, strict: bool = False) -> tuple[str, list[ParsedClause]]:
    """The preamble (text before the first clause) and the clauses, in order.

    ``strict``: raise ClauseSyntaxError on unknown categories or a number used twice.
    """
    preamble: list[str] = []
    clauses: list[ParsedClause] = []
    current: dict[str, object] | None = None
    lines: list[str] = []
    in_fence = False
    problems: list[str] = []

    def close() -> None:
        if current is not None:
            clauses.append(ParsedClause(text="\n".join(lines).strip("\n"), position=len(clauses), **current))

    for line in source.replace("\r\n", "\n").split("\n"):
        if FENCE.match(line):
            in_fence = not in_fence
        heading = None if in_fence else HEADING_LINE.match(line)
        match = HEADING_TEXT.match(heading["text"]) if heading else None
        if heading and match:
            close()
            tags = _split_tags(match["tags"])
            problems += [f"§{match['number']}: unknown category {t!r}" for t in tags if t not in CLAUSE_CATEGORIES]
            if any(c.number == match["number"] for c in clauses):
                problems.append(f"§{match['number']} is used twice")
            current = {
                "number": match["number"],
                "title": match["title"],
                "tags": tags,
                "level": len(heading["hashes"]),
            }
            lines = [f"{heading['hashes']} {match['number']} {match['title']}"]
        elif current is None:
            preamble.append(line)
        else:
            lines.append(line)
    close()
    if strict and problems:
        raise ClauseSyntaxError(problems)
    return "\n".join(preamble).strip("\n"), clauses


@lru_cache(maxsize=1)
def _markdown() -> MarkdownIt:
    return MarkdownIt("commonmark", {"html": False, "linkify": False, "typographer": False}).enable("table")


def render_markdown(source: str) -> str:
    """Sanitised HTML; clause headings get their stable anchor as id."""
    md = _markdown()
    tokens = md.parse(source)
    for index, token in enumerate(tokens):
        if token.type != "heading_open":
            continue
        inline = tokens[index + 1]
        match = HEADING_TEXT.match(inline.content)
        if not match:
            continue
        token.attrSet("id", anchor_for(match["number"]))
        token.attrSet("class", "clause-heading")
        text = f"{match['number']} {match['title']}"
        inline.content = text
        inline.children = md.parseInline(text)[0].children
    html = md.renderer.render(tokens, md.options, {})
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        link_rel="noopener noreferrer",
        url_schemes={"http", "https", "mailto"},
    )
