"""Adapting the checker's model to the customer's company (``manage.py checker_retrain``, the context page).

What reviewers confirmed (``compliance.review.corpus.corpus_posts``) becomes labelled examples of the company,
cut and masked exactly as the training corpus is (``compliance.training.corpus.units``), and split once and
for all (by draft id) into a part to learn from and a part to judge by. The model in use is fine-tuned the
spaCy way (``finetune.cfg``: its classifier is *sourced* and trained a few more epochs on the project corpus
plus the company's part), then the current and the new model are scored, the model alone, micro-F1 over the
model's categories, on (a) the company's evaluation part and (b) the project's held-out split. The new model
is put in use only if neither figure gets worse; the one it replaces is kept (retired) and can be put back,
as can the shipped model.
"""

from __future__ import annotations

import json
import logging
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable
from datetime import timedelta
from pathlib import Path
from typing import Any

import spacy
from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from compliance.learning import store
from compliance.learning.labels import MODEL_LABELS
from compliance.models import CheckerModel, CompanyProfile
from policy_portal.errors import Conflict

log = logging.getLogger(__name__)

FINETUNE_CONFIG = Path(__file__).resolve().parent / "finetune.cfg"
MODELS_DIR = "checker-models"  # under MEDIA_ROOT
COMPANY_SLUG = "company"
EVAL_FRACTION = 0.25  # of the reviewed drafts, kept aside to judge the new model (never trained on)
EPSILON = 1e-9
# Where the progress bar stands at each step (the fine-tuning itself moves from TRAIN_FROM to TRAIN_TO).
TRAIN_FROM, TRAIN_TO = 10, 85
Status = CheckerModel.Status


class RetrainRefused(Conflict):
    """A training that cannot start (too few reviewed drafts, one already running, nothing to start from)."""


# --- Settings --------------------------------------------------------------------------------------------
def min_reviewed() -> int:
    return int(getattr(settings, "COMPLIANCE_RETRAIN_MIN_REVIEWED", 30))


def epochs() -> int:
    return int(getattr(settings, "COMPLIANCE_RETRAIN_EPOCHS", 2))


def companies_dir() -> Path:
    from compliance.training.corpus import COMPANIES_DIR

    return Path(getattr(settings, "COMPLIANCE_TRAINING_COMPANIES_DIR", COMPANIES_DIR))


def stale_after() -> timedelta:
    """A training row older than every delivery of its job could take is an interrupted one."""
    q = settings.Q_CLUSTER
    return timedelta(seconds=int(q.get("retry", 720)) * int(q.get("max_attempts", 1)))


# --- Reads -----------------------------------------------------------------------------------------------
def checker_model_list() -> QuerySet[CheckerModel]:
    return CheckerModel.objects.select_related("created_by").order_by("-created_at", "-pk")


def checker_model_training() -> CheckerModel | None:
    return CheckerModel.objects.filter(status=Status.TRAINING).first()


# --- The company's examples ------------------------------------------------------------------------------
def company_corpus(posts: Iterable[dict[str, Any]] | None = None):
    """The reviewed drafts as a training ``Company`` (name from the registry, for masking)."""
    from compliance.review.corpus import corpus_posts
    from compliance.training.corpus import Company, Post

    profile = CompanyProfile.objects.filter(pk=1).first()
    rows = corpus_posts() if posts is None else posts
    return Company(
        COMPANY_SLUG,
        profile.name if profile else "",
        profile.language if profile else "fr",
        tuple(
            Post(COMPANY_SLUG, p["id"], p["lang"], p.get("author_role", "employee"), p["text"], tuple(p["labels"]))
            for p in rows
            if p["text"].strip()
        ),
    )


def company_split(company) -> tuple[list, list]:
    """(posts to learn from, posts to judge by): a stable split by draft id."""
    from compliance.training.corpus import in_dev

    judge = [p for p in company.posts if in_dev(p, EVAL_FRACTION)]
    learn = [p for p in company.posts if not in_dev(p, EVAL_FRACTION)]
    return learn, judge


def company_units(company, posts: Iterable) -> list[tuple[str, dict[str, float]]]:
    from compliance.training.corpus import units

    return [unit for post in posts for unit in units(company, post)]


def project_held_out(root: Path) -> list:
    """The project's held-out split: each training company's posts the trainer never learns from."""
    from dataclasses import replace

    from compliance.training.corpus import in_dev, load_companies
    from compliance.training.reader import DEV_FRACTION

    return [replace(c, posts=tuple(p for p in c.posts if in_dev(p, DEV_FRACTION))) for c in load_companies(root)]


