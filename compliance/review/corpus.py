"""Reviewed posts as a labelled corpus in the ``../shared/eval`` format, with the context bundle, so that
``manage.py precheck --jsonl`` and the scorer measure the checker on the company's own cases."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.utils import timezone

from compliance.models import (
    CompanyProfile,
    ConfidentialTerm,
    InternalDocument,
    ProtectedWork,
    PublicDomain,
    PublicFact,
    QuietTopic,
    Submission,
    SubmissionFinding,
)
from compliance.review.selectors import reviewed_submissions_for_corpus
from compliance.rulebook import verdict_for


def submission_labels(submission: Submission) -> list[str]:
    """The categories a reviewer stands by: the checker's findings not marked false positive, and the missed ones."""
    return sorted(
        {f.category for f in submission.findings.all() if f.feedback != SubmissionFinding.Feedback.FALSE_POSITIVE}
    )


def corpus_posts() -> Iterator[dict[str, Any]]:
    for s in reviewed_submissions_for_corpus():
        labels = submission_labels(s)
        yield {
            "id": f"r{s.pk}",
            "lang": s.lang,
            "platform": s.platform or "other",
            "author_role": s.author_role,
            "text": s.text,
            "labels": labels,
            "expected_verdict": verdict_for(set(labels)),
            "why": f"Reviewed: {s.status}; checker said {s.verdict}.",
        }


def context_bundle_files() -> dict[str, str]:
    """The registry as bundle files (relative path -> text). Documents kept as fingerprints only are left out."""
    profile = CompanyProfile.objects.filter(pk=1).first()
    company = {
        "name": profile.name if profile else "",
        "language": profile.language if profile else "fr",
        "public_domains": sorted(PublicDomain.objects.values_list("domain", flat=True)),
        "public_facts": list(PublicFact.objects.order_by("position", "id").values_list("text", flat=True)),
    }
    files = {"company.json": json.dumps(company, ensure_ascii=False, indent=2) + "\n"}
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["term", "kind", "note"])
    today = timezone.localdate()
    for t in ConfidentialTerm.objects.order_by("term"):
        if (t.active_from is None or t.active_from <= today) and (t.active_until is None or today <= t.active_until):
            writer.writerow([t.term, t.kind, t.note])
    for q in QuietTopic.objects.filter(active=True).order_by("topic"):
        writer.writerow([q.topic, "quiet_topic", q.note])
    files["terms.csv"] = out.getvalue()
    for doc in InternalDocument.objects.exclude(text=""):
        files[f"internal/{Path(doc.key).name}"] = f"# {doc.title}\n\n{doc.text}\n"
    for work in ProtectedWork.objects.exclude(text=""):
        meta = [f"title: {work.title}"] + [
            f"{k}: {getattr(work, k)}" for k in ("author", "rights_holder", "language") if getattr(work, k)
        ]
        files[f"protected/{Path(work.key).name}"] = "\n".join(meta) + "\n\n" + work.text + "\n"
    return files


def corpus_files() -> dict[str, str]:
    posts = "".join(json.dumps(p, ensure_ascii=False) + "\n" for p in corpus_posts())
    return {"posts.jsonl": posts, **{f"context/{k}": v for k, v in context_bundle_files().items()}}


def corpus_export(*, folder: Path) -> int:
    """Write posts.jsonl and context/ into ``folder``; returns the number of posts."""
    files = corpus_files()
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return files["posts.jsonl"].count("\n")


def corpus_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in corpus_files().items():
            archive.writestr(f"reviewed-corpus/{name}", text)
    return buffer.getvalue()
