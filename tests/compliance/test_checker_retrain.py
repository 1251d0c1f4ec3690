"""Adapting the checker's model to the company: legal retrains it on the reviewed drafts, keeps it only if it
is not worse, and can put the previous one (or the shipped one) back; every process switches at once.

The trainings here are tiny (a small model trained one epoch on a few posts of two companies), so that the
whole file runs in seconds; what is asserted is the behaviour, not the model's quality.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import reverse

from compliance.context import get_context
from compliance.learning import retrain, store
from compliance.learning.card import evaluation_lines
from compliance.learning.labels import MODEL_LABELS
from compliance.models import CheckerModel, CompanyProfile, ContextVersion, Submission, SubmissionFinding
from compliance.training.corpus import COMPANIES_DIR, in_dev

pytestmark = pytest.mark.django_db
TINY_MODEL = {
    "training.max_epochs": 1,
    "components.textcat_multilabel.model.linear_model.length": 4096,
    "components.textcat_multilabel.model.tok2vec.embed.width": 16,
    "components.textcat_multilabel.model.tok2vec.embed.rows": [500, 100, 100, 50],
    "components.textcat_multilabel.model.tok2vec.encode.width": 16,
    "components.textcat_multilabel.model.tok2vec.encode.depth": 1,
}
POSTS_PER_COMPANY = 24


def _small_company(src: Path, dst: Path) -> None:
    shutil.copytree(src / "context", dst / "context")
    lines = [json.loads(x) for x in (src / "posts.jsonl").read_text(encoding="utf-8").splitlines() if x.strip()]
    dev = [p for p in lines if in_dev(SimpleNamespace(company=src.name, id=p["id"]), 0.1)][:4]
    kept = dev + [p for p in lines if p not in dev][: POSTS_PER_COMPANY - len(dev)]
    (dst / "posts.jsonl").write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in kept), "utf-8")


@pytest.fixture(scope="session")
def tiny_companies(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("companies")
    for slug in ("banque-orsenne", "logivia"):
        _small_company(COMPANIES_DIR / slug, root / slug)
    return root


@pytest.fixture(scope="session")
def tiny_model(tmp_path_factory, tiny_companies) -> Path:
    """A model of the shipped kind (same config, smaller layers), with a card holding thresholds."""
    from compliance.training.train import train

    best = train(tmp_path_factory.mktemp("shipped"), companies_dir=tiny_companies, quiet=True, overrides=TINY_MODEL)
    card = json.loads((best / "card.json").read_text(encoding="utf-8"))
    card["thresholds"] = {label: 0.3 for label in MODEL_LABELS}
    (best / "card.json").write_text(json.dumps(card), encoding="utf-8")
    return best


@pytest.fixture
def company_setup(settings, tmp_path, tiny_model, tiny_companies):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.COMPLIANCE_MODEL_DIR = tiny_model
    settings.COMPLIANCE_TRAINING_COMPANIES_DIR = tiny_companies
    settings.COMPLIANCE_RETRAIN_EPOCHS = 1
    settings.COMPLIANCE_RETRAIN_MIN_REVIEWED = 8
    CompanyProfile.objects.update_or_create(pk=1, defaults={"name": "Marché Pradelle", "language": "fr"})
    store.clear()
    yield settings
    store.clear()


def _reviewed(n: int) -> list[Submission]:
    """``n`` decided drafts of another company, the reviewer's labels as findings."""
    src = COMPANIES_DIR / "marche-pradelle" / "posts.jsonl"
    posts = [json.loads(x) for x in src.read_text(encoding="utf-8").splitlines() if x.strip()][:n]
    out = []
    for p in posts:
        s = Submission.objects.create(
            text=p["text"],
            lang=p["lang"],
            author_role=p.get("author_role", "employee"),
            verdict="ok",
            status="approved",
        )
        for label in p["labels"]:
            SubmissionFinding.objects.create(submission=s, origin="reviewer", category=label, start=0, end=1)
        out.append(s)
    return out


def _company_model(pk_hint: str, status: str, source: Path) -> CheckerModel:
    """A company model as a retrain leaves it: a model folder under MEDIA_ROOT and its row."""
    from django.conf import settings

    relative = f"checker-models/{pk_hint}"
    shutil.copytree(source, Path(settings.MEDIA_ROOT) / relative)
    return CheckerModel.objects.create(status=status, path=relative, progress=100, message="activated")


