"""Where evidence files live: a private directory (settings.EVIDENCE_ROOT, under MEDIA_ROOT), never a URL.

Files are written under a temporary name and renamed into place, so a worker killed mid-write
leaves no half file under a real name. Names are relative to EVIDENCE_ROOT.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from django.conf import settings


def evidence_path(name: str) -> Path:
    root = Path(getattr(settings, "EVIDENCE_ROOT", Path(settings.MEDIA_ROOT) / "evidence")).resolve()
    path = (root / name).resolve()
    if not path.is_relative_to(root):
        raise ValueError(f"{name!r} is outside the evidence storage")
    return path


@contextmanager
def evidence_writer(name: str) -> Iterator[BinaryIO]:
    """Open ``name`` for writing; it appears under its name only once the block ends without error."""
    path = evidence_path(name)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.part")
    try:
        with temporary.open("wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def evidence_write(name: str, data: bytes) -> None:
    with evidence_writer(name) as stream:
        stream.write(data)


def evidence_read(name: str) -> bytes:
    return evidence_path(name).read_bytes()


def evidence_delete(name: str) -> None:
    evidence_path(name).unlink(missing_ok=True)


def evidence_files_in(directory: str) -> list[str]:
    """Names of the files directly in ``directory`` (temporary ones included); [] if it does not exist."""
    root = evidence_path(directory)
    return [f"{directory}/{entry.name}" for entry in root.iterdir() if entry.is_file()] if root.is_dir() else []


def evidence_modified_at(path: Path) -> float:
    """Last modification (epoch seconds); +inf for a file already gone (never "old")."""
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return float("inf")


def is_temporary(path: Path) -> bool:
    """A file ``evidence_writer`` has not finished (its writer may have been killed)."""
    return path.name.startswith(".") and path.name.endswith(".part")
