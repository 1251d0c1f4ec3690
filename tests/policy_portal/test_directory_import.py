"""HR keeps the directory in sync with the HRIS export: good files, bad lines, re-imports."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from policy_portal.models import Employee
from policy_portal.roles import Role, roles_of
from policy_portal.services import DirectoryImportError, directory_import

GOOD = (
    "employee_id,first_name,last_name,email,department,manager_id,language,status,roles\n"
    "A1,Anne,Dupont,anne.dupont@acme.example,Direction,,fr,active,approver\n"
    "A2,Bruno,Martin,Bruno.Martin@acme.example,Ventes,A1,en,active,\n"
    "A3,Chloé,Petit,chloe.petit@acme.example,Ventes,A2,fr,active,hr;legal\n"
)


def _import(text: str, **kwargs):
    return directory_import(data=text.encode(), filename="hris.csv", source="command", **kwargs)


@pytest.mark.django_db
def test_a_good_file_creates_people_departments_managers_and_roles():
    result = _import(GOOD)
    assert (result.created, result.updated, result.deactivated) == (3, 0, 0)
    bruno = Employee.objects.get(employee_id="A2")
    assert bruno.user.email == "bruno.martin@acme.example"
    assert bruno.manager.employee_id == "A1"
    assert bruno.department.name == "Ventes"
    assert bruno.preferred_language == "en"
    chloe = Employee.objects.get(employee_id="A3")
    assert set(roles_of(chloe.user)) == {Role.EMPLOYEE, Role.HR, Role.LEGAL}


@pytest.mark.django_db
def test_importing_the_same_file_twice_changes_nothing():
    _import(GOOD)
    before = list(Employee.objects.order_by("pk").values("employee_id", "updated_at", "manager_id"))
    result = _import(GOOD)
    assert (result.created, result.updated, result.deactivated, result.unchanged) == (0, 0, 0, 3)
    assert list(Employee.objects.order_by("pk").values("employee_id", "updated_at", "manager_id")) == before


@pytest.mark.django_db
def test_a_file_with_bad_lines_is_refused_whole_with_line_numbers_and_reasons():
    bad = GOOD + (
        "A4,,Leroy,not-an-email,Ventes,A1,de,active,wizard\n"
        "A5,Eve,Roux,eve@acme.example,Ventes,ZZ9,fr,active,\n"
        "A1,Anne,Bis,anne.bis@acme.example,Direction,,fr,active,\n"
    )
    with pytest.raises(DirectoryImportError) as caught:
        _import(bad)
    lines = dict(caught.value.errors)
    assert set(lines) == {5, 6, 7}
    assert "first_name" in lines[5] and "not-an-email" in lines[5] and "wizard" in lines[5]
    assert "ZZ9" in lines[6]
    assert "A1" in lines[7]
    assert Employee.objects.count() == 0


@pytest.mark.django_db
def test_people_missing_from_a_full_export_are_deactivated_and_cannot_sign_in():
    _import(GOOD)
    result = _import("\n".join(GOOD.splitlines()[:3]) + "\n")
    assert result.deactivated == 1
    chloe = Employee.objects.get(employee_id="A3")
    assert chloe.status == Employee.Status.LEFT and chloe.left_on is not None
    assert chloe.user.is_active is False


@pytest.mark.django_db
def test_a_partial_import_deactivates_nobody_and_status_left_deactivates_one():
    _import(GOOD)
    partial = "employee_id,first_name,last_name,email,status\nA2,Bruno,Martin,bruno.martin@acme.example,left\n"
    result = _import(partial, full_sync=False)
    assert (result.updated, result.deactivated) == (1, 0)
    assert Employee.objects.filter(status="active").count() == 2


@pytest.mark.django_db
def test_semicolon_separated_windows_1252_exports_from_french_spreadsheets_are_read():
    text = "employee_id;first_name;last_name;email\nB1;Hélène;Garçon;helene@acme.example\n"
    result = directory_import(data=text.encode("cp1252"), filename="rh.csv", source="command")
    assert result.created == 1
    assert Employee.objects.get().user.first_name == "Hélène"


@pytest.mark.django_db
def test_a_missing_column_is_named():
    with pytest.raises(DirectoryImportError) as caught:
        _import("employee_id,first_name,email\nX,Y,y@acme.example\n")
    assert "last_name" in caught.value.errors[0][1]


@pytest.mark.django_db
def test_the_command_reports_counts_then_bad_lines_with_file_and_line(tmp_path, capsys):
    path = tmp_path / "hris.csv"
    path.write_text(GOOD, encoding="utf-8")
    call_command("import_employees", str(path))
    assert "3 created" in capsys.readouterr().out
    path.write_text(GOOD + "A9,Zoe,Z,broken,,,,,\n", encoding="utf-8")
    with pytest.raises(CommandError):
        call_command("import_employees", str(path))
    assert "hris.csv:5:" in capsys.readouterr().err
    assert not Employee.objects.filter(employee_id="A9").exists()


@pytest.mark.django_db
def test_hr_uploads_an_export_and_sees_what_changed(as_user, hr_alice):
    client = as_user(hr_alice)
    upload = SimpleUploadedFile("hris.csv", GOOD.encode(), content_type="text/csv")
    response = client.post(reverse("directory-import"), {"file": upload, "full_sync": ""}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert "3 employees created" in response.content.decode()
    assert Employee.objects.filter(employee_id__in=["A1", "A2", "A3"]).count() == 3


@pytest.mark.django_db
def test_hr_sees_every_bad_line_and_nothing_is_imported(as_user, hr_alice):
    client = as_user(hr_alice)
    upload = SimpleUploadedFile("hris.csv", (GOOD + "A9,,,,\n").encode(), content_type="text/csv")
    response = client.post(reverse("directory-import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert "Line 5" in response.content.decode()
    assert not Employee.objects.filter(employee_id="A1").exists()


@pytest.mark.django_db
def test_the_import_api_answers_bad_lines_as_json(as_user, hr_alice):
    client = as_user(hr_alice)
    upload = SimpleUploadedFile("hris.csv", b"employee_id,first_name,last_name,email\nA1,A,B,nope\n")
    response = client.post(reverse("api:employee-import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["error"]["errors"] == [{"line": 2, "reason": "nope is not a valid e-mail address"}]
    upload.seek(0)
    french = client.post(reverse("api:employee-import"), {"file": upload}, HTTP_ACCEPT_LANGUAGE="fr")
    assert french.json()["error"]["errors"][0]["reason"] == "nope n'est pas une adresse e-mail valide"


@pytest.mark.django_db
def test_the_export_may_give_each_department_its_english_name_and_a_later_file_without_it_keeps_it():
    from policy_portal.models import Department

    _import(
        "employee_id,first_name,last_name,email,department,department_en\n"
        "A1,Anne,Dupont,anne.dupont@acme.example,Ventes,Sales\n"
    )
    assert Department.objects.values_list("name", "name_en").get(code="ventes") == ("Ventes", "Sales")
    _import(GOOD)  # no department_en column
    assert Department.objects.get(code="ventes").name_en == "Sales"