def _fixed_evaluation(company: tuple[float, float], project: tuple[float, float]):
    def evaluate(current, candidate, thresholds, corpus, judge, root):
        assert current is not candidate
        return {
            "company": {"current": company[0], "candidate": company[1], "posts": len(judge)},
            "project": {"current": project[0], "candidate": project[1], "posts": 8},
        }

    return evaluate


# --- Legal retrains -----------------------------------------------------------------------------------
def test_a_retrain_measures_both_models_and_keeps_its_progress_on_the_row(company_setup):
    # given
    _reviewed(16)
    seen: list[tuple[int, str]] = []
    # when
    model = retrain.checker_retrain_start(queue=False)
    status = retrain.checker_retrain_run(model_id=model.pk, report=lambda p, m: seen.append((p, m)))
    # then
    model.refresh_from_db()
    assert model.status == status
    assert model.progress == 100 and model.finished_at is not None
    figures = model.evaluation
    for part in ("company", "project"):
        assert 0.0 <= figures[part]["current"] <= 1.0 and 0.0 <= figures[part]["candidate"] <= 1.0
        assert figures[part]["posts"] > 0
    assert figures["base"]["source"] == "shipped" and figures["learned_posts"] + figures["company"]["posts"] == 16
    assert status == (CheckerModel.Status.ACTIVE if retrain.not_worse(figures) else CheckerModel.Status.REJECTED)
    steps = [m for _, m in seen]
    assert steps[0] == "examples" and "training" in steps and "evaluating" in steps
    assert [p for p, _ in seen] == sorted(p for p, _ in seen)  # the bar only moves forward
    assert any(retrain.TRAIN_FROM < p < retrain.TRAIN_TO for p, m in seen if m == "training")


def test_a_new_model_not_worse_is_put_in_use_and_every_process_switches(company_setup, monkeypatch):
    # given
    _reviewed(12)
    monkeypatch.setattr(retrain, "evaluate", _fixed_evaluation((0.50, 0.50), (0.60, 0.61)))
    assert store.model_for(get_context()).source == "shipped"
    # when
    model = retrain.checker_retrain_start(queue=False)
    assert retrain.checker_retrain_run(model_id=model.pk) == CheckerModel.Status.ACTIVE
    # then
    model.refresh_from_db()
    assert model.message == "activated" and model.path == f"checker-models/{model.pk}"
    loaded = store.model_for(get_context())
    assert loaded.source == "company" and loaded.card["base_source"] == "shipped"
    assert loaded.card["thresholds"] == {label: 0.3 for label in MODEL_LABELS}  # kept from the model it came from


def test_a_worse_model_is_rejected_and_the_model_in_use_stays(company_setup, monkeypatch):
    # given: a company model in use, and a candidate better on the company's drafts but worse on the project's
    _reviewed(12)
    in_use = _company_model("7", CheckerModel.Status.ACTIVE, company_setup.COMPLIANCE_MODEL_DIR)
    monkeypatch.setattr(retrain, "evaluate", _fixed_evaluation((0.40, 0.90), (0.70, 0.69)))
    # when
    model = retrain.checker_retrain_start(queue=False)
    status = retrain.checker_retrain_run(model_id=model.pk)
    # then
    model.refresh_from_db()
    in_use.refresh_from_db()
    assert status == model.status == CheckerModel.Status.REJECTED
    assert model.evaluation["project"] == {"current": 0.70, "candidate": 0.69, "posts": 8}
    assert in_use.status == CheckerModel.Status.ACTIVE
    assert store.model_for(get_context()).path.endswith("checker-models/7")
    assert model.path == "" and not (Path(company_setup.MEDIA_ROOT) / f"checker-models/{model.pk}").exists()
    assert "micro-F1 0.700 in use, 0.690 new" in "\n".join(evaluation_lines(model))