# --- Scoring ---------------------------------------------------------------------------------------------
def model_micro_f1(nlp, thresholds: dict[str, float], companies: Iterable) -> tuple[float, int]:
    """The model alone on employees' posts (as the benchmark scores it): micro-F1 over MODEL_LABELS, posts."""
    from compliance.training.evaluation import model_scores, score

    posts, predicted = [], {}
    for company in companies:
        scores = model_scores(nlp, company)
        for post in company.posts:
            if post.author_role != "employee":
                continue
            posts.append(post)
            predicted[post.id] = {label for label, s in scores[post.id].items() if s >= thresholds.get(label, 0.5)}
    return score(posts, predicted, MODEL_LABELS).micro_f1, len(posts)


def evaluate(current, candidate, thresholds: dict[str, float], company, judge: list, root: Path) -> dict[str, Any]:
    from dataclasses import replace

    judged = [replace(company, posts=tuple(judge))]
    held = project_held_out(root)
    out: dict[str, Any] = {}
    for name, groups in (("company", judged), ("project", held)):
        cur, n = model_micro_f1(current, thresholds, groups)
        new, _ = model_micro_f1(candidate, thresholds, groups)
        out[name] = {"current": round(cur, 4), "candidate": round(new, 4), "posts": n}
    return out


def not_worse(evaluation: dict[str, Any]) -> bool:
    return all(evaluation[k]["candidate"] >= evaluation[k]["current"] - EPSILON for k in ("company", "project"))


# --- Progress --------------------------------------------------------------------------------------------
# Listeners of a training run in this process (the command's --sync prints through one).
_listeners: dict[int, Callable[[int, str], None]] = {}


def progress_set(model_id: int, progress: int, message: str) -> None:
    progress = max(0, min(100, int(progress)))
    CheckerModel.objects.filter(pk=model_id, status=Status.TRAINING).update(progress=progress, message=message)
    listener = _listeners.get(model_id)
    if listener is not None:
        listener(progress, message)


@spacy.registry.callbacks("checker.retrain_progress.v1")
def retrain_progress(model_id: int = 0, steps: int = 0) -> Callable[[Any, dict[str, Any]], None]:
    """spaCy's ``before_update`` hook: moves the row's progress as the fine-tuning's steps go by."""
    last = {"progress": -1}

    def before_update(nlp: Any, args: dict[str, Any]) -> None:
        if not model_id:
            return
        done = min(1.0, (args.get("step", 0) + 1) / max(1, steps))
        progress = TRAIN_FROM + int((TRAIN_TO - TRAIN_FROM) * done)
        if progress != last["progress"]:
            last["progress"] = progress
            progress_set(model_id, progress, "training")

    return before_update


def estimated_steps(words: int, n_epochs: int, config: Path = FINETUNE_CONFIG) -> int:
    """How many batches the fine-tuning will take: the words to read under the batcher's growing size."""
    from thinc.api import Config

    size = Config().from_disk(config, interpolate=False)["training"]["batcher"]["size"]
    start, stop, compound = float(size["start"]), float(size["stop"]), float(size["compound"])
    steps, done, batch, target = 0, 0.0, start, words * n_epochs
    while done < target:
        done += batch
        batch = min(stop, batch * compound)
        steps += 1
    return max(1, steps)


# --- Services --------------------------------------------------------------------------------------------
def checker_retrain_start(*, by: Any = None, queue: bool = True) -> CheckerModel:
    """Record a training and queue its job (``queue=False``: the caller runs ``checker_retrain_run`` itself);
    refuses when it cannot run."""
    from compliance.context import get_context
    from compliance.review.selectors import reviewed_submissions_for_corpus

    reviewed = reviewed_submissions_for_corpus().exclude(text="").count()
    if reviewed < min_reviewed():
        raise RetrainRefused(
            gettext("Too few reviewed drafts to adapt the model: %(count)s reviewed, at least %(min)s are needed.")
            % {"count": reviewed, "min": min_reviewed()}
        )
    if store.model_for(get_context()).nlp is None:
        raise RetrainRefused(gettext("No checker model is loaded, so there is none to adapt."))
    checker_retrain_expire_stale()
    try:
        with transaction.atomic():
            model = CheckerModel.objects.create(status=Status.TRAINING, created_by=by, message="queued")
            if queue:
                transaction.on_commit(lambda: _enqueue(model.pk))
    except IntegrityError:
        raise RetrainRefused(
            gettext("A training is already running: wait for it to finish before starting another.")
        ) from None
    return model


