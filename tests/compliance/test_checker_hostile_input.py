"""Hostile drafts finish fast with a verdict; invisible characters and homoglyphs do not hide a
registered term, and its finding points at the characters the author typed."""

from __future__ import annotations

import time

import pytest
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from compliance.engine import TOO_COMPLEX, analyze, finding_render

from .adversarial import GENERATORS, LENGTH
from .conftest import norvane_context

# Generous on a shared machine; the benchmark holds the real target (p99 <= 50 ms). 1 s, not 0.5 s: a
# draft repeating a registered term hundreds of times costs ~0.6 s in the term rule's homonym check.
BOUND_S = 1.0
INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\u00ad", "\ufeff", "\u200e"]
# Latin letter -> look-alikes a poster could type instead (Cyrillic, Greek, full-width).
HOMOGLYPHS = {
    "a": "аα",
    "e": "е",
    "i": "іι",
    "o": "оο",
    "p": "рρ",
    "s": "ѕ",
    "t": "т",
    "M": "МΜ",
    "r": "ｒ",
    "l": "ӏ",
}


@pytest.fixture(scope="module")
def context():
    return norvane_context()


@pytest.fixture(scope="module", autouse=True)
def _warm(context):
    analyze("Bonjour à tous.", "fr", context=context)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_a_hostile_draft_is_checked_quickly_and_gets_a_verdict(context, name):
    # given
    text = GENERATORS[name]()
    assert len(text) == LENGTH
    # when
    started = time.perf_counter()
    analysis = analyze(text, "fr", context=context)
    elapsed = time.perf_counter() - started
    # then
    assert elapsed < BOUND_S, f"{name}: {elapsed:.3f} s"
    assert analysis.verdict in ("ok", "review", "block")
    assert all(0 <= f.start <= f.end <= len(text) for f in analysis.findings)


def test_a_check_past_its_time_budget_asks_to_shorten_the_draft(context, settings):
    # given
    settings.COMPLIANCE_TIME_BUDGET_MS = 0
    text = "Le projet Mistral sort en mars."
    # when
    analysis = analyze(text, "fr", context=context)
    # then
    assert analysis.verdict == "review"
    assert [f.category for f in analysis.findings] == [TOO_COMPLEX]
    with translation.override("fr"):
        rendered = finding_render(analysis.findings[0], text)
    assert "trop complexe" in rendered["message"]
    assert "Raccourcissez" in rendered["fix"]


def test_the_first_check_of_a_new_process_is_not_cut_short_by_loading_the_model(context, settings):
    from compliance import nlp

    # given a process that has not loaded its pipeline yet, and a budget shorter than loading it
    nlp.clear()
    settings.COMPLIANCE_TIME_BUDGET_MS = 300
    # when the first draft is checked
    analysis = analyze("Le projet Mistral sort en mars.", "fr", context=context)
    # then the start-up is not counted against the draft: the term is found, nothing is "too complex"
    assert TOO_COMPLEX not in analysis.categories
    assert "confidentiality.confidential_term" in analysis.categories


def test_homoglyphs_and_invisible_characters_still_match_the_registered_term(context):
    text = "Le projet \u041cі\u00adstr\u0430l avance, dit Неrоn."  # Cyrillic М, і, а and a soft hyphen
    analysis = analyze(text, "fr", context=context)
    [finding] = [f for f in analysis.findings if f.category == "confidentiality.confidential_term"]
    assert text[finding.start : finding.end] == "\u041cі\u00adstr\u0430l"
    assert finding.params["term"] == "Mistral"


@st.composite
def disguised_term(draw: st.DrawFn, term: str = "Mistral") -> str:
    out = []
    for ch in term:
        if ch in HOMOGLYPHS and draw(st.booleans()):
            ch = draw(st.sampled_from(HOMOGLYPHS[ch]))
        out.append(ch)
        out.append("".join(draw(st.lists(st.sampled_from(INVISIBLE), max_size=2))))
    return "".join(out).rstrip("".join(INVISIBLE))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(disguised=disguised_term(), before=st.sampled_from(["Le projet ", "", "Bravo pour "]))
def test_a_disguised_term_is_found_on_the_original_characters(context, disguised, before):
    # given
    text = f"{before}{disguised} avance bien."
    # when
    analysis = analyze(text, "fr", context=context)
    # then
    spans = [(f.start, f.end) for f in analysis.findings if f.category == "confidentiality.confidential_term"]
    start = len(before)
    assert (start, start + len(disguised)) in spans, (text, spans)
