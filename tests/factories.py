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
