"""The dashboard's numbers, from anonymous counters and review decisions; never a post's text or author."""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from compliance.models import DailyCategoryCount, DailyRuleCount, Submission, SubmissionFinding


@dataclass(frozen=True)
class Bar:
    label: str
    value: float
    percent: int  # of the largest value in its chart, for the bar's width
    extra: str = ""


def _bars(pairs: Sequence[tuple[str, float]], extra: dict[str, str] | None = None) -> list[Bar]:
    top = max((v for _, v in pairs), default=0) or 1
    return [Bar(k, v, round(100 * v / top), (extra or {}).get(k, "")) for k, v in pairs]


@dataclass
class Report:
    start: dt.date
    end: dt.date
    weeks: list[dt.date]
    by_category: list[Bar]
    by_week: dict[dt.date, dict[str, int]]  # week -> category -> count
    week_totals: list[Bar]
    by_department: dict[str, dict[str, int]]  # department -> category -> count
    department_totals: list[Bar]
    categories: list[str]
    top_rules: list[Bar]
    false_positive_rates: list[Bar]  # rule -> % of its reviewed findings marked false positive
    missed: list[Bar]  # category -> breaches reviewers added
    decisions: dict[str, int]
    turnaround_median_h: float | None
    turnaround_mean_h: float | None
    waiting: int

    @property
    def week_rows(self) -> list[tuple[dt.date, list[int]]]:
        """One row per week, one count per category (in ``categories`` order)."""
        return [(w, [self.by_week[w].get(c, 0) for c in self.categories]) for w in self.weeks]

    @property
    def department_rows(self) -> list[tuple[str, list[int]]]:
        return [(d, [cats.get(c, 0) for c in self.categories]) for d, cats in self.by_department.items()]


def week_of(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def departments_too_small() -> set[str]:
    """Department codes with fewer active people than REPORTING_MIN_GROUP_SIZE: their counts are
    pooled, so that a breakdown never points at one or two identifiable people."""
    from policy_portal.models import Employee

    minimum = settings.REPORTING_MIN_GROUP_SIZE
    sizes = dict(
        Employee.objects.filter(status=Employee.Status.ACTIVE, department__isnull=False)
        .values_list("department__code")
        .annotate(n=Count("pk"))
        .values_list("department__code", "n")
    )
    return {code for code, n in sizes.items() if n < minimum}


def _department_label(code: str, small: set[str]) -> str:
    if not code:
        return "—"
    return _("Small departments (pooled)") if code in small else code


def report_build(*, weeks: int = 8, today: dt.date | None = None) -> Report:
    today = today or timezone.localdate()
    start = week_of(today) - dt.timedelta(weeks=weeks - 1)
    counts = DailyCategoryCount.objects.filter(day__gte=start, day__lte=today).exclude(category="none")
    by_week: dict[dt.date, dict[str, int]] = defaultdict(Counter)
    by_dept: dict[str, dict[str, int]] = defaultdict(Counter)
    by_cat: Counter[str] = Counter()
    small = departments_too_small()
    for day, dept, category, n in counts.values_list("day", "department", "category", "count"):
        by_week[week_of(day)][category] += n
        by_dept[_department_label(dept, small)][category] += n
        by_cat[category] += n
    week_list = [start + dt.timedelta(weeks=i) for i in range(weeks)]
    rules = (
        DailyRuleCount.objects.filter(day__gte=start, day__lte=today)
        .values("rule")
        .annotate(total=Sum("count"))
        .order_by("-total", "rule")[:10]
    )
    decided = Submission.objects.filter(decided_at__date__gte=start, status__in=Submission.DECIDED)
    hours = [
        (s.decided_at - s.submitted_at).total_seconds() / 3600
        for s in decided.only("decided_at", "submitted_at")
        if s.decided_at is not None
    ]
    return Report(
        start=start,
        end=today,
        weeks=week_list,
        by_category=_bars(by_cat.most_common()),
        by_week={w: dict(by_week.get(w, {})) for w in week_list},
        week_totals=_bars([(w.isoformat(), sum(by_week.get(w, {}).values())) for w in week_list]),
        by_department={d: dict(c) for d, c in sorted(by_dept.items())},
        department_totals=_bars(sorted(((d, sum(c.values())) for d, c in by_dept.items()), key=lambda p: -p[1])),
        categories=[c for c, _ in by_cat.most_common()],
        top_rules=_bars([(r["rule"], r["total"]) for r in rules]),
        false_positive_rates=_false_positive_rates(start),
        missed=_bars(
            Counter(
                SubmissionFinding.objects.filter(
                    origin=SubmissionFinding.Origin.REVIEWER, submission__submitted_at__date__gte=start
                ).values_list("category", flat=True)
            ).most_common()
        ),
        decisions=dict(Counter(decided.values_list("status", flat=True))),
        turnaround_median_h=round(statistics.median(hours), 1) if hours else None,
        turnaround_mean_h=round(statistics.fmean(hours), 1) if hours else None,
        waiting=Submission.objects.filter(status__in=Submission.OPEN).count(),
    )


def _false_positive_rates(start: dt.date) -> list[Bar]:
    """Per rule: the share of its findings in reviewed posts that reviewers marked as false positives."""
    rows = SubmissionFinding.objects.filter(
        origin=SubmissionFinding.Origin.CHECKER,
        submission__status__in=Submission.DECIDED,
        submission__submitted_at__date__gte=start,
    ).values_list("rule", "feedback")
    total: Counter[str] = Counter()
    false: Counter[str] = Counter()
    for rule, feedback in rows:
        total[rule] += 1
        false[rule] += feedback == SubmissionFinding.Feedback.FALSE_POSITIVE
    rates = sorted(((r, round(100 * false[r] / total[r], 1)) for r in total), key=lambda p: (-p[1], p[0]))
    bars = [Bar(r, v, round(v), f"{false[r]}/{total[r]}") for r, v in rates]
    return bars


def report_csv_rows(report: Report) -> Iterator[list[str]]:
    """Long format: section, week, department, key, value."""
    yield ["section", "week", "department", "key", "value"]
    for week, cats in report.by_week.items():
        for category, n in sorted(cats.items()):
            yield ["findings_by_week", week.isoformat(), "", category, str(n)]
    for dept, cats in report.by_department.items():
        for category, n in sorted(cats.items()):
            yield ["findings_by_department", "", dept, category, str(n)]
    for bar in report.top_rules:
        yield ["rule_triggers", "", "", bar.label, str(int(bar.value))]
    for bar in report.false_positive_rates:
        yield ["false_positive_rate_percent", "", "", bar.label, str(bar.value)]
    for bar in report.missed:
        yield ["missed_by_checker", "", "", bar.label, str(int(bar.value))]
    for status, n in sorted(report.decisions.items()):
        yield ["decisions", "", "", status, str(n)]
    for key, value in (("median_hours", report.turnaround_median_h), ("mean_hours", report.turnaround_mean_h)):
        yield ["review_turnaround", "", "", key, "" if value is None else str(value)]
