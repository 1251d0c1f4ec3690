"""Reviewed posts exported as a labelled corpus in the ../shared/eval format, checkable with `manage.py precheck`."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.management import call_command
from django.urls import reverse

from compliance.bundle import read_bundle
from compliance.review import services
from compliance.review.corpus import corpus_export
from compliance.services import context_bundle_import
from tests.compliance.conftest import write_bundle
from tests.compliance.review_fixtures import decide, submit

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def bundle(tmp_path):
    context_bundle_import(folder=write_bundle(tmp_path / "source"))


def test_reviewed_posts_become_labelled_posts_with_the_context_bundle(employee_bob, reviewer_rita, tmp_path):
    # given: a confirmed block, a false positive with a missed insult, and a post still waiting
    blocked = submit(employee_bob, "Réunion Mistral ce matin")
    decide(blocked, reviewer_rita, "rejected", reason="codename")
    wind = submit(employee_bob, "Le Mistral souffle, bande de nuls !")
    decide(wind, reviewer_rita, "approved")
    services.finding_feedback_set(finding=wind.findings.get(), by=reviewer_rita.user, feedback="false_positive")
    start = wind.text.index("bande de nuls")
    services.missed_finding_add(
        submission=wind, by=reviewer_rita.user, category="conduct.insult", start=start, end=start + 13
    )
    submit(employee_bob, "Pas encore relu")
    # when
    count = corpus_export(folder=tmp_path / "corpus")
    # then: posts.jsonl follows the eval format
    posts = [json.loads(line) for line in (tmp_path / "corpus" / "posts.jsonl").read_text().splitlines()]
    assert count == 2
    assert [(p["id"], p["labels"], p["expected_verdict"]) for p in posts] == [
        (f"r{blocked.pk}", ["confidentiality.confidential_term"], "block"),
        (f"r{wind.pk}", ["conduct.insult"], "review"),
    ]
    assert {"text", "lang", "author_role", "platform"} <= set(posts[0])
    # and the context bundle reads back as the registry it came from
    bundle = read_bundle(tmp_path / "corpus" / "context")
    assert bundle.name == "Norvane" and ("Mistral", "project", "Robot pétrin professionnel") in bundle.terms
    assert ("explosion de Trémoulin", "quiet_topic", "Explosion dans l'atelier de Trémoulin") in bundle.terms
    assert [d.key for d in bundle.internal] == ["memo.md"] and [d.key for d in bundle.protected] == ["baker.md"]
    # and `manage.py precheck --jsonl` runs on it
    call_command("precheck", jsonl=tmp_path / "corpus" / "posts.jsonl", output=tmp_path / "results.jsonl")
    results = [json.loads(line) for line in (tmp_path / "results.jsonl").read_text().splitlines()]
    assert [r["id"] for r in results] == [p["id"] for p in posts] and results[0]["verdict"] == "block"


def test_reviewers_download_the_corpus_as_a_zip(as_user, employee_bob, reviewer_rita):
    decide(submit(employee_bob, "Réunion Mistral"), reviewer_rita, "approved")
    response = as_user(reviewer_rita).get(reverse("compliance:review-export"))
    names = zipfile.ZipFile(io.BytesIO(response.content)).namelist()
    assert "reviewed-corpus/posts.jsonl" in names and "reviewed-corpus/context/terms.csv" in names


def test_erased_posts_are_not_exported(employee_bob, reviewer_rita, tmp_path):
    from datetime import timedelta

    from django.utils import timezone

    from compliance.models import Submission

    s = submit(employee_bob)
    decide(s, reviewer_rita)
    Submission.objects.filter(pk=s.pk).update(submitted_at=timezone.now() - timedelta(days=200))
    services.submissions_purge_expired()
    assert corpus_export(folder=tmp_path) == 0
