"""Reads on charters, for pages, the API, the home page and other apps.

Hooks for other apps (no import of theirs here):
- ``clause_for_category(category, language)``: the clause of the charter in force governing a
  checker category (the compliance app plugs it in through a setting).
- ``charter_version_in_force(charter)``, ``charter_versions_in_force_for(employee)``,
  ``charter_applies_to(charter, employee)``, ``charter_audience(charter)``,
  ``charter_version_baseline(version)`` (material flag: from which version acknowledgements carry over),
  ``charter_version_text(version, language)`` and ``charters.hashing.text_sha256``: what acknowledgements need.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from charters.diffing import ClauseDiff, diff_texts
from charters.models import CLAUSE_CATEGORIES, Charter, CharterTranslation, CharterVersion, Clause, LabourLawStep
from charters.rendering import render_markdown
from policy_portal.models import Employee
from policy_portal.roles import ROLE_LABELS, can
from policy_portal.selectors import HomeTask

Status = CharterVersion.Status
STAFF_CAPABILITIES = ("author_charters", "approve_charters", "publish_charters")


@dataclass(frozen=True, slots=True)
class ClauseRef:
    number: str
    title: str
    url: str
    anchor: str
    charter: str
    version: int
    language: str


def is_charter_staff(user: object) -> bool:
    return any(can(user, c) for c in STAFF_CAPABILITIES)  # type: ignore[arg-type]


def _versions_qs() -> QuerySet[CharterVersion]:
    return CharterVersion.objects.select_related("charter", "author", "approved_by", "published_by").prefetch_related(
        "translations"
    )


# --- audiences ---------------------------------------------------------------------------------
def charter_applies_to(charter: Charter, employee: Employee) -> bool:
    if charter.audience == Charter.Audience.EVERYONE:
        return True
    if charter.audience == Charter.Audience.DEPARTMENTS:
        return employee.department_id is not None and charter.departments.filter(pk=employee.department_id).exists()
    return employee.user.groups.filter(name__in=charter.roles).exists()


def charter_audience(charter: Charter) -> QuerySet[Employee]:
    """Active employees the charter applies to (acknowledgement campaigns count these)."""
    qs = Employee.objects.filter(status=Employee.Status.ACTIVE).select_related("user", "department")
    if charter.audience == Charter.Audience.DEPARTMENTS:
        return qs.filter(department__in=charter.departments.all())
    if charter.audience == Charter.Audience.ROLES:
        return qs.filter(user__groups__name__in=charter.roles).distinct()
    return qs


def charter_list_for_user(user: object) -> QuerySet[Charter]:
    """Charter staff see every charter; others the charters whose audience includes them, once a
    version has been published (a charter still being written is not announced to its audience)."""
    qs = Charter.objects.prefetch_related(
        Prefetch(
            "versions",
            queryset=CharterVersion.objects.filter(status=Status.PUBLISHED, in_force_at__isnull=False),
            to_attr="in_force",
        )
    )
    if is_charter_staff(user):
        return qs
    employee = Employee.objects.select_related("department").filter(user=user).first()
    if employee is None:
        return qs.none()
    groups = list(employee.user.groups.values_list("name", flat=True))
    audience = Q(audience=Charter.Audience.EVERYONE) | Q(
        audience=Charter.Audience.DEPARTMENTS, departments=employee.department_id
    )
    audience |= Q(
        pk__in=[c.pk for c in Charter.objects.filter(audience=Charter.Audience.ROLES) if set(c.roles) & set(groups)]
    )
    return qs.filter(audience).filter(versions__published_at__isnull=False).distinct()


def charter_get_for_user(*, slug: str, user: object) -> Charter | None:
    return charter_list_for_user(user).filter(slug=slug).first()


# --- versions ----------------------------------------------------------------------------------
def charter_version_list_for_user(*, charter: Charter, user: object) -> QuerySet[CharterVersion]:
    """Staff see every version; employees the published ones (in force, coming, superseded)."""
    qs = _versions_qs().filter(charter=charter).order_by("-number")
    if is_charter_staff(user):
        return qs
    return qs.filter(status__in=[Status.PUBLISHED, Status.SUPERSEDED])


def charter_version_get_for_user(*, charter: Charter, number: int, user: object) -> CharterVersion | None:
    return charter_version_list_for_user(charter=charter, user=user).filter(number=number).first()


def charter_version_in_force(charter: Charter) -> CharterVersion | None:
    return _versions_qs().filter(charter=charter, status=Status.PUBLISHED, in_force_at__isnull=False).first()


def charter_versions_in_force_for(employee: Employee) -> list[CharterVersion]:
    """The version in force of every charter that applies to ``employee``."""
    versions = _versions_qs().filter(status=Status.PUBLISHED, in_force_at__isnull=False)
    return [v for v in versions.order_by("charter__name") if charter_applies_to(v.charter, employee)]


def charter_audience_names(charter: Charter) -> list[str]:
    """Who a charter is for, by name, in the reader's language: its departments or roles (empty for everyone)."""
    if charter.audience == Charter.Audience.DEPARTMENTS:
        return sorted(d.display_name for d in charter.departments.all())
    if charter.audience == Charter.Audience.ROLES:
        return [str(ROLE_LABELS[role]) for role in charter.roles if role in ROLE_LABELS]
    return []


