"""Render evidence templates (certificates, registers) to PDF bytes with WeasyPrint.

Everything the renderer may read ships with the project: the DejaVu Sans fonts in
``charters/evidence/fonts/`` (Bitstream Vera licence, see ``fonts/LICENSE.txt``), the stylesheet
in ``charters/evidence/static/evidence.css``, and ``data:`` URLs made by the caller (QR codes).
:class:`EvidenceURLFetcher` refuses every other URL (http, https, ftp, other files such as
``file:///etc/passwd``) and stops the rendering, so a template cannot leak a request or read a
file by mistake.

PDFs are tagged PDF/UA-1 (``pdf_variant="pdf/ua-1"``, which turns on ``pdf_tags``): headings,
tables and the document language (``<html lang>``) are exposed to screen readers.

Performance, and its trade-offs
-------------------------------
Measured on the one-page certificate (``certificate.html``, ~25 fields and a QR code) on a
2-core machine shared with other work; ``make bench`` prints the live figures.

* Naive (WeasyPrint's default: a new ``FontConfiguration`` and ``CSS`` per document, the full
  ~750 kB DejaVu fonts): ~200 ms CPU, 0.33-0.45 s wall per certificate. Every document registers
  the ``@font-face`` fonts with fontconfig again (temporary files) and subsets the full fonts.
* Optimised: ~80 ms CPU (~0.1 s wall) per certificate, from four changes:

  1. The ``FontConfiguration`` and parsed ``CSS`` are built **once per process**
     (:func:`_stylesheet`).
  2. The fonts they load are **pre-subset once** (in memory, with fontTools, on first use) to the
     characters evidence needs: Latin in all its European forms, combining accents, Greek,
     Cyrillic, punctuation, a few symbols (:data:`PRESUBSET_CHARACTERS`). WeasyPrint still subsets
     per document for embedding (so a certificate stays ~10 kB before sealing), but from a ~60 kB
     font instead of a ~750 kB one.
  3. ``table-layout: fixed`` in ``evidence.css``: the automatic table layout measured every cell's
     min-content width (character by character for hashes), ~100 ms per certificate; a float
     instead of flexbox for the QR block saved another ~25 ms.
  4. The QR code is a 1-bit PNG (:func:`qr_code_data_url`), not SVG: WeasyPrint parses SVG paths
     in Python, ~70 ms per QR code.

* Not used: ``full_fonts=True`` (embed without per-document subsetting) was measured slower
  (the font stream is compressed again per document) and makes each PDF 60-800 kB; ``hinting``
  only adds bytes; ``optimize_images`` does nothing for a 29×29 PNG. PDF/UA tagging costs ~0-5 ms.
* Trade-off of the pre-subset: a character outside it would have no glyph. :func:`html_to_pdf`
  checks the document's characters and, if any falls outside (a Chinese or Armenian name, say),
  renders that document with the full fonts (also cached, built on first need), paying the full
  subsetting cost for that document only. A process holds both font configurations (a few MB).
* The first certificate of a process pays ~1-3 s (fontTools pre-subsetting, fontconfig): render in
  long-lived workers (django-q2), never in a short-lived process per certificate.
* Per-document WeasyPrint work remains ~80 ms CPU: 10,000 certificates cost ~8 CPU-minutes plus
  sealing, so a 2-minute dossier on 2 cores needs certificates rendered and sealed ahead of the
  export (when each acknowledgement is recorded), with the export only assembling files.
"""

from __future__ import annotations

import base64
import functools
import io
from collections.abc import Mapping
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

import qrcode
import qrcode.constants
from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from fontTools import subset
from fontTools.ttLib import TTFont
from weasyprint import CSS, HTML, URLFetcher
from weasyprint.text.fonts import FontConfiguration

EVIDENCE_DIR = Path(__file__).resolve().parent
FONTS_DIR = EVIDENCE_DIR / "fonts"
STATIC_DIR = EVIDENCE_DIR / "static"
ALLOWED_ROOTS: tuple[Path, ...] = (FONTS_DIR, STATIC_DIR)
FONT_FILES = {"normal": FONTS_DIR / "DejaVuSans.ttf", "bold": FONTS_DIR / "DejaVuSans-Bold.ttf"}
FONT_FAMILY = "Evidence Sans"
# custom_metadata: <meta name="evidence"> (a certificate's facts as JSON) goes to the PDF's Info dictionary.
PDF_OPTIONS: Mapping[str, Any] = {"pdf_variant": "pdf/ua-1", "custom_metadata": True}


def _ranges(*pairs: tuple[int, int]) -> str:
    return "".join(chr(c) for start, end in pairs for c in range(start, end + 1))


