"""The compliance dashboard and its CSV export (view_compliance_reports)."""

from __future__ import annotations

import csv
import io

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from compliance.reporting.selectors import report_build, report_csv_rows
from policy_portal.access import capability_required

WEEK_CHOICES = (4, 8, 13, 26, 52)


def _weeks(request: HttpRequest) -> int:
    try:
        weeks = int(request.GET.get("weeks", 8))
    except ValueError:
        return 8
    return weeks if weeks in WEEK_CHOICES else 8


@require_safe
@capability_required("view_compliance_reports")
def dashboard(request: HttpRequest) -> HttpResponse:
    weeks = _weeks(request)
    report = report_build(weeks=weeks)
    return render(
        request, "compliance/reporting/dashboard.html", {"report": report, "weeks": weeks, "week_choices": WEEK_CHOICES}
    )


@require_safe
@capability_required("view_compliance_reports")
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    out = io.StringIO()
    csv.writer(out).writerows(report_csv_rows(report_build(weeks=_weeks(request))))
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="compliance-report.csv"'
    return response
