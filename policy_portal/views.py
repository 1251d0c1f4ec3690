"""Pages of the portal itself: home, notifications, directory, directory import, language, health."""

from __future__ import annotations

from allauth.account import views as allauth_views
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django.views.i18n import set_language

from compliance.selectors import checker_model_health
from policy_portal import selectors
from policy_portal.access import capability_required
from policy_portal.forms import DirectoryImportForm
from policy_portal.models import DirectoryImport, Employee
from policy_portal.roles import ROLE_LABELS, roles_of
from policy_portal.services import (
    DirectoryImportError,
    directory_import,
    employee_set_language,
    notification_mark_read,
    notifications_mark_read,
)
from policy_portal.sessions import sessions_end_all


@require_safe
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "policy_portal/home.html", {
        "notices": selectors.notification_list_unread(request.user),
        "tasks": selectors.home_tasks_for(request.user),
        "employee": selectors.employee_for_user(request.user),
        "roles": [ROLE_LABELS[r] for r in roles_of(request.user)],
        "sections": selectors.home_sections_for(request.user),
    })


@require_safe
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Follow a notification to what changed; opening it reads it."""
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    notification_mark_read(notification=notification, by=request.user)
    if not url_has_allowed_host_and_scheme(notification.url, allowed_hosts=None):
        return redirect("home")
    return redirect(notification.url)


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get_for_user(user=request.user, pk=pk)
    notification_mark_read(notification=notification, by=request.user)
    return redirect(reverse("home") + "#notices-title")


@require_POST
@login_required
def notifications_read_all(request: HttpRequest) -> HttpResponse:
    notifications_mark_read(recipient=request.user)
    return redirect(reverse("home") + "#notices-title")


@require_safe
@capability_required("view_directory")
def directory(request: HttpRequest) -> HttpResponse:
    search = request.GET.get("q", "").strip()[:100]
    status = request.GET.get("status", "")
    status = status if status in Employee.Status.values else ""
    employees = selectors.employee_list(search=search, status=status)
    page = Paginator(employees, 50).get_page(request.GET.get("page"))
    return render(request, "policy_portal/directory.html", {
        "page": page, "page_range": page.paginator.get_elided_page_range(page.number, on_each_side=2),
        "q": search, "status": status, "statuses": Employee.Status.choices,
    })


@require_http_methods(["GET", "HEAD", "POST"])
@capability_required("import_directory")
def directory_import_page(request: HttpRequest) -> HttpResponse:
    form = DirectoryImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form, "imports": selectors.directory_import_list()[:10]}
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            context["result"] = directory_import(
                data=upload.read(), filename=upload.name, source=DirectoryImport.Source.UPLOAD,
                by=request.user, full_sync=form.cleaned_data["full_sync"], dry_run=form.cleaned_data["dry_run"],
            )
            context["dry_run"] = form.cleaned_data["dry_run"]
        except DirectoryImportError as exc:
            context["import_errors"] = exc.errors
            return render(request, "policy_portal/directory_import.html", context, status=400)
    return render(request, "policy_portal/directory_import.html", context)


class LogoutView(allauth_views.LogoutView):
    """allauth's sign-out, which ends every session of this person, on every device."""

    def logout(self) -> None:
        if self.request.user.is_authenticated:
            sessions_end_all(user=self.request.user)
        super().logout()


def directory_owned(request: HttpRequest) -> HttpResponse:
    raise Http404


@require_POST
def language(request: HttpRequest) -> HttpResponse:
    """Django's set_language, which also remembers the choice for signed-in people."""
    if request.user.is_authenticated:
        employee_set_language(user=request.user, language=request.POST.get("language", ""))
    return set_language(request)


@require_safe
@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    checks: dict[str, object] = {}
    healthy = True
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        checks["database"] = "ok"
        age = selectors.worker_heartbeat_age()
    except Exception:  # any database failure means "not healthy", never a 500
        checks["database"] = "unreachable"
        healthy, age = False, None
    if age is None:
        checks["worker"] = "no heartbeat yet"
        healthy = False
    else:
        checks["worker_heartbeat_age_s"] = round(age.total_seconds())
        if age.total_seconds() > settings.WORKER_HEARTBEAT_MAX_AGE_S:
            checks["worker"] = "stale"
            healthy = False
        else:
            checks["worker"] = "ok"
    if checks["database"] == "ok":
        # A missing or corrupt checker model does not make the portal unhealthy (the rules still check), but it
        # is said here, so a deployment that lost its model is seen at once, never a silent pass.
        checks.update(checker_model_health())
    return JsonResponse({"status": "ok" if healthy else "unhealthy", **checks}, status=200 if healthy else 503)


def error_403(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 403, _("You do not have access to this page."))


def error_404(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return _error(request, 404, _("This page does not exist."))


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: the portal's own error page (or JSON error), in the reader's language, saying what to do."""
    message = _(
        "This form had expired or was sent from another site, so it was not accepted. "
        "Reload the page and send it again."
    )
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "csrf_failed", "message": message}}, status=403)
    return render(request, "policy_portal/error.html", {"status": 403, "message": message}, status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return _error(request, 500, _("Something went wrong on our side. The team has been told; please try again."))


def _error(request: HttpRequest, status: int, message: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        codes = {403: "permission_denied", 404: "not_found", 500: "server_error"}
        return JsonResponse({"error": {"code": codes[status], "message": message}}, status=status)
    return render(request, "policy_portal/error.html", {"status": status, "message": message}, status=status)
