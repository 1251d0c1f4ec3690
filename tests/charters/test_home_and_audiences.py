"""Home-page cards, audiences (what acknowledgements build on) and every page rendering for HR."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.urls import reverse

from charters import selectors, services
from charters.models import Charter
from policy_portal.roles import Role
from tests.factories import DepartmentFactory, person

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}


def test_hr_home_lists_the_draft_and_pending_legal_steps(small_charter, hr_alice, as_user):
    html = as_user(hr_alice).get(reverse("home"), **EN).content.decode()
    assert "Finish the draft of Petite charte v1" in html
    assert "Labour-law steps of Petite charte v1" in html


def test_approver_home_lists_versions_waiting_for_approval_but_not_their_own(small_charter, hr_alice, approver_victor):
    services.charter_version_submit(version=small_charter.versions.get(), by=hr_alice.user)
    assert [t.title for t in selectors.charter_tasks_for(approver_victor.user)] == ["Review Petite charte v1"]
    assert selectors.charter_tasks_for(person(None, first_name="Zoé", email="z@example.org").user) == []


def test_approved_version_card_sends_hr_to_a_page_they_may_open(small_charter, hr_alice, approver_victor, as_user):
    version = small_charter.versions.get()
    services.charter_version_submit(version=version, by=hr_alice.user)
    services.charter_version_approve(version=version, by=approver_victor.user)
    task = next(t for t in selectors.charter_tasks_for(hr_alice.user) if t.title.startswith("Publish"))
    assert as_user(hr_alice).get(task.url).status_code == 200


def test_audiences_by_department_and_by_role(hr_alice, employee_bob, published_small):
    sales = DepartmentFactory(code="sales", name="Sales")
    seller = person(None, first_name="Sacha", email="sacha@example.org", department=sales)
    spokes = person(Role.SPOKESPERSON, first_name="Sam", email="sam@example.org")
    by_department = services.charter_create(
        name="Ventes", slug="ventes", by=hr_alice.user, audience=Charter.Audience.DEPARTMENTS, departments=[sales]
    )
    by_role = services.charter_create(
        name="Porte-parole",
        slug="porte-parole",
        by=hr_alice.user,
        audience=Charter.Audience.ROLES,
        roles=[Role.SPOKESPERSON],
    )
    assert list(selectors.charter_audience(by_department)) == [seller]
    assert list(selectors.charter_audience(by_role)) == [spokes]
    assert selectors.charter_applies_to(by_role, spokes) and not selectors.charter_applies_to(by_role, employee_bob)
    # the department's charter applies to Sacha, but is not listed before a version is published
    assert set(selectors.charter_list_for_user(seller.user)) == {published_small.charter}
    assert set(selectors.charter_list_for_user(hr_alice.user)) >= {by_department, by_role}
    assert selectors.charter_versions_in_force_for(employee_bob) == [published_small]
    # the charter's page names who it is for, not just "some departments"
    assert selectors.charter_audience_names(by_department) == ["Sales"]
    assert selectors.charter_audience_names(by_role) == ["Spokesperson"]


def test_every_charter_page_renders_for_hr_and_approver(published_small, hr_alice, approver_victor, as_user):
    approver_victor.user.groups.add(Group.objects.get(name=Role.APPROVER))
    v2 = services.charter_version_start(charter=published_small.charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, body_fr=v2.body_fr + "\n## 3 Sanctions\nTexte.")
    services.charter_version_submit(version=v2, by=hr_alice.user)
    hr, approver = as_user(hr_alice), as_user(approver_victor)
    kwargs = {"slug": "small", "number": 2}
    for client, url in [
        (hr, reverse("charters:charter-list")),
        (hr, reverse("charters:charter-create")),
        (hr, reverse("charters:charter-detail", kwargs={"slug": "small"})),
        (hr, reverse("charters:version-edit", kwargs=kwargs)),
        (hr, reverse("charters:version-steps", kwargs=kwargs)),
        (hr, reverse("charters:version-read", kwargs=kwargs)),
        (approver, reverse("charters:version-review", kwargs=kwargs)),
    ]:
        response = client.get(url, **EN)
        assert response.status_code == 200, url
    review = approver.get(reverse("charters:version-review", kwargs=kwargs), **EN).content.decode()
    assert "Changes since version 1" in review and "<ins>" in review
    assert (
        "Only drafts can be edited." in hr.get(reverse("charters:version-edit", kwargs=kwargs), **EN).content.decode()
    )


def test_minor_versions_carry_acknowledgements_over_from_the_last_material_one(
    published_small, hr_alice, approver_victor
):
    from tests.charters.conftest import publish

    charter = published_small.charter
    v2 = services.charter_version_start(charter=charter, by=hr_alice.user)
    services.charter_version_update(version=v2, by=hr_alice.user, material=False, body_fr=v2.body_fr + "\nCoquille.")
    services.charter_translation_save(version=v2, language="en", body=v2.translations.get().body, by=hr_alice.user)
    publish(v2, author=hr_alice.user, approver=approver_victor.user)
    v3 = services.charter_version_start(charter=charter, by=hr_alice.user)
    assert v3.material is True  # every new draft starts as material; HR lowers it on purpose
    v2.refresh_from_db()
    assert selectors.charter_version_baseline(v2) == published_small
    assert selectors.charter_version_baseline(published_small) == published_small
