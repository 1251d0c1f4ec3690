"""Who may do what: the one place that maps roles to capabilities.

Each role is a Django group; each capability is a Django permission of the ``policy_portal``
app (``user.has_perm("policy_portal.<capability>")``). ``sync_roles`` makes the database match
this table; it runs after every ``migrate`` (see apps.py), so changing the table and migrating is
all it takes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Union

from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser, User

AnyUser = Union["User", "AnonymousUser"]


class Role:
    HR = "hr"
    APPROVER = "approver"
    LEGAL = "legal"
    REVIEWER = "reviewer"
    CRISIS = "crisis"
    SPOKESPERSON = "spokesperson"
    VOICE = "voice"
    EMPLOYEE = "employee"
    ADMIN = "admin"


ROLE_LABELS = {
    Role.HR: _("HR"),
    Role.APPROVER: _("Approver"),
    Role.LEGAL: _("Legal"),
    Role.REVIEWER: _("Compliance reviewer"),
    Role.CRISIS: _("Crisis cell"),
    Role.SPOKESPERSON: _("Spokesperson"),
    Role.VOICE: _("Company voice (president, CEO)"),
    Role.EMPLOYEE: _("Employee"),
    Role.ADMIN: _("Administrator"),
}

# capability codename -> human label
CAPABILITIES = {
    "view_charters": _("Read the charters that apply to them"),
    "use_checker": _("Check a draft post before publishing it"),
    "author_charters": _("Write charters and send versions for approval"),
    "approve_charters": _("Approve charter versions"),
    "publish_charters": _("Publish approved charter versions"),
    "manage_campaigns": _("Run acknowledgement campaigns"),
    "view_dashboards": _("See acknowledgement dashboards"),
    "view_directory": _("See the employee directory"),
    "import_directory": _("Import the employee directory"),
    "export_evidence": _("Export legal evidence"),
    "review_posts": _("Review submitted posts"),
    "view_compliance_reports": _("See compliance reports"),
    "manage_checker_context": _("Manage the checker's company context"),
    "manage_crisis": _("Open and close crises, manage quiet topics"),
    "speak_officially": _("Speak officially for the company"),
    "approve_statements": _("Approve the company's official statements in a crisis"),
    "use_admin": _("Use the support administration site"),
}

EVERYONE = ("view_charters", "use_checker")

ROLE_CAPABILITIES: dict[str, tuple[str, ...]] = {
    Role.EMPLOYEE: EVERYONE,
    Role.HR: (
        "author_charters", "publish_charters", "manage_campaigns", "view_dashboards",
        "view_directory", "import_directory", "manage_checker_context",
    ),
    Role.APPROVER: ("approve_charters",),
    Role.LEGAL: ("export_evidence", "manage_checker_context", "view_dashboards"),
    Role.REVIEWER: ("review_posts", "view_compliance_reports"),
    Role.CRISIS: ("manage_crisis", "manage_checker_context"),
    Role.SPOKESPERSON: ("speak_officially",),
    Role.VOICE: ("approve_statements", "speak_officially"),
    Role.ADMIN: tuple(CAPABILITIES),
}


# Roles whose holders must sign in with a second factor (TOTP): they write, approve or publish what
# every employee is bound by, see personal data, or export legal evidence.
PRIVILEGED_ROLES: frozenset[str] = frozenset({Role.HR, Role.APPROVER, Role.LEGAL, Role.VOICE, Role.ADMIN})


def capabilities_of(roles: Iterable[str]) -> set[str]:
    caps: set[str] = set(EVERYONE)
    for role in roles:
        caps.update(ROLE_CAPABILITIES.get(role, ()))
    return caps


def roles_of(user: AnyUser) -> list[str]:
    if not user.is_authenticated:
        return []
    names = set(user.groups.values_list("name", flat=True))
    return [role for role in ROLE_LABELS if role in names or role == Role.EMPLOYEE]


def is_privileged(user: AnyUser) -> bool:
    """True when this person must use multi-factor sign-in (a privileged role, or a superuser)."""
    if not user.is_authenticated:
        return False
    return user.is_superuser or user.groups.filter(name__in=PRIVILEGED_ROLES).exists()


def can(user: AnyUser, capability: str) -> bool:
    if capability not in CAPABILITIES:
        raise KeyError(f"unknown capability {capability!r}")
    return bool(user.is_authenticated and user.has_perm(f"policy_portal.{capability}"))


def sync_roles() -> None:
    """Create or update one group per role with exactly the permissions of the table."""
    from django.contrib.auth.models import Group, Permission
    from django.contrib.contenttypes.models import ContentType

    from policy_portal.models import Access

    content_type = ContentType.objects.get_for_model(Access, for_concrete_model=False)
    perms = {}
    for codename, label in CAPABILITIES.items():
        perm, _created = Permission.objects.update_or_create(
            content_type=content_type, codename=codename, defaults={"name": str(label)[:255]}
        )
        perms[codename] = perm
    Permission.objects.filter(content_type=content_type).exclude(codename__in=perms).delete()
    for role in ROLE_LABELS:
        group, _created = Group.objects.get_or_create(name=role)
        group.permissions.set([perms[c] for c in capabilities_of([role])])