def _enqueue(model_id: int) -> None:
    from compliance.tasks import enqueue_checker_retrain

    enqueue_checker_retrain(model_id)


def checker_retrain_expire_stale() -> int:
    """Trainings whose job can no longer be running (every delivery timed out) are marked interrupted."""
    limit = timezone.now() - stale_after()
    return (
        CheckerModel.objects.filter(status=Status.TRAINING)
        .filter(Q(started_at__lt=limit) | Q(started_at__isnull=True, created_at__lt=limit))
        .update(status=Status.FAILED, message="interrupted", finished_at=timezone.now())
    )


def checker_retrain_run(*, model_id: int, report: Callable[[int, str], None] | None = None) -> str:
    """The job: claim the training, fine-tune, evaluate, activate or reject. Returns the row's final status.

    A second delivery of the job does nothing unless the first one's claim is older than the worker's timeout
    (that worker was then killed): the training then starts over, and only the claim that is current may
    finish it.
    """
    now = timezone.now()
    timeout = timedelta(seconds=int(settings.Q_CLUSTER.get("timeout", 600)))
    claimed = (
        CheckerModel.objects.filter(pk=model_id, status=Status.TRAINING)
        .filter(Q(started_at__isnull=True) | Q(started_at__lt=now - timeout))
        .update(started_at=now)
    )
    if not claimed:
        return CheckerModel.objects.filter(pk=model_id).values_list("status", flat=True).first() or ""
    if report is not None:
        _listeners[model_id] = report
    try:
        return _retrain(model_id, now)
    except Exception as exc:  # a failed training is said on the page, never a stack trace
        log.exception("checker retrain %s failed", model_id)
        detail = f"{type(exc).__name__}: {exc}"[:500]
        _finish(model_id, now, status=Status.FAILED, message="failed", card={"error": detail})
        return Status.FAILED
    finally:
        _listeners.pop(model_id, None)


