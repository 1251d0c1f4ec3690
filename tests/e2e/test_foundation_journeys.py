"""In a real browser: signing in, switching language, HR's directory import, accessibility."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CSV = (
    "employee_id;first_name;last_name;email;department\n"
    "Z1;Zoé;Lambert;zoe.lambert@acme.example;Ventes\n"
    "Z2;Yanis;Robin;yanis.robin@acme.example;Ventes\n"
)


def test_an_employee_signs_in_with_the_keyboard_and_switches_to_english(page, employee_bob):
    sign_in(page, "bob@example.org")
    expect(page.get_by_role("heading", name="Ce que vous avez à faire")).to_be_visible()
    assert_accessible(page, "home (fr)")
    # one keyboard action switches the language (no separate select and confirm)
    page.get_by_role("button", name="English").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="What you have to do")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "en")


def test_hr_imports_a_directory_file_and_sees_the_counts(page, hr_alice, tmp_path):
    csv_path = tmp_path / "export.csv"
    csv_path.write_text(CSV, encoding="utf-8")
    sign_in(page, "alice.hr@example.org")
    page.get_by_role("link", name="Annuaire", exact=True).click()
    assert_accessible(page, "directory")
    page.get_by_role("link", name="Importer un export du SIRH").click()
    page.get_by_label("Export du SIRH (CSV)").set_input_files(str(csv_path))
    page.get_by_label("Ce fichier est l'annuaire complet").uncheck()
    page.get_by_role("button", name="Importer").click()
    expect(page.get_by_text("2 salariés créés")).to_be_visible()
    assert_accessible(page, "directory import")


def test_the_login_page_is_accessible(page, db):
    page.goto(page.base_url + "/accounts/login/")
    assert_accessible(page, "login")
