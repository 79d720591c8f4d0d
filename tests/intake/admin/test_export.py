"""CSV and XLSX export: formula values neutralised, refused without the permission, recorded."""

import csv
import io
from urllib.parse import urlencode

import openpyxl
import pytest
from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from contact.models import RequestEvent
from contact.review.exports import neutralise_formula
from tests.factories.consultations import ConsultationRequestFactory
from tests.factories.users import UserFactory
from tests.security.helpers import force_login_verified

pytestmark = pytest.mark.django_db

DANGEROUS = {
    "name": "=HYPERLINK(\"http://evil.example\",\"click\")",
    "preferred_name": "+SUM(1,2)",
    "pronouns": "-2+3",
    "insurance_carrier": "@cmd",
    "message": "\t=1+1",
    "guardian_name": "\r=2+2",
}


def export(client, export_format, **params):
    response = client.get(reverse("consultation_requests:index") + "?" + urlencode({"export": export_format, **params}))
    assert response.status_code == 200
    return response


def csv_rows(response):
    content = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(content)))


def xlsx_rows(response):
    workbook = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    headings, *rows = [[cell.value for cell in row] for row in sheet.iter_rows()]
    return [dict(zip(headings, row, strict=True)) for row in rows], sheet


@pytest.mark.parametrize("value", ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"])
def test_values_a_spreadsheet_would_run_get_a_quote_in_front(value):
    assert neutralise_formula(value) == "'" + value


@pytest.mark.parametrize("value", ["Maria", "", "1+1", " =not first", 42, None])
def test_other_values_are_left_alone(value):
    assert neutralise_formula(value) == value


def test_csv_export_neutralises_formula_values(client, coordinator_user):
    ConsultationRequestFactory(**DANGEROUS, phone="+17135550142", available_days=["mon", "wed"], voicemail_ok=False)
    force_login_verified(client, coordinator_user)

    [row] = csv_rows(export(client, "csv"))

    assert row["Name"] == "'" + DANGEROUS["name"]
    assert row["Preferred name"] == "'+SUM(1,2)"
    assert row["Pronouns"] == "'-2+3"
    assert row["Insurance carrier"] == "'@cmd"
    assert row["Message"] == "'\t=1+1"
    assert row["Parent or guardian"] == "'\r=2+2"
    assert row["Phone"] == "(713) 555-0142"
    assert (row["Days"], row["Voicemail OK"], row["Status"]) == ("Monday, Wednesday", "No", "New")
    assert not any(value.startswith(("=", "+", "-", "@", "\t", "\r")) for value in row.values())


def test_xlsx_export_neutralises_formula_values_and_holds_no_formula_cells(client, coordinator_user):
    ConsultationRequestFactory(**DANGEROUS)
    force_login_verified(client, coordinator_user)

    [row], sheet = xlsx_rows(export(client, "xlsx"))

    assert row["Name"] == "'" + DANGEROUS["name"]
    assert row["Preferred name"] == "'+SUM(1,2)"
    assert row["Insurance carrier"] == "'@cmd"
    assert all(cell.data_type != "f" for line in sheet.iter_rows() for cell in line)


def test_export_holds_the_filtered_list_only(client, coordinator_user):
    ConsultationRequestFactory(name="Out Of State", in_texas=False)
    ConsultationRequestFactory(name="In Houston")
    ConsultationRequestFactory(name="Spammer", status="spam")
    force_login_verified(client, coordinator_user)

    assert [row["Name"] for row in csv_rows(export(client, "csv", flags="out_of_area"))] == ["Out Of State"]
    assert sorted(row["Name"] for row in csv_rows(export(client, "csv"))) == ["In Houston", "Out Of State"]


def test_export_is_refused_without_the_export_permission(client, clinician_user):
    ConsultationRequestFactory(name="Private Person", assigned_to=clinician_user)
    force_login_verified(client, clinician_user)
    for export_format in ["csv", "xlsx"]:
        response = client.get(reverse("consultation_requests:index") + f"?export={export_format}")
        assert (response.status_code, response.get("Location")) in {(403, None), (302, "/admin/")}
        assert "attachment" not in response.get("Content-Disposition", "")
    assert not RequestEvent.objects.filter(action=RequestEvent.Action.EXPORTED).exists()


def test_each_exported_request_records_who_exported_it(client, coordinator_user):
    exported = ConsultationRequestFactory(in_texas=False)
    not_exported = ConsultationRequestFactory()
    force_login_verified(client, coordinator_user)

    csv_rows(export(client, "csv", flags="out_of_area"))
    xlsx_rows(export(client, "xlsx", flags="out_of_area"))

    events = RequestEvent.objects.filter(action=RequestEvent.Action.EXPORTED)
    assert sorted(events.values_list("consultation_id", "actor_id", "detail")) == [
        (exported.pk, coordinator_user.pk, "CSV export"),
        (exported.pk, coordinator_user.pk, "XLSX export"),
    ]
    assert not not_exported.events.exists()


def test_user_with_export_permission_but_no_triage_exports_only_their_own(client):
    clinician = UserFactory(groups=["Clinicians"])
    clinician.user_permissions.add(Permission.objects.get(codename="export_consultationrequest"))
    ConsultationRequestFactory(name="Mine", assigned_to=clinician)
    ConsultationRequestFactory(name="Not Mine")
    force_login_verified(client, clinician)
    assert [row["Name"] for row in csv_rows(export(client, "csv"))] == ["Mine"]


def test_export_query_count_does_not_grow_with_rows(client, coordinator_user, django_assert_num_queries):
    staff = UserFactory(groups=["Clinicians"])
    ConsultationRequestFactory(assigned_to=staff)
    force_login_verified(client, coordinator_user)
    csv_rows(export(client, "csv"))
    with CaptureQueriesContext(connection) as one_row:
        csv_rows(export(client, "csv"))

    ConsultationRequestFactory.create_batch(20, assigned_to=staff)
    with django_assert_num_queries(len(one_row.captured_queries)):
        assert len(csv_rows(export(client, "csv"))) == 21
