"""Reading a context bundle folder (format in the eval README) into plain data, validating every line."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

TERM_KINDS = {"project", "product", "client", "partner", "person", "quiet_topic", "other"}
FRONT_MATTER_KEYS = {"title", "author", "rights_holder", "language"}


class BundleError(Exception):
    def __init__(self, file: str, line: int, message: str) -> None:
        super().__init__(f"{file}:{line}: {message}")
        self.file, self.line, self.message = file, line, message


@dataclass
class Document:
    key: str
    title: str
    text: str
    meta: dict[str, str] = field(default_factory=dict)


@dataclass
class Bundle:
    name: str = ""
    language: str = "fr"
    public_domains: list[str] = field(default_factory=list)
    public_facts: list[str] = field(default_factory=list)
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    internal: list[Document] = field(default_factory=list)
    protected: list[Document] = field(default_factory=list)


def read_bundle(folder: Path) -> Bundle:
    bundle = Bundle()
    if not folder.is_dir():
        raise BundleError(str(folder), 0, _("not a folder"))
    _read_company(folder / "company.json", bundle)
    _read_terms(folder / "terms.csv", bundle)
    for path in sorted((folder / "internal").glob("*.md")):
        bundle.internal.append(_read_internal(path))
    for path in sorted((folder / "protected").glob("*.md")):
        bundle.protected.append(_read_protected(path))
    return bundle


def _read_company(path: Path, bundle: Bundle) -> None:
    if not path.exists():
        return
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise BundleError(path.name, exc.lineno, exc.msg) from exc
    except UnicodeDecodeError as exc:
        raise BundleError(path.name, 1, _("not UTF-8 text")) from exc
    if not isinstance(data, dict):
        raise BundleError(path.name, 1, _("expected a JSON object"))
    for key in ("public_domains", "public_facts"):
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise BundleError(path.name, 1, _("%(key)s must be a list of strings") % {"key": key})
    bundle.name = str(data.get("name", ""))
    bundle.language = str(data.get("language", "fr"))
    bundle.public_domains = [d.strip().lower() for d in data.get("public_domains", []) if d.strip()]
    bundle.public_facts = [f.strip() for f in data.get("public_facts", []) if f.strip()]


def _read_terms(path: Path, bundle: Bundle) -> None:
    if not path.exists():
        return
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BundleError(path.name, 1, _("not UTF-8 text")) from exc
    reader = csv.reader(io.StringIO(text))
    header = next(reader, None)
    if not header or [h.strip().lower() for h in header[:2]] != ["term", "kind"]:
        raise BundleError(path.name, 1, _("the header must be term,kind,note"))
    seen: set[str] = set()
    for row in reader:
        line = reader.line_num
        if not row or not any(c.strip() for c in row):
            continue
        if len(row) < 2 or len(row) > 3:
            raise BundleError(path.name, line, _("expected 2 or 3 columns"))
        term, kind = row[0].strip(), row[1].strip().lower()
        note = row[2].strip() if len(row) > 2 else ""
        if not term:
            raise BundleError(path.name, line, _("empty term"))
        if kind not in TERM_KINDS:
            raise BundleError(path.name, line, _("unknown kind %(kind)s") % {"kind": kind})
        if term.lower() in seen:
            raise BundleError(path.name, line, _("duplicate term %(term)s") % {"term": term})
        seen.add(term.lower())
        bundle.terms.append((term, kind, note))


def _read_text(path: Path) -> list[str]:
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise BundleError(f"{path.parent.name}/{path.name}", 1, _("not UTF-8 text")) from exc


def _read_internal(path: Path) -> Document:
    lines = _read_text(path)
    name = f"internal/{path.name}"
    if not lines or not lines[0].startswith("# "):
        raise BundleError(name, 1, _("the first line must be '# Title'"))
    return Document(key=path.name, title=lines[0][2:].strip(), text="\n".join(lines[1:]).strip())


def _read_protected(path: Path) -> Document:
    lines = _read_text(path)
    name = f"protected/{path.name}"
    meta: dict[str, str] = {}
    n = 0
    for n, line in enumerate(lines, 1):
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if not sep or key.strip() not in FRONT_MATTER_KEYS:
            raise BundleError(name, n, _("expected a front matter line 'key: value'"))
        meta[key.strip()] = value.strip()
    if "title" not in meta:
        raise BundleError(name, 1, _("the front matter needs a title"))
    body = "\n".join(lines[n:]).strip()
    if not body:
        raise BundleError(name, n, _("no text after the front matter"))
    return Document(key=path.name, title=meta["title"], text=body, meta=meta)
