"""Legal's evidence pages: export a version's dossier, follow the job, download, verify a file.

Every page needs the export_evidence capability; files are served from the private evidence
storage by these views, never from a media URL.
"""

from __future__ import annotations

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from charters.evidence import selectors, services
from charters.evidence.checks import check_evidence
from charters.evidence.forms import ExportForm, VerifyForm
from charters.evidence.storage import evidence_path
from charters.models import EvidenceExport
from charters.models.evidence import EvidenceVerification
from policy_portal.access import capability_required

CAPABILITY = "export_evidence"


@require_safe
@capability_required(CAPABILITY)
def evidence_home(request: HttpRequest) -> HttpResponse:
    context = {
        "versions": selectors.evidence_version_list(),
        "exports": selectors.evidence_export_list()[:20],
        "form": ExportForm(),
    }
    return render(request, "charters/evidence/home.html", context)


@require_POST
@capability_required(CAPABILITY)
def export_request(request: HttpRequest) -> HttpResponse:
    form = ExportForm(request.POST)
    version = selectors.evidence_version_get(form.data.get("version") or 0) if form.is_valid() else None
    if version is None:
        raise Http404
    export, _created = services.evidence_export_request(
        version=version, by=request.user, language=form.cleaned_data["language"]
    )
    return redirect("charters:evidence-export", pk=export.pk)


def _export(pk: int) -> EvidenceExport:
    export = selectors.evidence_export_get(pk)
    if export is None:
        raise Http404
    return export


@require_safe
@capability_required(CAPABILITY)
def export_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The export's status page; its progress block polls itself (HTMX) until the job is finished."""
    partial = request.headers.get("HX-Request") == "true"
    template = "charters/evidence/_export_progress.html" if partial else "charters/evidence/export.html"
    return render(request, template, {"export": _export(pk)})


@require_safe
@capability_required(CAPABILITY)  # type: ignore[type-var]  # a FileResponse streams
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    export = _export(pk)
    if export.status != EvidenceExport.Status.DONE:
        raise Http404
    filename = f"{export.version.charter.slug}-v{export.version.number}-dossier-{export.pk}-{export.language}.zip"
    return FileResponse(evidence_path(export.file).open("rb"), as_attachment=True, filename=filename)


@require_safe
@capability_required(CAPABILITY)  # type: ignore[type-var]  # a FileResponse streams
def certificate_download(request: HttpRequest, pk: int) -> FileResponse:
    """One acknowledgement's sealed certificate; rendered on the spot if the on-ack job has not stored it."""
    ack = selectors.acknowledgement_for_certificate(pk)
    if ack is None:
        raise Http404
    language = request.GET.get("lang", "fr")
    language = language if language in services.LANGUAGES else "fr"
    file = services.certificate_store(acknowledgement_id=ack.pk, language=language)
    filename = f"certificate-{ack.version.charter.slug}-v{ack.version.number}-{ack.pk}-{language}.pdf"
    return FileResponse(evidence_path(file.file).open("rb"), as_attachment=True, filename=filename)


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required(CAPABILITY)
def evidence_verify(request: HttpRequest) -> HttpResponse:
    """Upload a certificate or a dossier to check it; or look a certificate's code up (its QR code)."""
    form = VerifyForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if services.evidence_verification_needs_job(upload):  # a dossier takes minutes: a worker checks it
            job = services.evidence_verification_request(
                upload=upload, by=request.user, language=translation.get_language() or "fr"
            )
            return redirect("charters:evidence-verification", pk=job.pk)
        report = check_evidence(upload.file, name=upload.name)
    code = request.GET.get("code", "").strip()
    found = selectors.acknowledgement_for_code(code) if code else None
    context = {"form": form, "report": report, "code": code, "found": found}
    return render(request, "charters/evidence/verify.html", context, status=200)


@require_safe
@capability_required(CAPABILITY)
def verification_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An uploaded dossier's check: polls itself (HTMX) until done, then shows the report like the verify page.

    Any holder of export_evidence may follow it (legal works as a team, as with exports).
    """
    job = EvidenceVerification.objects.select_related("requested_by").filter(pk=pk).first()
    if job is None:
        raise Http404
    partial = request.headers.get("HX-Request") == "true"
    template = "charters/evidence/_verification_progress.html" if partial else "charters/evidence/verification.html"
    return render(request, template, {"job": job})
