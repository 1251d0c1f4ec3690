"""The comments given when sending a version for review or approving it are read under Comments,
with the other review comments (not only in the history)."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from charters import services

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
FR = {"HTTP_ACCEPT_LANGUAGE": "fr"}


def _section(html: str, heading: str) -> str:
    """The part of the page between the h2 ``heading`` and the next h2."""
    match = re.search(rf"<h2>{heading}</h2>(.*?)<h2", html, re.S)
    assert match, f"no section {heading!r}"
    return match.group(1)


@pytest.fixture
def reviewed(small_charter, hr_alice, approver_victor, as_user):
    """HR sent the draft for review with a comment, the approver commented then approved with a comment."""
    hr, approver = as_user(hr_alice), as_user(approver_victor)
    kwargs = {"slug": "small", "number": 1}
    submit = reverse("charters:version-submit", kwargs=kwargs)
    assert hr.post(submit, {"comment": "Relire le §2 svp"}).status_code == 302
    review = reverse("charters:version-review", kwargs=kwargs)
    assert approver.post(review, {"action": "comment", "comment": "Le §2 est clair."}).status_code == 302
    assert approver.post(review, {"action": "approve", "comment": "Bon pour publication"}).status_code == 302
    return review


def test_submit_and_approval_comments_are_listed_under_comments_in_english(reviewed, approver_victor, as_user):
    html = as_user(approver_victor).get(reviewed, **EN).content.decode()
    comments = _section(html, "Comments")
    assert (
        comments.index("Relire le §2 svp") < comments.index("Le §2 est clair.") < comments.index("Bon pour publication")
    )
    assert "on sending for review</span>: Relire le §2 svp" in comments
    assert "on approving</span>: Bon pour publication" in comments
    assert "No comment yet." not in comments


def test_submit_and_approval_comments_are_listed_under_commentaires_in_french(reviewed, approver_victor, as_user):
    html = as_user(approver_victor).get(reviewed, **FR).content.decode()
    comments = _section(html, "Commentaires")
    assert "à l&#x27;envoi en relecture</span>: Relire le §2 svp" in comments
    assert "à l&#x27;approbation</span>: Bon pour publication" in comments


def test_a_change_request_is_listed_once_and_a_blank_approval_adds_nothing(
    small_charter, hr_alice, approver_victor, as_user
):
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user)
    services.charter_version_request_changes(version=version, by=approver_victor.user, comment="Préciser le §1")
    services.charter_version_submit(version=version, by=hr_alice.user, comment="   ")
    services.charter_version_approve(version=version, by=approver_victor.user)
    html = as_user(approver_victor).get(reverse("charters:version-review", kwargs={"slug": "small", "number": 1}), **EN)
    comments = _section(html.content.decode(), "Comments")
    assert comments.count("Préciser le §1") == 1 and comments.count("<li>") == 1