def test_the_previous_model_and_the_shipped_one_can_be_put_back(company_setup, monkeypatch):
    # given: model A in use, then a retrain puts B in use
    _reviewed(12)
    first = _company_model("first", CheckerModel.Status.ACTIVE, company_setup.COMPLIANCE_MODEL_DIR)
    monkeypatch.setattr(retrain, "evaluate", _fixed_evaluation((0.5, 0.6), (0.5, 0.5)))
    second = retrain.checker_retrain_start(queue=False)
    retrain.checker_retrain_run(model_id=second.pk)
    first.refresh_from_db()
    assert first.status == CheckerModel.Status.RETIRED
    assert store.model_for(get_context()).path.endswith(f"checker-models/{second.pk}")
    # when: A is put back
    call_command("checker_retrain", "--restore", str(first.pk))
    # then
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (CheckerModel.Status.ACTIVE, CheckerModel.Status.RETIRED)
    assert store.model_for(get_context()).path.endswith("checker-models/first")
    # when: back to the shipped model
    retrain.checker_model_restore(model_id=None)
    assert not CheckerModel.objects.filter(status=CheckerModel.Status.ACTIVE).exists()
    assert store.model_for(get_context()).source == "shipped"


def test_a_web_process_switches_model_without_restart(company_setup, settings):
    # given: this process has built its context, with the shipped model
    settings.COMPLIANCE_CONTEXT_CHECK_S = 0
    from compliance.engine import analyze

    analyze("Bonjour à tous, belle journée.", "fr")
    assert store.model_for(get_context()).source == "shipped"
    # when: another process activates a company model (its row, and the registry's version counter)
    _company_model("other-node", CheckerModel.Status.ACTIVE, company_setup.COMPLIANCE_MODEL_DIR)
    ContextVersion.objects.update_or_create(pk=1, defaults={"version": get_context().version + 1})
    # then: the next check uses it
    analysis = analyze("Bonjour à tous, belle journée.", "fr")
    assert "company_model_unavailable" not in analysis.notices
    loaded = store.model_for(get_context())
    assert loaded.source == "company" and loaded.path.endswith("checker-models/other-node")


# --- Refusals -----------------------------------------------------------------------------------------
def test_too_few_reviewed_drafts_is_refused_clearly(company_setup):
    _reviewed(5)
    with pytest.raises(CommandError, match="Too few reviewed drafts to adapt the model: 5 reviewed, at least 8"):
        call_command("checker_retrain", "--sync")
    assert not CheckerModel.objects.exists()


def test_a_second_training_is_refused_while_one_runs(company_setup):
    _reviewed(10)
    running = retrain.checker_retrain_start(queue=False)
    with pytest.raises(retrain.RetrainRefused, match="A training is already running"):
        retrain.checker_retrain_start(queue=False)
    with pytest.raises(CommandError, match="A training is already running"):
        call_command("checker_retrain")
    with pytest.raises(retrain.RetrainRefused, match="A training is running"):
        retrain.checker_model_restore(model_id=None)
    assert list(CheckerModel.objects.values_list("pk", flat=True)) == [running.pk]


def test_the_database_itself_holds_one_training_at_a_time(company_setup):
    CheckerModel.objects.create(status=CheckerModel.Status.TRAINING)
    with pytest.raises(IntegrityError), transaction.atomic():
        CheckerModel.objects.create(status=CheckerModel.Status.TRAINING)


def test_a_second_delivery_of_the_job_does_not_train_again(company_setup, monkeypatch):
    _reviewed(10)
    model = retrain.checker_retrain_start(queue=False)
    CheckerModel.objects.filter(pk=model.pk).update(started_at=model.created_at)  # a worker has it
    monkeypatch.setattr(retrain, "_retrain", lambda *a: pytest.fail("trained twice"))
    with override_settings(Q_CLUSTER={"timeout": 600, "retry": 720, "max_attempts": 3}):
        assert retrain.checker_retrain_run(model_id=model.pk) == CheckerModel.Status.TRAINING


def test_a_failed_training_says_why_and_frees_the_slot(company_setup, monkeypatch):
    _reviewed(10)
    monkeypatch.setattr("compliance.training.train.train", lambda *a, **k: (_ for _ in ()).throw(OSError("disk full")))
    with pytest.raises(CommandError, match="OSError: disk full"):
        call_command("checker_retrain", "--sync")
    model = CheckerModel.objects.get()
    assert model.status == CheckerModel.Status.FAILED and model.message == "failed"
    assert retrain.checker_retrain_start(queue=False).status == CheckerModel.Status.TRAINING


def test_the_command_prints_progress_when_run_in_the_terminal(company_setup, monkeypatch, capsys):
    _reviewed(12)
    monkeypatch.setattr(retrain, "evaluate", _fixed_evaluation((0.5, 0.5), (0.5, 0.5)))
    call_command("checker_retrain", "--sync")
    out = capsys.readouterr().out
    assert "  2 %  Preparing the company's examples" in out
    assert "Fine-tuning the model" in out and "100 %  In use: not worse on either evaluation" in out
    call_command("checker_retrain", "--status")
    assert "In use" in capsys.readouterr().out