def charter_version_previous_published(version: CharterVersion) -> CharterVersion | None:
    return (
        _versions_qs()
        .filter(charter_id=version.charter_id, number__lt=version.number, published_at__isnull=False)
        .order_by("-number")
        .first()
    )


def charter_version_baseline(version: CharterVersion) -> CharterVersion:
    """The latest material published version up to ``version``: an acknowledgement of it or of any
    later version carries over to ``version`` (minor versions do not ask everyone again)."""
    published = _versions_qs().filter(
        charter_id=version.charter_id, number__lte=version.number, published_at__isnull=False
    )
    return published.filter(material=True).order_by("-number").first() or version


@dataclass(frozen=True)
class VersionText:
    language: str
    body: str
    html: str
    is_translation: bool
    stale: bool


def charter_version_text(version: CharterVersion, language: str) -> VersionText:
    """The text in ``language`` when translated (and, once published, up to date), else the French."""
    if language != "fr":
        translation = next((t for t in version.translations.all() if t.language == language), None)
        if translation is not None:
            return VersionText(
                language, translation.body, render_markdown(translation.body), True, translation.is_stale
            )
    return VersionText("fr", version.body_fr, render_markdown(version.body_fr), False, False)


def version_diff(older: CharterVersion, newer: CharterVersion, language: str = "fr") -> list[ClauseDiff]:
    return diff_texts(charter_version_text(older, language).body, charter_version_text(newer, language).body)


def version_clauses(version: CharterVersion, language: str = "fr") -> QuerySet[Clause]:
    clauses = Clause.objects.filter(version=version, language=language)
    return clauses if language == "fr" or clauses.exists() else Clause.objects.filter(version=version, language="fr")


def translation_list(version: CharterVersion) -> QuerySet[CharterTranslation]:
    return version.translations.all()


# --- review comments ---------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class VersionComment:
    """A comment on a version: written on its own, or given when sending it for review or approving it."""

    author: object  # the user, or None for the system
    at: datetime
    body: str
    action: str = ""  # "", Status.IN_REVIEW (sent for review) or Status.APPROVED

    @property
    def action_label(self) -> str:
        if self.action == Status.IN_REVIEW:
            return _("on sending for review")
        if self.action == Status.APPROVED:
            return _("on approving")
        return ""


def version_comment_list(version: CharterVersion) -> list[VersionComment]:
    """Every comment on the version, oldest first. Requesting changes already writes a review comment,
    so only the comments of the transitions to review and to approval are added from the history."""
    comments = [VersionComment(c.author, c.created_at, c.body) for c in version.comments.select_related("author")]
    transitions = version.transitions.filter(to_status__in=[Status.IN_REVIEW, Status.APPROVED]).exclude(comment="")
    comments += [
        VersionComment(t.by, t.at, t.comment.strip(), t.to_status)
        for t in transitions.select_related("by")
        if t.comment.strip()
    ]
    return sorted(comments, key=lambda c: c.at)


# --- the checker's hook ------------------------------------------------------------------------
def clause_for_category(category: str, language: str, *, reader: object | None = None) -> ClauseRef | None:
    """The clause governing a checker category in the charters in force (everyone's charter first).

    ``category`` is one of CLAUSE_CATEGORIES or a dotted checker category
    ("confidentiality.personal_data", "conduct.crisis_topic"): the most specific known part wins.
    With ``reader``, only the charters that person may read count (their audience's, or all for staff).
    """
    wanted = _categories_to_try(category)
    if not wanted:
        return None
    clauses = Clause.objects.filter(
        version__status=Status.PUBLISHED, version__in_force_at__isnull=False, language__in=[language, "fr"]
    ).select_related("version__charter")
    if reader is not None:
        clauses = clauses.filter(version__charter__in=charter_list_for_user(reader).values("pk"))
    candidates = [c for c in clauses if set(c.tags) & set(wanted)]
    if not candidates:
        return None
    candidates.sort(
        key=lambda c: (
            min(wanted.index(t) for t in c.tags if t in wanted),
            c.version.charter.audience != Charter.Audience.EVERYONE,
            c.version.charter.name,
            c.language != language,
            c.position,
        )
    )
    clause = candidates[0]
    url = reverse(
        "charters:version-read", kwargs={"slug": clause.version.charter.slug, "number": clause.version.number}
    )
    return ClauseRef(
        number=clause.number,
        title=clause.title,
        anchor=clause.anchor,
        url=f"{url}?lang={clause.language}#{clause.anchor}",
        charter=clause.version.charter.display_name,
        version=clause.version.number,
        language=clause.language,
    )


CATEGORY_ALIASES = {
    "crisis_topic": "crisis",
    "insult": "conduct",
    "defamation": "conduct",
    "inside_information": "insider",
    "image_rights": "copyright",
}


