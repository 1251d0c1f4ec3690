"""Feedback: false positives, missed breaches, allow-list entries the checker honours once confirmed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from compliance.allowlist import AllowList
from compliance.engine import analyze
from compliance.models import AllowListEntry, ContextVersion, PublicFact, SubmissionFinding
from compliance.review import services
from compliance.rules.base import Finding, Severity
from compliance.services import allow_list_entry_confirm, allow_list_entry_reject, context_bundle_import
from policy_portal.errors import ApplicationError, Conflict
from tests.compliance.conftest import write_bundle
from tests.compliance.review_fixtures import decide, submit

pytestmark = pytest.mark.django_db
WIND = "Le Mistral souffle fort sur la Provence aujourd'hui, gardez vos chapeaux !"
EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


@pytest.fixture(autouse=True)
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path))


def _categories(text: str) -> set[str]:
    return analyze(text, "fr").categories


def _false_positive(employee, reviewer, text: str) -> SubmissionFinding:
    s = submit(employee, text)
    decide(s, reviewer, "approved")
    finding = s.findings.get()
    return services.finding_feedback_set(finding=finding, by=reviewer.user, feedback="false_positive")


def _allow(finding, reviewer, confirmer, **kwargs) -> AllowListEntry:
    entry = services.allow_list_propose_from_finding(finding=finding, by=reviewer.user, **kwargs)
    return allow_list_entry_confirm(entry=entry, by=confirmer.user)


# --- the allow-list as the engine's last step (pure) ---------------------------------------------------------
def _finding(text: str, excerpt: str, category: str = "confidentiality.confidential_term") -> Finding:
    start = text.index(excerpt)
    return Finding("r", category, start, start + len(excerpt), Severity.HIGH)


@pytest.mark.parametrize(
    "entry,text,excerpt,allowed",
    [
        (("term_sense", "Mistral", "souffle vent", ""), WIND, "Mistral", True),
        (("term_sense", "Mistral", "souffle vent", ""), "Réunion Mistral ce matin", "Mistral", False),
        (("term_sense", "Mistral", "souffle", "conduct.insult"), WIND, "Mistral", False),
        (("domain", "partenaire-bio.fr", "", ""), "Écrivez à jo@partenaire-bio.fr", "jo@partenaire-bio.fr", True),
        (("domain", "partenaire-bio.fr", "", ""), "Écrivez à jo@gmail.com", "jo@gmail.com", False),
        (("domain", "bio.fr", "", ""), "Voir https://shop.bio.fr/x", "https://shop.bio.fr/x", True),
        (("address", "06 12 34 56 78", "", ""), "Appelez le 0612345678", "0612345678", True),
        (("address", "06 12 34 56 78", "", ""), "Appelez le 06 99 34 56 78", "06 99 34 56 78", False),
        (
            ("address", "accueil@norvane.example", "", ""),
            "Écrivez à Accueil@norvane.example",
            "Accueil@norvane.example",
            True,
        ),
        (
            ("public_fact", "Norvane a fait 12 millions d'euros en 2025.", "", ""),
            "12 millions ici",
            "12 millions",
            True,
        ),
        (
            ("public_fact", "Norvane a fait 12 millions d'euros en 2025.", "", ""),
            "13 millions ici",
            "13 millions",
            False,
        ),
    ],
)
def test_an_allow_list_entry_removes_only_the_findings_it_covers(entry, text, excerpt, allowed):
    allow = AllowList.of([entry])
    f = _finding(text, excerpt)
    assert allow.filter([f], text) == ([] if allowed else [f])


# --- reviewers' feedback -------------------------------------------------------------------------------------
def test_a_reviewer_marks_a_false_positive_and_adds_a_missed_breach(as_user, employee_bob, reviewer_rita):
    s = submit(employee_bob, "Réunion Mistral. Le code de la porte est 1234, dit Paul.")
    client = as_user(reviewer_rita)
    client.post(reverse("compliance:review-claim", kwargs={"pk": s.pk}))
    checker_finding = s.findings.get(category="confidentiality.confidential_term")
    client.post(
        reverse("compliance:review-feedback", kwargs={"pk": s.pk, "finding_pk": checker_finding.pk}),
        {"feedback": "false_positive"},
    )
    # a passage not copied exactly from the draft is refused with a message
    refused = client.post(
        reverse("compliance:review-missed", kwargs={"pk": s.pk}),
        {"category": "confidentiality.security", "excerpt": "le code est 1234"},
        follow=True,
        **EN,
    )
    assert "Copy the passage exactly as it appears in the draft." in refused.content.decode()
    client.post(
        reverse("compliance:review-missed", kwargs={"pk": s.pk}),
        {"category": "confidentiality.security", "excerpt": "Le code de la porte est 1234"},
    )
    checker_finding.refresh_from_db()
    assert checker_finding.feedback == "false_positive"
    missed = s.findings.get(origin="reviewer")
    assert (missed.category, s.text[missed.start : missed.end]) == (
        "confidentiality.security",
        "Le code de la porte est 1234",
    )


def test_feedback_needs_the_claim_or_a_decision(employee_bob, reviewer_rita):
    s = submit(employee_bob)
    with pytest.raises(Conflict):
        services.finding_feedback_set(finding=s.findings.get(), by=reviewer_rita.user, feedback="false_positive")
    with pytest.raises(Conflict):
        services.missed_finding_add(submission=s, by=reviewer_rita.user, category="conduct.insult", start=0, end=3)


def test_a_missed_breach_must_be_inside_the_draft(employee_bob, reviewer_rita):
    s = submit(employee_bob)
    decide(s, reviewer_rita)
    with pytest.raises(ApplicationError):
        services.missed_finding_add(submission=s, by=reviewer_rita.user, category="conduct.insult", start=0, end=999)
    with pytest.raises(ApplicationError):
        services.missed_finding_add(submission=s, by=reviewer_rita.user, category="made.up", start=0, end=3)


# --- from a false positive to an allow-list entry the checker uses at once ------------------------------------
def test_an_exception_acts_only_once_confirmed_and_at_once(employee_bob, reviewer_rita, crisis_cleo):
    # given
    assert "confidentiality.confidential_term" in _categories(WIND)
    finding = _false_positive(employee_bob, reviewer_rita, WIND)
    version = ContextVersion.objects.get(pk=1).version
    # when: proposed
    entry = services.allow_list_propose_from_finding(
        finding=finding, by=reviewer_rita.user, kind="term_sense", value="Mistral", sense="souffle vent"
    )
    # then: not yet
    assert "confidentiality.confidential_term" in _categories(WIND)
    # when: confirmed by someone who manages the context
    allow_list_entry_confirm(entry=entry, by=crisis_cleo.user)
    # then: the registry version moved and the checker honours it in that sense only
    assert ContextVersion.objects.get(pk=1).version == version + 1
    assert _categories(WIND) == set()
    assert "confidentiality.confidential_term" in _categories("Réunion Mistral ce matin, on avance !")
    # when: withdrawn, the checker flags it again
    allow_list_entry_reject(entry=entry, by=crisis_cleo.user)
    assert "confidentiality.confidential_term" in _categories(WIND)


def test_an_allowed_domain_and_an_allowed_address(employee_bob, reviewer_rita, legal_carol):
    text = "Écrivez à jeanne.dupont@partenaire-bio.fr pour la visite"
    _allow(
        _false_positive(employee_bob, reviewer_rita, text),
        reviewer_rita,
        legal_carol,
        kind="domain",
        value="partenaire-bio.fr",
    )
    assert _categories(text) == set()
    assert _categories("Écrivez à jeanne.dupont@gmail.com pour la visite") == {"confidentiality.personal_data"}
    phone = "Pour les commandes, appelez le standard au 06 12 34 56 78"
    _allow(
        _false_positive(employee_bob, reviewer_rita, phone),
        reviewer_rita,
        legal_carol,
        kind="address",
        value="06 12 34 56 78",
    )
    assert _categories(phone) == set()
    assert "confidentiality.personal_data" in _categories("Appelez Lina au 06 98 76 54 32")


def test_a_public_fact_enters_the_registry(employee_bob, reviewer_rita, hr_alice):
    text = "On a fait 12 millions de chiffre d'affaires ce trimestre"
    fact = "Norvane a annoncé 12 millions de chiffre d'affaires ce trimestre."
    _allow(_false_positive(employee_bob, reviewer_rita, text), reviewer_rita, hr_alice, kind="public_fact", value=fact)
    assert PublicFact.objects.filter(text=fact).exists()
    assert _categories(text) == set()


def test_only_a_false_positive_becomes_an_exception(employee_bob, reviewer_rita):
    s = submit(employee_bob)
    decide(s, reviewer_rita)
    with pytest.raises(Conflict):
        services.allow_list_propose_from_finding(
            finding=s.findings.get(), by=reviewer_rita.user, kind="term_sense", value="Mistral", sense="vent"
        )


def test_a_term_exception_needs_its_sense(employee_bob, reviewer_rita):
    finding = _false_positive(employee_bob, reviewer_rita, WIND)
    with pytest.raises(ApplicationError):
        services.allow_list_propose_from_finding(
            finding=finding, by=reviewer_rita.user, kind="term_sense", value="Mistral"
        )


def test_the_allow_list_page_confirms_a_proposal(as_user, employee_bob, reviewer_rita, legal_carol):
    finding = _false_positive(employee_bob, reviewer_rita, WIND)
    as_user(reviewer_rita).post(
        reverse("compliance:review-allow", kwargs={"pk": finding.submission_id, "finding_pk": finding.pk}),
        {"kind": "term_sense", "value": "Mistral", "sense": "souffle", "note": "the wind"},
    )
    entry = AllowListEntry.objects.get()
    page = as_user(legal_carol).get(reverse("compliance:allow-list"), **EN).content.decode()
    assert "This term in this sense" in page and "Proposed" in page
    as_user(legal_carol).post(reverse("compliance:allow-list"), {"entry": entry.pk, "action": "confirm"})
    entry.refresh_from_db()
    assert (entry.status, entry.confirmed_by, entry.category) == (
        "active",
        legal_carol.user,
        "confidentiality.confidential_term",
    )
    assert _categories(WIND) == set()
