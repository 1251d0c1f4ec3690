"""Charter pages: list, detail, edit with live preview, review, publish, read, diff, legal steps."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charters import selectors, services
from charters.forms import CharterCreateForm, LabourLawStepForm, PublishForm, ReviewForm, VersionEditForm
from charters.hashing import canonical_text
from charters.model_charter import model_charter_texts
from charters.models import Charter, CharterVersion
from charters.rendering import parse_clauses, render_markdown
from policy_portal.access import capability_required
from policy_portal.errors import ApplicationError
from policy_portal.selectors import employee_for_user


def _charter(request: HttpRequest, slug: str) -> Charter:
    charter = selectors.charter_get_for_user(slug=slug, user=request.user)
    if charter is None:
        raise Http404
    return charter


def _version(request: HttpRequest, slug: str, number: int) -> CharterVersion:
    version = selectors.charter_version_get_for_user(charter=_charter(request, slug), number=number, user=request.user)
    if version is None:
        raise Http404
    return version


def _reader_language(request: HttpRequest) -> str:
    wanted = request.GET.get("lang")
    if wanted in ("fr", "en"):
        return wanted
    employee = employee_for_user(request.user)
    return employee.preferred_language if employee else (get_language() or "fr")[:2]


@require_safe
@capability_required("view_charters")
def charter_list(request: HttpRequest) -> HttpResponse:
    return render(request, "charters/charter_list.html", {"charters": selectors.charter_list_for_user(request.user)})


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("author_charters")
def charter_create(request: HttpRequest) -> HttpResponse:
    form = CharterCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        texts = model_charter_texts() if data["from_model"] else {"fr": ""}
        charter = services.charter_create(
            name=data["name"],
            name_en=data["name_en"],
            slug=data["slug"],
            audience=data["audience"],
            departments=data["departments"],
            roles=data["roles"],
            by=request.user,
            body_fr=texts["fr"],
            translations={k: v for k, v in texts.items() if k != "fr"},
        )
        messages.success(request, _("Charter created with a first draft."))
        return redirect("charters:version-edit", slug=charter.slug, number=1)
    return render(request, "charters/charter_create.html", {"form": form})


@require_safe
@capability_required("view_charters")
def charter_detail(request: HttpRequest, slug: str) -> HttpResponse:
    charter = _charter(request, slug)
    versions = selectors.charter_version_list_for_user(charter=charter, user=request.user)
    return render(
        request,
        "charters/charter_detail.html",
        {
            "charter": charter,
            "versions": versions,
            "in_force": selectors.charter_version_in_force(charter),
            "audience_names": selectors.charter_audience_names(charter),
            # only one version can be in progress: no "start a new version" while one is
            "in_progress": next((v for v in versions if v.status in CharterVersion.IN_PROGRESS), None),
        },
    )


@require_POST
@capability_required("author_charters")
def version_start(request: HttpRequest, slug: str) -> HttpResponse:
    version = services.charter_version_start(charter=_charter(request, slug), by=request.user)
    return redirect("charters:version-edit", slug=slug, number=version.number)


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("author_charters")
def version_edit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    english = next((t for t in version.translations.all() if t.language == "en"), None)
    form = VersionEditForm(
        request.POST or None,
        initial={
            "body_fr": version.body_fr,
            "body_en": english.body if english else "",
            "change_summary": version.change_summary,
            "material": version.material,
            "effective_date": version.effective_date,
            "translation_up_to_date": False,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.charter_version_update(
            version=version,
            by=request.user,
            body_fr=data["body_fr"],
            change_summary=data["change_summary"],
            material=data["material"],
            effective_date=data["effective_date"],
        )
        english_changed = english is None or canonical_text(data["body_en"]) != canonical_text(english.body)
        if data["body_en"].strip() and (english_changed or data["translation_up_to_date"]):
            services.charter_translation_save(version=version, language="en", body=data["body_en"], by=request.user)
        messages.success(request, _("Draft saved."))
        return redirect("charters:version-edit", slug=slug, number=number)
    return render(
        request,
        "charters/version_edit.html",
        {
            "version": version,
            "form": form,
            "english": english,
            "preview": render_markdown(version.body_fr),
            "preview_en": render_markdown(english.body) if english is not None else "",
            "checklist": selectors.labour_law_checklist(version),
            "comments": selectors.version_comment_list(version),
        },
    )


@require_POST
@capability_required("author_charters")
def preview(request: HttpRequest) -> HttpResponse:
    """HTMX: the rendered text and its clauses while HR types, in the language of the box typed in
    (the whole form is posted: ``language`` says which text to render)."""
    field = "body_en" if request.POST.get("language") == "en" else "body_fr"
    source = request.POST.get(field, "")[:500_000]
    _preamble, clauses = parse_clauses(source)
    return render(request, "charters/_preview.html", {"html": render_markdown(source), "clauses": clauses})


@require_POST
@capability_required("author_charters")
def version_submit(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    services.charter_version_submit(
        version=_version(request, slug, number), by=request.user, comment=request.POST.get("comment", "")
    )
    messages.success(request, _("Version sent for review."))
    return redirect("charters:charter-detail", slug=slug)


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("approve_charters")
def version_review(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        action, comment = form.cleaned_data["action"], form.cleaned_data["comment"]
        if action == "approve":
            services.charter_version_approve(version=version, by=request.user, comment=comment)
            messages.success(request, _("Version approved."))
        elif action == "request_changes":
            services.charter_version_request_changes(version=version, by=request.user, comment=comment)
            messages.success(request, _("Changes requested: the version is back to draft."))
        else:
            services.charter_version_comment(version=version, by=request.user, body=comment)
            messages.success(request, _("Comment added."))
        return redirect("charters:version-review", slug=slug, number=number)
    previous = selectors.charter_version_previous_published(version)
    return render(
        request,
        "charters/version_review.html",
        {
            "version": version,
            "form": form,
            "html": render_markdown(version.body_fr),
            "previous": previous,
            "diff": selectors.version_diff(previous, version) if previous else None,
            "comments": selectors.version_comment_list(version),
            "transitions": version.transitions.select_related("by"),
            "checklist": selectors.labour_law_checklist(version),
            "own_version": version.author_id == request.user.pk,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("publish_charters")
def version_publish(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """A confirmation page (publishing cannot be undone) where the effective date can still be set."""
    version = _version(request, slug, number)
    if request.method != "POST" and version.status != CharterVersion.Status.APPROVED:
        messages.info(request, _("Only an approved version can be published."))
        return redirect("charters:charter-detail", slug=slug)
    form = PublishForm(
        request.POST if request.method == "POST" else None, initial={"effective_date": version.effective_date}
    )
    if request.method != "POST" or not form.is_valid():
        return render(
            request,
            "charters/version_publish.html",
            {"version": version, "form": form, "checklist": selectors.labour_law_checklist(version)},
        )
    version = services.charter_version_publish(
        version=version, by=request.user, effective_date=form.cleaned_data["effective_date"]
    )
    if version.is_in_force:
        messages.success(request, _("Version published and in force."))
    else:
        messages.success(
            request, _("Version published: it will be in force on %(date)s.") % {"date": version.effective_date}
        )
    return redirect("charters:charter-detail", slug=slug)


@require_POST
@capability_required("publish_charters")
def version_archive(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    services.charter_version_archive(
        version=_version(request, slug, number), by=request.user, comment=request.POST.get("comment", "")[:2000]
    )
    messages.success(request, _("Version %(number)s archived.") % {"number": number})
    return redirect("charters:charter-detail", slug=slug)


@require_safe
@capability_required("view_charters")
def clause_goto(request: HttpRequest, category: str) -> HttpResponse:
    """A checker finding's clause link: the clause in a charter this reader may read, else their charters."""
    language = request.GET.get("lang") or (get_language() or "fr")[:2]
    ref = selectors.clause_for_category(category, language[:2], reader=request.user)
    if ref is not None:
        return redirect(ref.url)
    messages.info(
        request,
        _("The clause cited belongs to a charter that does not apply to you. Here are the charters that do."),
    )
    return redirect("charters:charter-list")


