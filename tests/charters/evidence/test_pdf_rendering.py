"""Evidence PDFs: contents, accessibility tagging, and a renderer that fetches nothing outside the project."""

from __future__ import annotations

import io

import pytest
import qrcode
import qrcode.constants
from pypdf import PdfReader
from weasyprint.urls import FatalURLFetchingError

from charters.evidence.pdf import (
    FONT_FILES,
    FONTS_DIR,
    EvidenceURLFetcher,
    URLRefused,
    html_to_pdf,
    qr_code_data_url,
    render_pdf,
)
from charters.evidence.samples import CERTIFICATE_TEMPLATE, sample_certificate_context


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _font_names(pdf: bytes) -> set[str]:
    fonts = PdfReader(io.BytesIO(pdf)).pages[0]["/Resources"]["/Font"].values()
    return {str(font.get_object()["/BaseFont"]).split("+", 1)[1] for font in fonts}


def test_certificate_pdf_contains_rendered_values_with_french_accents() -> None:
    # given
    context = sample_certificate_context(7)
    # when
    pdf = render_pdf(CERTIFICATE_TEMPLATE, context, language="fr")
    # then
    text = _text(pdf)
    assert "Hélène Lefèvre-Çelik n°7" in text
    assert "Société Générale d'Équipements Électriques SAS" in text
    assert "Ressources humaines – Île-de-France" in text
    assert context["charter"]["text_sha256"] in text
    assert context["ledger"]["entry_hash"] in text
    assert context["verification"]["code"] in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_certificate_pdf_is_tagged_and_declares_its_language() -> None:
    pdf = render_pdf(CERTIFICATE_TEMPLATE, sample_certificate_context(), language="en")
    root = PdfReader(io.BytesIO(pdf)).trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    assert "/StructTreeRoot" in root
    assert root["/Lang"] == "en"


def test_fonts_are_embedded_from_the_project() -> None:
    pdf = render_pdf(CERTIFICATE_TEMPLATE, sample_certificate_context())
    reader = PdfReader(io.BytesIO(pdf))
    fonts = [font.get_object() for font in reader.pages[0]["/Resources"]["/Font"].values()]
    assert _font_names(pdf) == {"Evidence-Sans", "Evidence-Sans-Bold"}
    for font in fonts:
        glyphs = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
        descriptor = glyphs["/FontDescriptor"]
        assert "/FontFile2" in descriptor  # embedded, so the PDF looks the same on any machine


@pytest.mark.parametrize("name", ["Անի Պետրոսյան", "&#1329;&#1398;&#1387; Պետրոսյան"])
def test_characters_outside_the_presubset_fonts_render_with_the_shipped_fonts(name: str) -> None:
    # Armenian is not in the pre-subset fonts but is in the shipped DejaVu Sans.
    pdf = html_to_pdf(f'<html lang="hy"><title>t</title><p>{name}</p></html>')
    assert "Անի Պետրոսյան" in _text(pdf)
    # drawn with the project's fonts, not a system font found by fontconfig
    assert _font_names(pdf) == {"Evidence-Sans"}


@pytest.mark.parametrize(
    "url",
    ["http://example.org/tracker.png", "https://example.org/x.css", "file:///etc/passwd", "ftp://example.org/a"],
)
def test_fetcher_refuses_urls_outside_the_project(url: str) -> None:
    with pytest.raises(URLRefused):
        EvidenceURLFetcher().fetch(url)


def test_fetcher_serves_packaged_fonts_and_data_urls() -> None:
    fetcher = EvidenceURLFetcher()
    assert fetcher.fetch(FONT_FILES["normal"].as_uri()).read(4) == b"\x00\x01\x00\x00"
    assert fetcher.fetch("data:text/plain;base64,b2s=").read() == b"ok"


def test_fetcher_refuses_path_traversal_out_of_the_fonts_folder() -> None:
    with pytest.raises(URLRefused):
        EvidenceURLFetcher().fetch(FONTS_DIR.as_uri() + "/../../../../../../etc/passwd")


@pytest.mark.parametrize("url", ["http://127.0.0.1:9/x.png", "file:///etc/passwd"])
def test_rendering_a_template_that_references_outside_files_fails(url: str) -> None:
    with pytest.raises(FatalURLFetchingError):
        html_to_pdf(f'<html lang="fr"><title>t</title><img src="{url}" alt="x"></html>')


def test_qr_code_is_embedded_as_a_sharp_image_of_its_modules() -> None:
    # given
    text = "https://portail.example.org/verifier/ABC"
    modules = qrcode.QRCode(border=0, error_correction=qrcode.constants.ERROR_CORRECT_M)
    modules.add_data(text)
    modules.make(fit=True)
    # when
    url = qr_code_data_url(text)
    pdf = html_to_pdf(f'<html lang="fr"><title>t</title><img class="qr" src="{url}" alt="QR"></html>')
    # then: one pixel per module, drawn without interpolation (no blur when printed)
    (image,) = PdfReader(io.BytesIO(pdf)).pages[0].images
    assert image.image.size == (modules.modules_count, modules.modules_count)
    assert image.indirect_reference.get_object().get("/Interpolate") in (None, False)
