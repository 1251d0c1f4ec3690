"""The employee's journey and HR's dashboard, through the pages, in English and French."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from charters.acknowledgements.services import campaign_start, feedback_create
from charters.models import Acknowledgement, Assignment, LedgerEntry, Quiz, QuizChoice, QuizQuestion
from tests.charters.conftest import acknowledge, read_through
from tests.charters.test_acknowledgement_campaigns import _new_version

EN = {"HTTP_ACCEPT_LANGUAGE": "en"}
pytestmark = pytest.mark.usefixtures("no_reading_minimum")


def _urls(version):
    kwargs = {"slug": version.charter.slug, "number": version.number}
    return {
        "read": reverse("charters:ack-read", kwargs=kwargs),
        "end": reverse("charters:ack-end-reached", kwargs=kwargs),
        "feedback": reverse("charters:ack-feedback", kwargs=kwargs),
        "quiz": reverse("charters:ack-quiz", kwargs=kwargs),
        "campaign": reverse("charters:campaign-detail", kwargs=kwargs),
        "export": reverse("charters:campaign-export", kwargs=kwargs),
    }


def test_home_card_leads_to_the_reading_page(campaign, employee_bob, as_user):
    home = as_user(employee_bob).get(reverse("home"), **EN).content.decode()
    assert "To do: acknowledge Petite charte v1" in home
    assert _urls(campaign.version)["read"] in home


def test_english_reader_gets_the_translation_a_link_to_french_and_no_form_before_the_end(
    campaign, employee_emma_en, as_user
):
    client = as_user(employee_emma_en)
    page = client.get(_urls(campaign.version)["read"], **EN).content.decode()
    assert "Never publish internal information." in page
    assert "Read the authoritative French text" in page
    assert 'id="acknowledge" aria-labelledby="acknowledge-title"' in page and " hidden>" in page
    assert "I have read the text to the end" in page
    assignment = Assignment.objects.get(campaign=campaign, employee=employee_emma_en)
    assert assignment.opened_at is not None and assignment.opened_language == "en"
    assert LedgerEntry.objects.filter(event="viewed", employee_id=employee_emma_en.pk).count() == 1
    # the French reader gets the French text
    french = client.get(_urls(campaign.version)["read"] + "?lang=fr", **EN).content.decode()
    assert "Ne publiez aucune information interne." in french


def test_acknowledging_before_the_end_is_refused_then_the_beacon_opens_the_form(campaign, employee_bob, as_user):
    client = as_user(employee_bob)
    urls = _urls(campaign.version)
    client.get(urls["read"], **EN)
    refused = client.post(urls["read"], {"consent": "on", "typed_name": "Bob Test"}, **EN)
    assert refused.status_code == 400 and "Read the text to the end" in refused.content.decode()
    beacon = client.post(urls["end"], HTTP_X_REQUESTED_WITH="fetch")
    assert beacon.status_code == 204
    page = client.get(urls["read"], **EN).content.decode()
    assert "I acknowledge this charter" in page and "I have read the text to the end" not in page


def test_full_journey_gives_a_receipt_and_a_double_submit_returns_it(campaign, employee_bob, as_user):
    # given
    client = as_user(employee_bob)
    urls = _urls(campaign.version)
    client.get(urls["read"], **EN)
    client.post(urls["end"], **EN)
    # when
    first = client.post(
        urls["read"],
        {"consent": "on", "typed_name": "bob test"},
        REMOTE_ADDR="198.51.100.4",
        HTTP_USER_AGENT="Firefox/140",
        **EN,
    )
    second = client.post(urls["read"], {"consent": "on", "typed_name": "bob test"}, **EN)
    # then
    ack = Acknowledgement.objects.get(employee=employee_bob)
    receipt_url = reverse("charters:ack-receipt", kwargs={"pk": ack.pk})
    assert first.status_code == 302 and first["Location"] == receipt_url
    assert second.status_code == 302 and second["Location"] == receipt_url
    assert ack.ip_address == "198.51.100.4" and ack.user_agent == "Firefox/140" and ack.auth_method == "session"
    receipt = client.get(receipt_url, **EN).content.decode()
    assert ack.text_sha256 in receipt and "You acknowledged Petite charte, version 1." in receipt
    history = client.get(reverse("charters:ack-history"), **EN).content.decode()
    assert receipt_url in history and "Nothing to acknowledge." in history
    assert "To do: acknowledge" not in client.get(reverse("home"), **EN).content.decode()


def test_the_wrong_name_is_refused_with_a_clear_message(campaign, employee_bob, as_user):
    client = as_user(employee_bob)
    urls = _urls(campaign.version)
    client.get(urls["read"])
    client.post(urls["end"])
    response = client.post(urls["read"], {"consent": "on", "typed_name": "Someone Else"}, **EN)
    assert response.status_code == 400
    assert "Type your name as it appears on your account: Bob Test" in response.content.decode()
    assert not Acknowledgement.objects.exists()


def test_an_old_sign_in_must_type_the_password(campaign, employee_bob, as_user, settings):
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    client = as_user(employee_bob)
    get_user_model().objects.filter(pk=employee_bob.user.pk).update(last_login=timezone.now() - timedelta(hours=3))
    urls = _urls(campaign.version)
    client.get(urls["read"])
    client.post(urls["end"])
    page = client.get(urls["read"], **EN).content.decode()
    assert "Your password (your sign-in is not recent)" in page
    refused = client.post(urls["read"], {"consent": "on", "typed_name": "Bob Test", "password": "nope"}, **EN)
    assert refused.status_code == 403 and "enter your password" in refused.content.decode()
    ok = client.post(
        urls["read"], {"consent": "on", "typed_name": "Bob Test", "password": "correct horse battery"}, **EN
    )
    assert ok.status_code == 302
    assert Acknowledgement.objects.get(employee=employee_bob).auth_method == "session+password"


def test_a_recent_sign_in_through_allauth_needs_no_password(campaign, employee_bob, client, settings):
    settings.ACK_REAUTH_AFTER_MINUTES = 30
    get_user_model().objects.filter(pk=employee_bob.user.pk).update(last_login=timezone.now() - timedelta(hours=3))
    client.post(reverse("account_login"), {"login": "bob@example.org", "password": "correct horse battery"})
    urls = _urls(campaign.version)
    client.get(urls["read"])
    client.post(urls["end"])
    assert "Your password (your sign-in is not recent)" not in client.get(urls["read"], **EN).content.decode()
    assert client.post(urls["read"], {"consent": "on", "typed_name": "Bob Test"}, **EN).status_code == 302


def test_an_sso_only_person_confirms_with_a_second_factor_instead_of_a_password(
    campaign, employee_bob, as_user, settings
):
    from tests.factories import totp_code, totp_provision

    settings.ACK_REAUTH_AFTER_MINUTES = 30
    user = employee_bob.user
    user.set_unusable_password()
    user.save()
    totp_provision(user=user)
    client = as_user(employee_bob)
    get_user_model().objects.filter(pk=user.pk).update(last_login=timezone.now() - timedelta(hours=3))
    urls = _urls(campaign.version)
    client.get(urls["read"])
    client.post(urls["end"])
    page = client.get(urls["read"], **EN).content.decode()
    assert "Your password" not in page and "Confirm with your authenticator app" in page
    refused = client.post(urls["read"], {"consent": "on", "typed_name": "Bob Test"}, **EN)
    assert refused.status_code == 403 and "confirm it is you" in refused.content.decode()
    reauth = client.post(reverse("mfa_reauthenticate") + "?next=" + urls["read"], {"code": totp_code(user)})
    assert reauth.status_code == 302 and reauth["Location"] == urls["read"]
    assert client.post(urls["read"], {"consent": "on", "typed_name": "Bob Test"}, **EN).status_code == 302


def test_the_ip_is_read_behind_trusted_proxies_only(campaign, employee_bob, employee_emma_en, as_user, settings):
    settings.TRUSTED_PROXIES = ["10.0.0.0/8"]
    for employee, remote in ((employee_bob, "10.0.0.5"), (employee_emma_en, "192.0.2.50")):
        client = as_user(employee)
        urls = _urls(campaign.version)
        client.get(urls["read"])
        client.post(urls["end"])
        client.post(
            urls["read"],
            {"consent": "on", "typed_name": employee.full_name},
            REMOTE_ADDR=remote,
            HTTP_X_FORWARDED_FOR="203.0.113.66, 198.51.100.23, 10.0.0.9",
        )
    assert Acknowledgement.objects.get(employee=employee_bob).ip_address == "198.51.100.23"
    assert Acknowledgement.objects.get(employee=employee_emma_en).ip_address == "192.0.2.50"


def test_what_changed_since_the_signed_version_comes_first(campaign, employee_bob, hr_alice, approver_victor, as_user):
    acknowledge(read_through(campaign.assignments.get(employee=employee_bob)))
    v2 = _new_version(campaign.version.charter, hr_alice, approver_victor, material=True)
    campaign_start(version=v2)
    page = as_user(employee_bob).get(_urls(v2)["read"], **EN).content.decode()
    assert "What changed since the version you signed (version 1)" in page
    assert page.index("What changed since") < page.index('class="charter-text"')
    assert "<ins>" in page


def test_decline_and_question_reach_hr_who_answers(campaign, employee_bob, employee_emma_en, hr_alice, as_user):
    urls = _urls(campaign.version)
    bob = as_user(employee_bob)
    bob.get(urls["read"])
    assert bob.post(urls["feedback"], {"kind": "question", "text": ""}, **EN).status_code == 400
    assert bob.post(urls["feedback"], {"kind": "question", "text": "Et mon compte perso ?"}).status_code == 302
    as_user(employee_emma_en).post(urls["feedback"], {"kind": "decline", "text": "I disagree with §2."})
    hr = as_user(hr_alice)
    dashboard = hr.get(urls["campaign"], **EN).content.decode()
    assert "Et mon compte perso ?" in dashboard and "I disagree with §2." in dashboard
    people = dashboard.split('id="people"')[1].split('id="feedback"')[0]
    assert people.count('<span class="badge">question</span>') == 1  # Bob's open question, in the list
    question = campaign.assignments.get(employee=employee_bob).feedback.get()
    hr.post(reverse("charters:feedback-answer", kwargs={"pk": question.pk}), {"answer": "Aussi concerné."})
    assert "Aussi concerné." in bob.get(urls["read"], **EN).content.decode()
    assert "Answer employees" not in hr.get(reverse("home"), **EN).content.decode()


def test_hr_dashboard_counts_filters_and_exports(
    campaign, employee_bob, employee_emma_en, hr_alice, as_user, django_assert_max_num_queries
):
    acknowledge(read_through(campaign.assignments.get(employee=employee_bob)))
    feedback_create(assignment=campaign.assignments.get(employee=employee_emma_en), kind="decline", text="Non.")
    Assignment.objects.filter(campaign=campaign, employee=hr_alice).update(
        due_on=timezone.localdate() - timedelta(days=2)
    )
    hr = as_user(hr_alice)
    # a fixed number, not one per person: 20, the header's count of unread notifications, the completion
    # over time and the reminders block (three)
    with django_assert_max_num_queries(24):
        page = hr.get(_urls(campaign.version)["campaign"], **EN).content.decode()
    total = campaign.assignments.count()
    assert f"1 of {total} acknowledged" in page
    assert "Completion by department" in page and 'class="bar-ok width-' in page
    overdue = hr.get(_urls(campaign.version)["campaign"] + "?status=overdue", **EN).content.decode()
    assert (
        hr_alice.full_name in overdue
        and employee_bob.full_name not in overdue.split('id="people"')[1].split('id="feedback"')[0]
    )
    export = hr.get(_urls(campaign.version)["export"], **EN)
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:4] == ["Employee ID", "Name", "Department", "Status"]
    statuses = {row[1]: row[3] for row in rows[1:]}
    assert statuses[employee_bob.full_name] == "acknowledged"
    assert statuses[employee_emma_en.full_name] == "declined"
    assert statuses[hr_alice.full_name] == "overdue"
    history = hr.get(reverse("charters:campaign-employee", kwargs={"pk": employee_bob.pk}), **EN).content.decode()
    assert "203.0.113.7" in history and "Petite charte v1" in history


def test_people_who_left_no_longer_count_on_the_dashboard(campaign, employee_bob, hr_alice, as_user):
    from policy_portal.models import Employee

    before = as_user(hr_alice).get(_urls(campaign.version)["campaign"], **EN).content.decode()
    total = campaign.assignments.count()
    assert f"0 of {total} acknowledged" in before
    Employee.objects.filter(pk=employee_bob.pk).update(status="left", left_on=timezone.localdate())
    after = as_user(hr_alice).get(_urls(campaign.version)["campaign"], **EN).content.decode()
    assert f"0 of {total - 1} acknowledged" in after


def test_hr_moves_the_deadline_from_the_dashboard(campaign, hr_alice, legal_carol, as_user):
    later = campaign.deadline + timedelta(days=10)
    data = {"deadline": later.isoformat(), "consent_text": "", "min_reading_seconds": ""}
    assert (
        as_user(legal_carol)
        .post(reverse("charters:campaign-update", kwargs={"slug": "small", "number": 1}), data)
        .status_code
        == 403
    )
    response = as_user(hr_alice).post(reverse("charters:campaign-update", kwargs={"slug": "small", "number": 1}), data)
    assert response.status_code == 302
    campaign.refresh_from_db()
    assert campaign.deadline == later


def _quiz(version):
    quiz = Quiz.objects.create(version=version, pass_mark=100)
    question = QuizQuestion.objects.create(
        quiz=quiz,
        text_fr="Peut-on publier un chiffre interne ?",
        text_en="May you publish an internal figure?",
        explanation_en="See §2 Confidentiality.",
    )
    right = QuizChoice.objects.create(question=question, text_fr="Non", text_en="No", is_correct=True)
    wrong = QuizChoice.objects.create(question=question, text_fr="Oui", text_en="Yes")
    return question, right, wrong


def test_a_failed_quiz_explains_and_a_passed_one_is_in_the_evidence(campaign, employee_emma_en, as_user):
    question, right, wrong = _quiz(campaign.version)
    client = as_user(employee_emma_en)
    urls = _urls(campaign.version)
    client.get(urls["read"])
    client.post(urls["end"])
    page = client.get(urls["read"], **EN).content.decode()
    assert "Answer the questions" in page and "I acknowledge this charter" not in page
    failed = client.post(urls["quiz"], {f"q{question.pk}": wrong.pk}, **EN).content.decode()
    assert "read the text again" in failed and "See §2 Confidentiality." in failed
    assert client.post(urls["quiz"], {f"q{question.pk}": right.pk}).status_code == 302
    client.post(urls["read"], {"consent": "on", "typed_name": "Emma Test"})
    ack = Acknowledgement.objects.get(employee=employee_emma_en)
    assert ack.quiz_passed is True and ack.quiz_score == 100


def test_someone_outside_the_audience_has_nothing_to_acknowledge(published_small, outsider_dave, as_user):
    campaign_start(version=published_small)
    response = as_user(outsider_dave).get(_urls(published_small)["read"])
    assert response.status_code == 404


def test_french_employee_journey_in_a_french_interface(campaign, employee_bob, as_user):
    client = as_user(employee_bob)
    urls = _urls(campaign.version)
    page = client.get(urls["read"], HTTP_ACCEPT_LANGUAGE="fr")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<html lang="fr">' in html and '<article class="charter-text" lang="fr">' in html
    assert "Ne publiez aucune information interne." in html and "?lang=en" in html
    client.post(urls["end"], HTTP_ACCEPT_LANGUAGE="fr")
    done = client.post(
        urls["read"], {"consent": "on", "typed_name": "BOB TEST"}, HTTP_ACCEPT_LANGUAGE="fr", follow=True
    )
    assert done.status_code == 200 and Acknowledgement.objects.get(employee=employee_bob).language == "fr"
    assert Acknowledgement.objects.get(employee=employee_bob).text_sha256 in done.content.decode()


def test_the_csv_export_neutralises_spreadsheet_formulas(campaign, hr_alice, employee_bob, as_user):
    from django.contrib.auth import get_user_model

    get_user_model().objects.filter(pk=employee_bob.user.pk).update(first_name="=HYPERLINK(1)")
    export = as_user(hr_alice).get(_urls(campaign.version)["export"], **EN)
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode("utf-8-sig"))))
    assert "'=HYPERLINK(1) Test" in [row[1] for row in rows]


def test_the_french_export_opens_cleanly_in_french_excel(campaign, employee_bob, hr_alice, as_user):

    raw = b"".join(
        as_user(hr_alice).get(_urls(campaign.version)["export"], HTTP_ACCEPT_LANGUAGE="fr").streaming_content
    )
    # a UTF-8 byte-order mark (accents survive), ";" as French Excel expects, statuses in words
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:4] == ["Matricule", "Nom", "Service", "Statut"]
    assert rows[1:] and {row[3] for row in rows[1:]} <= {"à faire", "en retard", "signée", "refusée"}
    assert "pending" not in raw.decode("utf-8-sig")


def test_the_evidence_records_the_language_of_the_page_the_form_was_on(campaign, employee_emma_en, as_user):
    from charters.hashing import text_sha256

    client = as_user(employee_emma_en)
    urls = _urls(campaign.version)
    client.get(urls["read"])  # opened in English
    client.post(urls["end"])
    page = client.get(urls["read"] + "?lang=fr", **EN).content.decode()  # then switched to the French text
    assert '<input type="hidden" name="lang" value="fr">' in page
    client.post(urls["read"], {"consent": "on", "typed_name": "Emma Test", "lang": "fr"})
    ack = Acknowledgement.objects.get(employee=employee_emma_en)
    assert ack.language == "fr" and ack.text_sha256 == text_sha256(campaign.version.body_fr)


def test_hr_writes_the_quiz_and_cannot_change_it_once_answered(campaign, hr_alice, employee_emma_en, as_user):
    hr = as_user(hr_alice)
    url = reverse("charters:quiz-edit", kwargs={"slug": "small", "number": 1})
    refused = hr.post(url, {"text_fr": "Question ?", "choices": "Oui | Yes\nNon | No", "pass_mark": 100}, **EN)
    assert refused.status_code == 400 and "one of them right" in refused.content.decode()
    data = {
        "text_fr": "Peut-on publier un chiffre interne ?",
        "text_en": "May you publish an internal figure?",
        "choices": "Oui | Yes\n*Non | No",
        "explanation_en": "See §2.",
        "pass_mark": 100,
    }
    assert hr.post(url, data).status_code == 302
    question = QuizQuestion.objects.get()
    assert question.quiz.pass_mark == 100
    assert [(c.text_en, c.is_correct) for c in question.choices.all()] == [("Yes", False), ("No", True)]
    assert "May you publish an internal figure?" in hr.get(url, **EN).content.decode()
    # once someone answered, the questions are evidence
    from charters.acknowledgements.services import quiz_attempt_record

    quiz_attempt_record(assignment=campaign.assignments.get(employee=employee_emma_en), answers={})
    delete = reverse("charters:quiz-question-delete", kwargs={"slug": "small", "number": 1, "pk": question.pk})
    assert hr.post(delete, **EN).status_code == 409
    assert QuizQuestion.objects.filter(pk=question.pk).exists()


def test_the_reading_page_of_an_overdue_charter_does_not_ask_to_sign_before_a_past_date(
    campaign, employee_bob, as_user
):
    from datetime import timedelta

    from django.utils import timezone

    assignment = campaign.assignments.get(employee=employee_bob)
    url = _urls(campaign.version)["read"]
    assert "puis de la signer avant le" in as_user(employee_bob).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    type(assignment).objects.filter(pk=assignment.pk).update(due_on=timezone.localdate() - timedelta(days=3))
    html = as_user(employee_bob).get(url, HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert "elle était à signer avant le" in html and "puis de la signer avant le" not in html