@require_safe
@capability_required("view_charters")
def version_read(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    text = selectors.charter_version_text(version, _reader_language(request))
    return render(
        request,
        "charters/version_read.html",
        {
            "version": version,
            "text": text,
            "previous": selectors.charter_version_previous_published(version),
            "transitions": version.transitions.select_related("by"),
        },
    )


@require_safe
@capability_required("view_charters")
def version_diff(request: HttpRequest, slug: str) -> HttpResponse:
    charter = _charter(request, slug)
    versions = list(selectors.charter_version_list_for_user(charter=charter, user=request.user))
    numbers = sorted(v.number for v in versions)
    if len(numbers) < 2:
        raise ApplicationError(_("This charter has only one version: there is nothing to compare yet."))
    try:  # without a choice, the two latest versions the reader may see
        old_n = int(request.GET.get("from") or numbers[-2])
        new_n = int(request.GET.get("to") or numbers[-1])
    except ValueError as exc:
        raise ApplicationError(_("Choose two versions to compare.")) from exc
    older = next((v for v in versions if v.number == old_n), None)
    newer = next((v for v in versions if v.number == new_n), None)
    if older is None or newer is None:
        raise Http404
    language = _reader_language(request)
    return render(
        request,
        "charters/version_diff.html",
        {
            "charter": charter,
            "older": older,
            "newer": newer,
            "numbers": numbers,
            "language": language,
            "diffs": selectors.version_diff(older, newer, language),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("author_charters")
def version_steps(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    version = _version(request, slug, number)
    form = LabourLawStepForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        services.labour_law_step_record(
            version=version,
            kind=data["kind"],
            done_on=data["done_on"],
            document=data["document"],
            note=data["note"],
            by=request.user,
        )
        messages.success(request, _("Step recorded."))
        return redirect("charters:version-steps", slug=slug, number=number)
    return render(
        request,
        "charters/version_steps.html",
        {
            "version": version,
            "form": form,
            "checklist": selectors.labour_law_checklist(version),
        },
    )