# --- The context page ---------------------------------------------------------------------------------
def _english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_legal_adapts_the_model_from_the_context_page(
    company_setup, as_user, legal_carol, monkeypatch, django_capture_on_commit_callbacks
):
    # given
    _reviewed(12)
    monkeypatch.setattr(retrain, "evaluate", _fixed_evaluation((0.5, 0.55), (0.6, 0.6)))
    client = _english(as_user(legal_carol))
    page = client.get(reverse("compliance:registry")).content.decode()
    assert "In use: the model shipped with the project" in page
    assert "Adapt the model to the company" in page
    # when: the button queues the job (the test settings run django-q jobs at once)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("compliance:model-retrain"))
    # then
    assert response.status_code == 302 and response["Location"].endswith("#model")
    model = CheckerModel.objects.get()
    assert model.status == CheckerModel.Status.ACTIVE
    page = client.get(response["Location"]).content.decode()
    assert f"Training #{model.pk} started" in page
    assert "In use: a model adapted to the company" in page
    assert "0.500 → 0.550" in page and "Go back to the shipped model" in page


def test_the_page_follows_a_running_training(company_setup, as_user, legal_carol):
    _reviewed(10)
    model = retrain.checker_retrain_start(queue=False)
    retrain.progress_set(model.pk, 42, "training")
    client = _english(as_user(legal_carol))
    page = client.get(reverse("compliance:registry")).content.decode()
    assert 'max="100" value="42"' in page and "42 % — Fine-tuning the model" in page
    assert "checker_retrain.js" in page and "Adapt the model to the company" not in page
    status = client.get(reverse("compliance:model-status", args=[model.pk])).json()
    assert status == {
        "status": "training",
        "status_label": "Training",
        "progress": 42,
        "message": "Fine-tuning the model",
        "running": True,
    }
    french = client.get(reverse("compliance:model-status", args=[model.pk]), HTTP_ACCEPT_LANGUAGE="fr").json()
    assert french["message"] == "Affinage du modèle"


def test_refusals_and_rejections_are_said_on_the_page_in_french(company_setup, as_user, legal_carol):
    _reviewed(3)
    client = as_user(legal_carol)
    response = client.post(reverse("compliance:model-retrain"), follow=True, HTTP_ACCEPT_LANGUAGE="fr")
    assert "Trop peu de brouillons relus pour adapter le modèle : 3 relus, il en faut au moins 8." in (
        response.content.decode()
    )
    CheckerModel.objects.create(
        status=CheckerModel.Status.REJECTED,
        message="rejected",
        progress=100,
        evaluation={
            "company": {"current": 0.4, "candidate": 0.9, "posts": 3},
            "project": {"current": 0.7, "candidate": 0.69, "posts": 8},
        },
    )
    page = client.get(reverse("compliance:registry"), HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "Non utilisé : moins bon que le modèle en service sur au moins une évaluation" in page
    assert "<strong>0,690 (moins bon)</strong>" in page


def test_legal_puts_a_replaced_model_back_from_the_page(company_setup, as_user, legal_carol):
    retired = _company_model("old", CheckerModel.Status.RETIRED, company_setup.COMPLIANCE_MODEL_DIR)
    client = _english(as_user(legal_carol))
    assert "Put back in use" in client.get(reverse("compliance:registry")).content.decode()
    client.post(reverse("compliance:model-restore", args=[retired.pk]))
    retired.refresh_from_db()
    assert retired.status == CheckerModel.Status.ACTIVE
    assert store.model_for(get_context()).source == "company"
    client.post(reverse("compliance:model-restore-shipped"))
    assert store.model_for(get_context()).source == "shipped"


def test_an_employee_can_neither_retrain_nor_follow_a_training(company_setup, as_user, employee_bob):
    _reviewed(10)
    model = retrain.checker_retrain_start(queue=False)
    client = as_user(employee_bob)
    assert client.post(reverse("compliance:model-retrain")).status_code == 403
    assert client.get(reverse("compliance:model-status", args=[model.pk])).status_code == 403
    assert client.post(reverse("compliance:model-restore-shipped")).status_code == 403