def _categories_to_try(category: str) -> list[str]:
    parts = [CATEGORY_ALIASES.get(p, p) for p in reversed(category.lower().split("."))]
    return list(dict.fromkeys(p for p in parts if p in CLAUSE_CATEGORIES))


def clause_label_for_category(category: str) -> str:
    """For ``settings.COMPLIANCE_CLAUSE_PROVIDER``: "§3.1 Title" in the interface language, or ""."""
    ref = clause_for_category(category, (get_language() or "fr")[:2])
    return f"§{ref.number} {ref.title}" if ref else ""


def clause_url_for_category(category: str) -> str:
    """For ``settings.COMPLIANCE_CLAUSE_URL_PROVIDER``: the portal's link to that clause, or "" without one.

    The link resolves when followed, for whoever follows it (``charters:clause-goto``): the same finding
    leads each reader to the clause of a charter they may read, never to a page they cannot open.
    """
    language = (get_language() or "fr")[:2]
    if clause_for_category(category, language) is None:
        return ""
    return reverse("charters:clause-goto", kwargs={"category": category}) + f"?lang={language}"


# --- labour-law steps --------------------------------------------------------------------------
def _one_month_after(day: date) -> date:
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class LegalChecklist:
    steps: list[tuple[str, str, LabourLawStep | None]]  # kind, label, recorded step
    warnings: list[str]

    @property
    def pending(self) -> list[str]:
        return [label for _kind, label, step in self.steps if step is None or step.done_on is None]


def labour_law_checklist(version: CharterVersion) -> LegalChecklist:
    recorded = {s.kind: s for s in LabourLawStep.objects.filter(version=version)}
    steps = [(kind, str(label), recorded.get(kind)) for kind, label in LabourLawStep.Kind.choices]
    warnings: list[str] = []
    dates = [s.done_on for s in recorded.values() if s.done_on]
    if not recorded:
        warnings.append(
            _(
                "No labour-law step is recorded: without the works council's opinion, the filing and the "
                "display, the charter may not be binding on employees."
            )
        )
    if version.effective_date is None:
        warnings.append(_("No effective date yet."))
    elif dates:
        last = max(dates)
        earliest = _one_month_after(last)
        if version.effective_date < earliest:
            warnings.append(
                _(
                    "The effective date %(effective)s is less than one month after the last formality "
                    "(%(last)s): set it on %(earliest)s or later."
                )
                % {
                    "effective": version.effective_date.isoformat(),
                    "last": last.isoformat(),
                    "earliest": earliest.isoformat(),
                }
            )
    return LegalChecklist(steps=steps, warnings=warnings)


# --- home page ---------------------------------------------------------------------------------
def charter_tasks_for(user: object) -> list[HomeTask]:
    tasks: list[HomeTask] = []
    if can(user, "author_charters"):  # type: ignore[arg-type]
        for version in _versions_qs().filter(status__in=[Status.DRAFT, Status.APPROVED]):
            edit = version.status == Status.DRAFT
            tasks.append(
                HomeTask(
                    title=(
                        _("Finish the draft of %(charter)s v%(number)s")
                        if edit
                        else _("Publish %(charter)s v%(number)s")
                    )
                    % {"charter": version.charter.display_name, "number": version.number},
                    description=_("Status: %(status)s") % {"status": version.get_status_display()},
                    url=reverse(
                        "charters:version-edit", kwargs={"slug": version.charter.slug, "number": version.number}
                    )
                    if edit
                    else reverse("charters:charter-detail", kwargs={"slug": version.charter.slug}),
                    priority=30,
                )
            )
        open_steps = _versions_qs().filter(
            Q(status__in=CharterVersion.IN_PROGRESS) | Q(status=Status.PUBLISHED, in_force_at__isnull=True)
        )
        for version in open_steps:
            pending = labour_law_checklist(version).pending
            if pending:
                tasks.append(
                    HomeTask(
                        title=_("Labour-law steps of %(charter)s v%(number)s")
                        % {"charter": version.charter.display_name, "number": version.number},
                        description=", ".join(pending),
                        url=reverse(
                            "charters:version-steps", kwargs={"slug": version.charter.slug, "number": version.number}
                        ),
                        priority=40,
                    )
                )
    if can(user, "approve_charters"):  # type: ignore[arg-type]
        waiting = _versions_qs().filter(status=Status.IN_REVIEW).exclude(author=user)  # type: ignore[misc]
        for version in waiting:
            tasks.append(
                HomeTask(
                    title=_("Review %(charter)s v%(number)s")
                    % {"charter": version.charter.display_name, "number": version.number},
                    description=_("Written by %(author)s, waiting for your approval.")
                    % {"author": version.author.get_full_name() or version.author.get_username()},
                    url=reverse(
                        "charters:version-review", kwargs={"slug": version.charter.slug, "number": version.number}
                    ),
                    priority=20,
                    urgent=True,
                )
            )
    return tasks