PRESUBSET_CHARACTERS = frozenset(
    "\t\n\r"
    + _ranges(
        (0x20, 0x7E),  # Basic Latin
        (0xA0, 0x24F),  # Latin-1 Supplement, Latin Extended-A and -B
        (0x2B0, 0x2FF),  # spacing modifiers (ˆ ˜ ʼ)
        (0x300, 0x36F),  # combining accents, for names typed in NFD
        (0x370, 0x3FF),  # Greek
        (0x400, 0x4FF),  # Cyrillic
        (0x1E00, 0x1EFF),  # Latin Extended Additional (Vietnamese, Welsh…)
        (0x2000, 0x206F),  # General Punctuation (– — ‘ ’ “ ” … ‰ narrow no-break space)
        (0x20A0, 0x20BF),  # currency (€)
        (0x2100, 0x214F),  # letterlike (№ ™)
        (0x2190, 0x21FF),  # arrows
        (0x2212, 0x2212),  # minus
        (0x2260, 0x2265),  # ≠ ≤ ≥
        (0x25A0, 0x25FF),  # geometric shapes
        (0x2713, 0x2717),  # ✓ ✗
    )
)


class URLRefused(ValueError):
    """The renderer was asked for something that is not a packaged file or a data: URL."""


class EvidenceURLFetcher(URLFetcher):
    """A WeasyPrint URL fetcher that only serves packaged evidence files and ``data:`` URLs.

    Refusals stop the rendering (``fail_on_errors=True``): a certificate that silently lost its
    stylesheet or QR code would be worse than an error.
    """

    def __init__(self, allowed_roots: tuple[Path, ...] = ALLOWED_ROOTS) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=True)
        self._allowed_roots = tuple(root.resolve() for root in allowed_roots)

    def fetch(self, url: str, headers: Any = None) -> Any:
        scheme = url.split(":", 1)[0].lower()
        if scheme == "file":
            path = Path(url2pathname(urlsplit(url).path)).resolve()
            if not any(path.is_relative_to(root) for root in self._allowed_roots) or not path.is_file():
                raise URLRefused(f"Evidence PDFs may not read {url!r}")
        elif scheme != "data":
            raise URLRefused(f"Evidence PDFs may not fetch {url!r}")
        return super().fetch(url, headers)


def _subset_font(path: Path, characters: frozenset[str]) -> bytes:
    options = subset.Options()
    options.layout_features = ["*"]  # keep kerning and ligatures
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.hinting = False  # PDF viewers do their own hinting; WeasyPrint drops it anyway
    options.drop_tables += ["FFTM"]
    font = TTFont(path)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(characters)))
    subsetter.subset(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def _font_face_css(presubset: bool) -> str:
    rules = []
    for weight, path in FONT_FILES.items():
        if presubset:
            data = base64.b64encode(_subset_font(path, PRESUBSET_CHARACTERS)).decode("ascii")
            url = f"data:font/ttf;base64,{data}"
        else:
            url = path.as_uri()
        rules.append(f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{url}"); font-weight: {weight}; }}')
    return "\n".join(rules)


@functools.cache
def _stylesheet(presubset: bool = True) -> tuple[FontConfiguration, CSS]:
    """The font configuration and parsed CSS, built once per process (per font set).

    Shared by every render in the process: fine for django-q2's worker processes, not meant for
    rendering from several threads at once.
    """
    font_config = FontConfiguration()
    css_text = _font_face_css(presubset) + "\n" + (STATIC_DIR / "evidence.css").read_text(encoding="utf-8")
    css = CSS(
        string=css_text, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=EvidenceURLFetcher(), font_config=font_config
    )
    return font_config, css


def html_to_pdf(html: str, *, cached: bool = True) -> bytes:
    """PDF bytes for an HTML string; ``cached=False`` is WeasyPrint's naive path (benchmarks only)."""
    if cached:
        font_config, css = _stylesheet(presubset=not (set(unescape(html)) - PRESUBSET_CHARACTERS))
    else:
        font_config = FontConfiguration()
        css_text = _font_face_css(presubset=False) + "\n" + (STATIC_DIR / "evidence.css").read_text(encoding="utf-8")
        css = CSS(string=css_text, url_fetcher=EvidenceURLFetcher(), font_config=font_config)
    document = HTML(string=html, base_url=STATIC_DIR.as_uri() + "/", url_fetcher=EvidenceURLFetcher())
    return document.write_pdf(stylesheets=[css], font_config=font_config, **PDF_OPTIONS)


def render_pdf(template_name: str, context: Mapping[str, Any], *, language: str | None = None) -> bytes:
    """Render a Django template (under ``charters/evidence/``) to tagged PDF bytes.

    ``language`` (default: the active language, else ``settings.LANGUAGE_CODE``, French) is
    activated for the template's ``{% translate %}`` tags and passed to it as ``language`` for
    ``<html lang>``, which the tagged PDF declares.
    """
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(template_name, {**context, "language": language})
    return html_to_pdf(html)


def qr_code_data_url(text: str) -> str:
    """A QR code of ``text`` as a 1-bit PNG ``data:`` URL, for ``<img src>`` in evidence templates.

    PNG rather than SVG: WeasyPrint parses SVG paths in Python, ~70 ms for a QR code, against
    ~1 ms for a small PNG; the stylesheet keeps the modules sharp (``image-rendering: pixelated``).
    """
    code = qrcode.QRCode(box_size=1, border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out, kind="PNG")
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")
