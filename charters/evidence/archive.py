"""Read an uploaded dossier ZIP within caps, so a crafted archive cannot exhaust a worker (issue 13).

:func:`screen` refuses, from the central directory alone and before anything is expanded, an
archive with too many members, an unsafe, duplicate or nested-ZIP member name, a member or a total
too large once expanded, or a compression ratio only a bomb has. :class:`CappedReader` then reads
members in chunks and stops as soon as a member or the running total passes its cap, since headers
can lie. Every refusal is an :class:`ArchiveRefused` carrying a message in the reader's language.

The default caps (settings ``EVIDENCE_*``) are sized from what a real dossier holds: a sealed
certificate PDF is about 60 KB, a 500-row register part a few MB, and a 10,000-certificate
dossier's manifest about 1.5 MB and its ledger lines about 10 MB.
"""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

CHUNK = 1 << 20
ZIP_MAGIC = b"PK\x03\x04"
RATIO_FLOOR = 1 << 20  # below 1 MiB expanded, a high ratio (a tiny JSON file) harms no one


@dataclass(frozen=True, slots=True)
class Caps:
    upload: int  # the uploaded file itself
    member: int  # one member once expanded
    total: int  # all members once expanded
    ratio: int  # expanded size / compressed size of one member
    members: int  # number of members
    manifest: int  # manifest.json and SHA256SUMS
    pdf: int  # one PDF, uploaded alone or in a dossier

    @classmethod
    def from_settings(cls) -> Caps:
        return cls(
            upload=settings.EVIDENCE_UPLOAD_MAX_BYTES,
            member=settings.EVIDENCE_MEMBER_MAX_BYTES,
            total=settings.EVIDENCE_DOSSIER_MAX_EXPANDED_BYTES,
            ratio=settings.EVIDENCE_MAX_COMPRESSION_RATIO,
            members=settings.EVIDENCE_DOSSIER_MAX_MEMBERS,
            manifest=settings.EVIDENCE_MANIFEST_MAX_BYTES,
            pdf=settings.EVIDENCE_PDF_MAX_BYTES,
        )


class ArchiveRefused(Exception):
    def __init__(self, where: str, message: str) -> None:
        super().__init__(message)
        self.where = where
        self.message = message


def megabytes(size: int) -> str:
    """A size in MB with one decimal, in the reader's number format (1,5 in French)."""
    return number_format(round(size / (1 << 20), 1), 1)


def unsafe_name(name: str) -> bool:
    """An absolute name, a drive letter, a backslash or a ``..`` part: it could escape a directory."""
    if name.startswith("/") or "\\" in name or (len(name) > 1 and name[1] == ":"):
        return True
    return ".." in posixpath.normpath(name).split("/") or ".." in name.split("/")


def screen(archive: zipfile.ZipFile, caps: Caps) -> None:
    """Refuse the archive from its central directory, before expanding anything."""
    infos = archive.infolist()
    if len(infos) > caps.members:
        raise ArchiveRefused(
            "ZIP",
            _("The ZIP has %(count)s files; a dossier has at most %(max)s.")
            % {"count": len(infos), "max": caps.members},
        )
    seen: set[str] = set()
    total = 0
    for info in infos:
        _screen_member(info, caps, seen)
        total += info.file_size
        if total > caps.total:
            raise ArchiveRefused(
                "ZIP",
                _("Once expanded, the ZIP would take more than %(max)s MB; it is refused.")
                % {"max": megabytes(caps.total)},
            )


def _screen_member(info: zipfile.ZipInfo, caps: Caps, seen: set[str]) -> None:
    name = info.filename
    if unsafe_name(name):
        raise ArchiveRefused(name, _("This name is absolute or climbs out of the dossier (..); the ZIP is refused."))
    if name in seen:
        raise ArchiveRefused(name, _("This file name appears twice in the ZIP; the ZIP is refused."))
    seen.add(name)
    if name.lower().endswith(".zip"):
        raise ArchiveRefused(name, _("The ZIP contains another ZIP, which a dossier never does; it is refused."))
    if info.file_size > caps.member:
        raise ArchiveRefused(
            name,
            _("This file would take %(size)s MB once expanded, more than the %(max)s MB allowed; the ZIP is refused.")
            % {"size": megabytes(info.file_size), "max": megabytes(caps.member)},
        )
    if info.file_size > RATIO_FLOOR and info.file_size > caps.ratio * max(info.compress_size, 1):
        raise ArchiveRefused(
            name,
            _("This file expands %(ratio)s times (at most %(max)s): it looks like a zip bomb; the ZIP is refused.")
            % {"ratio": info.file_size // max(info.compress_size, 1), "max": caps.ratio},
        )


class CappedReader:
    """Reads members in chunks, enforcing each member's cap and the total whatever the headers say."""

    def __init__(self, archive: zipfile.ZipFile, caps: Caps) -> None:
        self.archive = archive
        self.caps = caps
        self.expanded = 0

    def read(self, name: str, limit: int) -> bytes:
        """The member's content; raises KeyError if absent, ArchiveRefused past a cap, BadZipFile if damaged."""
        parts: list[bytes] = []
        size = 0
        with self.archive.open(name) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                self.expanded += len(chunk)
                if size > limit:
                    raise ArchiveRefused(
                        name,
                        _("This file expands to more than %(max)s MB, more than its header says; it is refused.")
                        % {"max": megabytes(limit)},
                    )
                if self.expanded > self.caps.total:
                    raise ArchiveRefused(
                        "ZIP",
                        _("Once expanded, the ZIP would take more than %(max)s MB; it is refused.")
                        % {"max": megabytes(self.caps.total)},
                    )
                if not parts and chunk.startswith(ZIP_MAGIC):
                    raise ArchiveRefused(
                        name, _("The ZIP contains another ZIP, which a dossier never does; it is refused.")
                    )
                parts.append(chunk)
        return b"".join(parts)
