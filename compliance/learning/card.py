"""The model card: what the checker's model is, what it learned from and how it does on unseen companies."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from compliance.learning.store import LoadedModel


def card_summary(loaded: LoadedModel) -> dict[str, Any]:
    """Plain data for the command, the context page and the API: one shape everywhere."""
    card = loaded.card
    held = card.get("held_out") if isinstance(card.get("held_out"), dict) else {}  # a list: companies left out
    return {
        "source": loaded.source,
        "path": loaded.path,
        "available": loaded.nlp is not None,
        "error": loaded.error,
        "version": card.get("version", ""),
        "trained_at": card.get("trained_at", ""),
        "companies": card.get("companies", []),
        "posts": card.get("posts", 0),
        "training_seconds": card.get("training_seconds"),
        "categories": [
            {
                "category": category,
                "examples": card.get("examples_per_category", {}).get(category, 0),
                "threshold": loaded.threshold(category),
                "precision": held.get(category, {}).get("precision"),
                "recall": held.get(category, {}).get("recall"),
                "f1": held.get(category, {}).get("f1"),
            }
            for category in sorted(set(card.get("examples_per_category", {})) | set(held))
        ],
    }


def card_text(summary: dict[str, Any]) -> str:
    """The card as a terminal prints it."""
    if not summary["available"]:
        return _("No checker model could be loaded from %(path)s (%(error)s): the checker runs on its rules alone.") % {
            "path": summary["path"],
            "error": summary["error"] or _("missing"),
        }
    lines = [
        _("Checker model %(version)s (%(source)s), trained %(date)s")
        % {"version": summary["version"], "source": summary["source"], "date": summary["trained_at"]},
        _("Training data: %(posts)s posts of %(companies)s companies")
        % {"posts": summary["posts"], "companies": len(summary["companies"])},
        "",
        f"{_('category'):34s} {_('examples'):>9s} {_('threshold'):>9s} {_('precision'):>9s} {_('recall'):>9s}",
    ]
    for row in summary["categories"]:
        p = "-" if row["precision"] is None else f"{row['precision']:.2f}"
        r = "-" if row["recall"] is None else f"{row['recall']:.2f}"
        lines.append(f"{row['category']:34s} {row['examples']:>9d} {row['threshold']:>9.2f} {p:>9s} {r:>9s}")
    lines.append("")
    lines.append(_("Precision and recall: measured on companies held out of training (leave-one-company-out)."))
    return "\n".join(lines)


# What a company model's row says it is doing (stored as a step code, shown in the reader's language).
STEPS = {
    "queued": gettext_lazy("Waiting for a worker"),
    "examples": gettext_lazy("Preparing the company's examples"),
    "training": gettext_lazy("Fine-tuning the model"),
    "evaluating": gettext_lazy("Comparing the current and the new model"),
    "activated": gettext_lazy("In use: not worse on either evaluation"),
    "rejected": gettext_lazy("Not used: worse than the model in use on at least one evaluation"),
    "failed": gettext_lazy("The training failed"),
    "interrupted": gettext_lazy("Interrupted: the worker running it stopped"),
    "restored": gettext_lazy("Put back in use"),
}


def step_text(code: str) -> str:
    return str(STEPS.get(code, code))


def evaluation_rows(evaluation: dict[str, Any]) -> list[dict[str, Any]]:
    """The two figures a company model is judged on, current vs new (micro-F1 of the model alone)."""
    names = {
        "company": _("Company's reviewed drafts kept aside"),
        "project": _("Project's held-out posts"),
    }
    return [
        {
            "name": names[key],
            "posts": evaluation[key].get("posts", 0),
            "current": evaluation[key]["current"],
            "candidate": evaluation[key]["candidate"],
            "worse": evaluation[key]["candidate"] < evaluation[key]["current"],
        }
        for key in ("company", "project")
        if key in evaluation
    ]


def evaluation_lines(model: Any) -> list[str]:
    """A company model's evaluation as a terminal prints it."""
    lines = []
    for row in evaluation_rows(model.evaluation or {}):
        lines.append(_("%(name)s (%(posts)s posts): micro-F1 %(current).3f in use, %(candidate).3f new") % row)
    if (model.card or {}).get("error"):
        lines.append(model.card["error"])
    return lines
