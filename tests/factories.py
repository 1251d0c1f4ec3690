"""factory_boy factories shared by every app's tests."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from policy_portal.auth import totp_codes, totp_provision
from policy_portal.models import Department, Employee
from policy_portal.roles import PRIVILEGED_ROLES, Role


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"dept-{n}")
    name = factory.LazyAttribute(lambda o: o.code.replace("-", " ").title())


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    first_name = factory.Faker("first_name", locale="fr_FR")
    last_name = factory.Faker("last_name", locale="fr_FR")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    username = factory.LazyAttribute(lambda o: o.email)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        if not create:
            return
        names = {Role.EMPLOYEE, *(extracted or [])}
        self.groups.add(*Group.objects.filter(name__in=names))
        self.save()


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    employee_id = factory.Sequence(lambda n: f"E{n:05d}")
    department = factory.SubFactory(DepartmentFactory)
    preferred_language = "fr"


def person(role: str | None, *, first_name: str, email: str, language: str = "fr",
           department: Department | None = None, mfa: bool | None = None) -> Employee:
    """An active employee holding ``role`` (None: an ordinary employee).

    People in a privileged role (roles.PRIVILEGED_ROLES) have enrolled an authenticator app (TOTP), as
    the portal requires, unless ``mfa=False``; ``mfa=True`` enrols anyone. Codes: tests.factories.totp_code.
    """
    user = UserFactory(first_name=first_name, last_name="Test", email=email, roles=[role] if role else [])
    if mfa or (mfa is None and role in PRIVILEGED_ROLES):
        totp_provision(user=user)
    return EmployeeFactory(user=user, preferred_language=language,
                           department=department or DepartmentFactory(code="general", name="General"))


def totp_code(user: object, step: int = 0) -> str:
    """The code this person's authenticator app shows now (step 1: the next one, -1: the previous one)."""
    user = getattr(user, "user", user)
    return totp_codes(user=user)[{0: 0, 1: 1, -1: 2}[step]]


# --- a small world with one object in each state, for the authorization and fuzz tests --------------------------
WORLD_FR = """Préambule.

## 1 Objet
La charte s'applique à tous.

## 2 Confidentialité {tags: confidentiality}
Ne publiez aucune information interne.
"""
WORLD_EN = """Preamble.

## 1 Purpose
The charter applies to everyone.

## 2 Confidentiality {tags: confidentiality}
Never publish internal information.
"""


def api_world(personas: dict[str, Employee]) -> dict[str, object]:
    """Charters in every state, a running campaign, receipts, submissions and an evidence export.

    ``personas`` is tests/conftest.py's fixture (one employee per role). Returns the ids the tests aim at.
    Built through the services, as the pages would.
    """
    from datetime import timedelta

    from django.utils import timezone

    from charters import services
    from charters.acknowledgements.services import (
        acknowledgement_record,
        campaign_start,
        feedback_create,
        reading_end_reached,
        reading_open,
    )
    from charters.evidence.services import evidence_export_request
    from compliance.review import services as review

    hr, approver = personas["hr"].user, personas["approver"].user

    def charter(slug: str) -> object:
        return services.charter_create(
            name=f"Charte {slug}", slug=slug, by=hr, body_fr=WORLD_FR, translations={"en": WORLD_EN}
        )

    def to_review(version: object) -> object:
        services.charter_version_update(
            version=version, by=hr, effective_date=timezone.localdate() - timedelta(days=1), change_summary="Résumé"
        )
        return services.charter_version_submit(version=version, by=hr)

    in_force = charter("in-force")
    v1 = to_review(in_force.versions.get(number=1))
    services.charter_version_approve(version=v1, by=approver)
    v1 = services.charter_version_publish(version=v1, by=hr)
    campaign = campaign_start(version=v1)
    draft = services.charter_version_start(charter=in_force, by=hr)  # v2, a draft
    to_review(charter("in-review").versions.get(number=1))
    approved = to_review(charter("approved").versions.get(number=1))
    services.charter_version_approve(version=approved, by=approver)

    receipts, feedback = {}, {}
    for role, employee in personas.items():
        assignment = campaign.assignments.get(employee=employee)
        opened = timezone.now() - timedelta(minutes=10)
        reading_open(assignment=assignment, language=employee.preferred_language, now=opened)
        if role == "hr":
            continue  # HR still has it to acknowledge: the API's reading and acknowledge operations have work to do
        feedback[role] = feedback_create(assignment=assignment, kind="question", text=f"Question de {role}").pk
        reading_end_reached(assignment=assignment, now=opened + timedelta(minutes=3))
        ack, _created = acknowledgement_record(
            assignment=assignment,
            typed_name=employee.full_name,
            consented=True,
            ip_address="203.0.113.7",
            user_agent="pytest/1.0",
            auth_method="session",
            login_at=timezone.now(),
        )
        receipts[role] = ack.pk

    submissions = {
        role: review.submission_create(
            author=employee.user, text=f"Brouillon de {role} pour LinkedIn.", lang="fr", max_chars=10_000
        ).pk
        for role, employee in personas.items()
    }
    export, _created = evidence_export_request(version=v1, by=personas["legal"].user)
    return {
        "charters": {"in-force": [1, 2], "in-review": [1], "approved": [1]},
        "in_force": ("in-force", 1),
        "draft": ("in-force", draft.number),
        "receipts": receipts,
        "feedback": feedback,
        "submissions": submissions,
        "exports": [export.pk],
    }


def crowd(count: int, *, departments: list[Department], prefix: str = "crowd") -> list[Employee]:
    """``count`` active employees in two bulk inserts (a company of thousands in a test), spread over
    ``departments`` in turn; person n is "First<n> Last<n>", e-mail <prefix>.<n>@example.org."""
    users = get_user_model().objects.bulk_create(
        [
            get_user_model()(
                username=f"{prefix}.{n}@example.org",
                email=f"{prefix}.{n}@example.org",
                first_name=f"First{n:04d}",
                last_name=f"Last{n:04d}",
            )
            for n in range(count)
        ]
    )
    return Employee.objects.bulk_create(
        [
            Employee(user=user, employee_id=f"{prefix.upper()}{n:05d}", department=departments[n % len(departments)])
            for n, user in enumerate(users)
        ]
    )
