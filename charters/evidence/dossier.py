"""Assemble a version's dossier: one ZIP streamed to the evidence storage, with a SHA-256 manifest.

Members are copied in 1 MiB chunks and hashed as they are written, so memory stays flat whatever
the number of certificates. PDFs are stored (already compressed); the ledger's JSON Lines and the
manifests are deflated. ``manifest.json`` lists every other member with its SHA-256 and size;
``SHA256SUMS`` says the same in ``sha256sum -c`` form.
"""

from __future__ import annotations

import hashlib
import json
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charters.evidence.storage import evidence_path, evidence_writer
from charters.evidence.verification import sha256_of_file

MANIFEST = "manifest.json"
CHECKSUMS = "SHA256SUMS"
LEDGER = "ledger.jsonl"
CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Member:
    """A dossier member: its name in the ZIP and either a file on disk or lines of text."""

    name: str
    path: Path | None = None
    lines: Iterable[str] | None = None


@dataclass(frozen=True, slots=True)
class Written:
    sha256: str
    size: int
    manifest_sha256: str
    files: int


def _copy(zf: zipfile.ZipFile, member: Member) -> tuple[str, int]:
    digest, size = hashlib.sha256(), 0
    compress = zipfile.ZIP_STORED if member.path is not None else zipfile.ZIP_DEFLATED
    info = zipfile.ZipInfo(member.name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = compress
    with zf.open(info, "w", force_zip64=True) as out:
        for chunk in _chunks(member):
            digest.update(chunk)
            size += len(chunk)
            out.write(chunk)
    return digest.hexdigest(), size


def _chunks(member: Member) -> Iterator[bytes]:
    if member.path is not None:
        with member.path.open("rb") as stream:
            while chunk := stream.read(CHUNK):
                yield chunk
    else:
        for line in member.lines or ():
            yield (line + "\n").encode("utf-8")


def write_dossier(
    name: str, members: Iterable[Member], *, header: dict[str, Any], progress: Callable[[int], None] | None = None
) -> Written:
    """Write the ZIP under ``name`` in the evidence storage; ``progress(n)`` is called every 250 members."""
    entries: list[dict[str, Any]] = []
    with evidence_writer(name) as stream, zipfile.ZipFile(stream, "w", allowZip64=True) as zf:
        for count, member in enumerate(members, start=1):
            sha256, size = _copy(zf, member)
            entries.append({"name": member.name, "sha256": sha256, "size": size})
            if progress is not None and count % 250 == 0:
                progress(count)
        manifest = json.dumps({**header, "files": entries}, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
        zf.writestr(_info(MANIFEST), manifest)
        zf.writestr(_info(CHECKSUMS), "".join(f"{e['sha256']}  {e['name']}\n" for e in entries))
    path = evidence_path(name)
    return Written(
        sha256=sha256_of_file(path),
        size=path.stat().st_size,
        manifest_sha256=hashlib.sha256(manifest.encode("utf-8")).hexdigest(),
        files=len(entries),
    )


def _info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2000, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info