def _retrain(model_id: int, claimed_at) -> str:
    from compliance.context import get_context
    from compliance.training.corpus import examples, load_companies
    from compliance.training.reader import DEV_FRACTION
    from compliance.training.train import train

    base = store.model_for(get_context())
    if base.nlp is None:
        raise RuntimeError("no checker model is loaded to start from")
    progress_set(model_id, 2, "examples")
    company = company_corpus()
    learn, judge = company_split(company)
    learned = company_units(company, learn)
    relative = f"{MODELS_DIR}/{model_id}"
    target = store.company_dir(relative)
    work = target.with_name(f"{model_id}.work")
    work.mkdir(parents=True, exist_ok=True)
    extra = work / "company.jsonl"
    extra.write_text("".join(json.dumps({"text": t, "cats": c}, ensure_ascii=False) + "\n" for t, c in learned))
    root = companies_dir()
    from compliance.training.corpus import in_dev

    project = list(examples(load_companies(root), lambda p: not in_dev(p, DEV_FRACTION)))
    words = sum(len(t.split()) for t, _ in project) + sum(len(t.split()) for t, _ in learned)
    n_epochs = epochs()
    progress_set(model_id, TRAIN_FROM, "training")
    started = time.monotonic()
    best = train(
        work / "run",
        extra=extra,
        companies_dir=root,
        config=FINETUNE_CONFIG,
        quiet=True,
        overrides={
            "paths.source": base.path,
            "training.max_epochs": n_epochs,
            "training.before_update.model_id": model_id,
            "training.before_update.steps": estimated_steps(words, n_epochs),
        },
    )
    seconds = round(time.monotonic() - started)
    progress_set(model_id, TRAIN_TO + 2, "evaluating")
    thresholds = {label: base.threshold(label) for label in MODEL_LABELS}
    candidate = spacy.load(best)
    evaluation = evaluate(base.nlp, candidate, thresholds, company, judge, root)
    evaluation.update(
        base={"source": base.source, "version": base.card.get("version", ""), "path": base.path},
        learned_posts=len(learn),
        learned_examples=len(learned),
        epochs=n_epochs,
        training_seconds=seconds,
    )
    card = _card(base, best, learned, len(learn), thresholds, seconds, model_id)
    accepted = not_worse(evaluation)
    if accepted:
        if target.exists():
            shutil.rmtree(target)
        shutil.copytree(best, target)
        (target / "card.json").write_text(json.dumps(card, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    shutil.rmtree(work, ignore_errors=True)
    status = Status.ACTIVE if accepted else Status.REJECTED
    done = _finish(
        model_id,
        claimed_at,
        status=status,
        message="activated" if accepted else "rejected",
        card=card,
        evaluation=evaluation,
        path=relative if accepted else "",
    )
    return status if done else CheckerModel.objects.get(pk=model_id).status


def _card(base, best: Path, learned, posts: int, thresholds, seconds: int, model_id: int) -> dict[str, Any]:
    card = json.loads((best / "card.json").read_text(encoding="utf-8"))
    counts: Counter[str] = Counter(card.get("examples_per_category", {}))
    counts.update(c for _, cats in learned for c, v in cats.items() if v)
    return {
        **card,
        "version": f"{base.card.get('version', 'model')}+company.{model_id}",
        "base_version": base.card.get("version", ""),
        "base_source": base.source,
        "company_posts": posts,
        "examples_per_category": dict(sorted(counts.items())),
        "thresholds": thresholds,
        "held_out": {},  # the base's leave-one-company-out figures do not describe this model
        "training_seconds": seconds,
        "extra": "",
    }


def _finish(model_id: int, claimed_at, *, status: str, message: str, **fields: Any) -> bool:
    """Close the training (once: only under the claim that ran it); activating retires the model in use."""
    from compliance.services import context_version_bump

    with transaction.atomic():
        row = CheckerModel.objects.select_for_update().filter(pk=model_id).first()
        if row is None or row.status != Status.TRAINING or row.started_at != claimed_at:
            return False
        now = timezone.now()
        if status == Status.ACTIVE:
            CheckerModel.objects.filter(status=Status.ACTIVE).update(status=Status.RETIRED)
            row.activated_at = now
        for name, value in fields.items():
            setattr(row, name, value)
        row.status, row.message, row.progress, row.finished_at = status, message, 100, now
        row.save()
        if status == Status.ACTIVE:
            context_version_bump()
    listener = _listeners.get(model_id)
    if listener is not None:
        listener(100, message)
    return True


def checker_model_restore(*, model_id: int | None, by: Any = None) -> CheckerModel | None:
    """Put a replaced model back in use, or (``model_id=None``) go back to the model shipped with the project."""
    from compliance.services import context_version_bump

    if checker_model_training() is not None:
        raise RetrainRefused(gettext("A training is running: wait for it to finish before changing the model."))
    with transaction.atomic():
        if model_id is None:
            if store.load(store.shipped_dir(), "shipped").nlp is None:
                raise RetrainRefused(gettext("The model shipped with the project is not available."))
            if not CheckerModel.objects.filter(status=Status.ACTIVE).exists():
                raise RetrainRefused(gettext("The shipped model is already in use."))
            CheckerModel.objects.filter(status=Status.ACTIVE).update(status=Status.RETIRED)
            context_version_bump()
            return None
        row = CheckerModel.objects.select_for_update().filter(pk=model_id).first()
        if row is None or row.status != Status.RETIRED:
            raise RetrainRefused(gettext("Only a replaced model can be put back in use."))
        if not row.path or not (store.company_dir(row.path) / "config.cfg").is_file():
            raise RetrainRefused(gettext("The files of this model are missing: it cannot be put back in use."))
        CheckerModel.objects.filter(status=Status.ACTIVE).update(status=Status.RETIRED)
        row.status, row.activated_at, row.message = Status.ACTIVE, timezone.now(), "restored"
        row.save(update_fields=["status", "activated_at", "message"])
        context_version_bump()
    return row


def checker_model_overview() -> dict[str, Any]:
    """What the context page shows: the model in use, the training under way, the company models kept."""
    from compliance.context import get_context
    from compliance.learning.card import card_summary, evaluation_rows, step_text
    from compliance.review.selectors import reviewed_submissions_for_corpus

    models = list(checker_model_list()[:20])
    return {
        "in_use": card_summary(store.model_for(get_context())),
        "training": next((m for m in models if m.status == Status.TRAINING), None),
        "company_active": any(m.status == Status.ACTIVE for m in models),
        "reviewed": reviewed_submissions_for_corpus().exclude(text="").count(),
        "min_reviewed": min_reviewed(),
        "models": [
            {"model": m, "step": step_text(m.message), "evaluation": evaluation_rows(m.evaluation or {})}
            for m in models
        ],
    }
