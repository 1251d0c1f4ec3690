"""Campaigns: started when a version takes effect, audiences, deadlines, carry-over, new hires."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from charters import services
from charters.acknowledgements import selectors as ack_selectors
from charters.acknowledgements.services import campaign_start, campaign_update, campaigns_ensure
from charters.models import Assignment, Campaign
from policy_portal.errors import ApplicationError, PermissionDenied
from policy_portal.models import Employee
from policy_portal.services import directory_import
from tests.charters.conftest import acknowledge, publish, read_through


def test_publishing_a_version_in_force_starts_its_campaign_after_commit(
    small_charter, hr_alice, approver_victor, employee_bob, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        version = publish(small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user)
    # then
    campaign = Campaign.objects.get(version=version)
    assert campaign.deadline == timezone.localdate() + timedelta(days=30)
    assigned = set(campaign.assignments.values_list("employee_id", flat=True))
    assert {employee_bob.pk, hr_alice.pk, approver_victor.pk} <= assigned
    assert campaign.assignments.filter(status="pending").count() == len(assigned)


def test_a_future_version_starts_its_campaign_when_the_scheduled_activation_runs(
    small_charter, hr_alice, approver_victor, employee_bob, django_capture_on_commit_callbacks
):
    tomorrow = timezone.localdate() + timedelta(days=1)
    version = publish(
        small_charter.versions.get(number=1), author=hr_alice.user, approver=approver_victor.user, effective=tomorrow
    )
    assert not Campaign.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        services.charter_versions_activate_due(today=tomorrow)
    assert Campaign.objects.get(version=version).assignments.filter(employee=employee_bob).exists()


def test_starting_twice_gives_the_same_campaign_and_the_safety_net_starts_missing_ones(published_small, employee_bob):
    assert campaigns_ensure() == 1
    first = Campaign.objects.get()
    assert campaign_start(version=published_small) == first
    assert campaigns_ensure() == 0
    assert first.assignments.filter(employee=employee_bob).count() == 1


def test_people_who_left_are_not_assigned(published_small, employee_bob):
    Employee.objects.filter(pk=employee_bob.pk).update(status="left", left_on=timezone.localdate())
    campaign = campaign_start(version=published_small)
    assert not campaign.assignments.filter(employee=employee_bob).exists()


def test_hr_moves_the_deadline_and_assignments_follow(campaign, hr_alice, employee_bob):
    later = campaign.deadline + timedelta(days=15)
    with pytest.raises(PermissionDenied):
        campaign_update(
            campaign=campaign, by=employee_bob.user, deadline=later, consent_text="", min_reading_seconds=None
        )
    with pytest.raises(ApplicationError):
        campaign_update(
            campaign=campaign,
            by=hr_alice.user,
            deadline=timezone.localdate() - timedelta(days=9),
            consent_text="",
            min_reading_seconds=None,
        )
    campaign_update(campaign=campaign, by=hr_alice.user, deadline=later, consent_text=" Lu. ", min_reading_seconds=5)
    campaign.refresh_from_db()
    assert campaign.deadline == later and campaign.consent_text == "Lu." and campaign.min_reading_seconds == 5
    assert set(campaign.assignments.values_list("due_on", flat=True)) == {later}


def _new_version(charter, hr, approver, *, material: bool):
    version = services.charter_version_start(charter=charter, by=hr.user)
    services.charter_version_update(
        version=version, by=hr.user, material=material, body_fr=version.body_fr + "\nAjout."
    )
    services.charter_translation_save(
        version=version, language="en", body=version.translations.get().body + "\nAdd.", by=hr.user
    )
    return publish(version, author=hr.user, approver=approver.user)


@pytest.mark.usefixtures("no_reading_minimum")
def test_minor_version_carries_acknowledgements_over_material_one_does_not(
    campaign, hr_alice, approver_victor, employee_bob, employee_emma_en
):
    # given Bob acknowledged v1, Emma did not
    acknowledge(read_through(campaign.assignments.get(employee=employee_bob)))
    # when a minor v2 takes effect
    v2 = _new_version(campaign.version.charter, hr_alice, approver_victor, material=False)
    c2 = campaign_start(version=v2)
    # then Bob is done through his v1 acknowledgement, Emma still has to acknowledge (v2), v1's campaign is closed
    bob = c2.assignments.get(employee=employee_bob)
    assert bob.status == "acknowledged" and bob.carried_over and bob.acknowledgement.version == campaign.version
    assert c2.assignments.get(employee=employee_emma_en).status == "pending"
    campaign.refresh_from_db()
    assert campaign.closed_at is not None
    assert not ack_selectors.assignment_pending_list_for(employee_bob).exists()
    assert [a.campaign for a in ack_selectors.assignment_pending_list_for(employee_emma_en)] == [c2]
    # and when a material v3 takes effect, everyone acknowledges again
    v3 = _new_version(campaign.version.charter, hr_alice, approver_victor, material=True)
    c3 = campaign_start(version=v3)
    assert c3.assignments.get(employee=employee_bob).status == "pending"


@pytest.mark.usefixtures("no_reading_minimum")
def test_an_acknowledgement_of_a_minor_version_carries_over_to_the_next_minor_one(
    campaign, hr_alice, approver_victor, employee_emma_en
):
    v2 = _new_version(campaign.version.charter, hr_alice, approver_victor, material=False)
    c2 = campaign_start(version=v2)
    acknowledge(read_through(c2.assignments.get(employee=employee_emma_en)))
    v3 = _new_version(campaign.version.charter, hr_alice, approver_victor, material=False)
    c3 = campaign_start(version=v3)
    assert c3.assignments.get(employee=employee_emma_en).acknowledgement.version == v2


def test_new_hires_from_the_directory_sync_get_the_open_campaign_on_arrival(campaign):
    csv = (
        "employee_id,first_name,last_name,email,department,language,status\n"
        "N1,Nina,Nouvelle,nina@acme.example,Ventes,fr,active\n"
    )
    result = directory_import(data=csv.encode(), filename="hris.csv", source="command", full_sync=False)
    nina = Employee.objects.get(employee_id="N1")
    assert result.new_employee_ids == [nina.pk]
    assignment = Assignment.objects.get(campaign=campaign, employee=nina)
    assert assignment.status == "pending"
    assert assignment.due_on == timezone.localdate() + timedelta(days=30)


def test_a_dry_run_of_the_directory_sync_assigns_nobody(campaign):
    csv = "employee_id,first_name,last_name,email\nN2,Noé,Neuf,noe@acme.example\n"
    directory_import(data=csv.encode(), filename="hris.csv", source="command", full_sync=False, dry_run=True)
    assert not Employee.objects.filter(employee_id="N2").exists()
    assert not Assignment.objects.filter(employee__employee_id="N2").exists()


def test_the_periodic_job_assigns_people_who_joined_the_audience_later(campaign):
    from charters.tasks import run_acknowledgement_reminders
    from tests.factories import person

    # given someone entered by hand after the campaign started (no directory sync)
    newcomer = person(None, first_name="Léa", email="lea@example.org")
    assert not Assignment.objects.filter(employee=newcomer).exists()
    # when the daily job runs (twice)
    run_acknowledgement_reminders()
    run_acknowledgement_reminders()
    # then she has one assignment, due in the usual delay
    assignment = Assignment.objects.get(campaign=campaign, employee=newcomer)
    assert assignment.status == "pending" and assignment.due_on == timezone.localdate() + timedelta(days=30)
