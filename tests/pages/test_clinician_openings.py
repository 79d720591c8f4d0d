"""A clinician's openings: shown on their page per format and age group, and set by editors on the page, with
PostgreSQL holding the rules (one row per format and age group, an expected month only when not open)."""

import re
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from practice_site.core.models import PracticeSettings
from practice_site.pages.models import ClinicianOpening, ClinicianPage, LicenseType
from tests.factories.pages import ClinicianFactory, StandardPageFactory, TeamIndexFactory

pytestmark = pytest.mark.django_db


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html))


@pytest.fixture
def team(home_page):
    practice = PracticeSettings.load()
    practice.consultation_page = StandardPageFactory(parent=home_page, title="Contact", slug="contact")
    practice.save()
    return TeamIndexFactory(parent=home_page)


def test_the_page_lists_each_opening_with_its_note_and_expected_month(client, team):
    clinician = ClinicianFactory(parent=team, title="Rosa Diaz", ages_served=["teens", "adults"], openings=[
        ClinicianOpening(session_format="in_person", age_group="adults", status="open", note="Evenings only"),
        ClinicianOpening(session_format="telehealth", age_group="adults", status="waitlist",
                         expected_open=date(2027, 3, 1), note="A short list"),
        ClinicianOpening(session_format="in_person", age_group="teens", status="closed"),
    ])
    html = client.get(clinician.url).content.decode()

    openings = text_of(html[html.index('<h2 id="openings-heading">'):html.index("</ul>", html.index("openings"))])
    assert openings == (
        "Openings for new clients "
        "In person, adults: Open to new clients. Evenings only "
        "Telehealth (video), adults: Waitlist, expected to open March 2027. A short list "
        "In person, teens (13 to 17): Not taking new clients "
    )
    assert '<p class="availability availability--open">Open to new clients</p>' in html
    assert "Request a free consultation" in html


def test_a_clinician_closed_everywhere_says_so_and_offers_no_consultation_button(client, team):
    clinician = ClinicianFactory(parent=team, title="Full Person", openings=[
        ClinicianOpening(session_format="telehealth", age_group="adults", status="closed",
                         expected_open=date(2027, 6, 1)),
    ])
    html = client.get(clinician.url).content.decode()
    assert '<p class="availability availability--closed">Not taking new clients</p>' in html
    assert "expected to open June 2027" in html
    assert "Request a free consultation" not in html

    clinician.openings.update(status="waitlist")
    html = client.get(clinician.url).content.decode()
    assert '<p class="availability availability--waitlist">Waitlist</p>' in html
    assert "Request a free consultation" in html


@pytest.mark.parametrize(
    ("fields", "constraint"),
    [
        ({"status": "maybe"}, "pages_opening_status_known"),
        ({"session_format": "carrier pigeon"}, "pages_opening_format_known"),
        ({"age_group": "everyone"}, "pages_opening_age_known"),
        ({"status": "open", "expected_open": date(2027, 3, 1)}, "pages_opening_expected_only_when_not_open"),
        ({"status": "closed", "expected_open": date(2027, 3, 14)}, "pages_opening_expected_is_a_month"),
    ],
)
def test_postgresql_refuses_rows_that_break_the_rules(team, fields, constraint):
    clinician = ClinicianFactory(parent=team, openings=[])
    row = {"session_format": "telehealth", "age_group": "adults", "status": "closed"} | fields
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        ClinicianOpening.objects.create(page=clinician, **row)


def test_postgresql_keeps_one_row_per_format_and_age_group(team):
    clinician = ClinicianFactory(parent=team)
    with pytest.raises(IntegrityError, match="pages_opening_one_per_format_and_age"), transaction.atomic():
        ClinicianOpening.objects.create(page=clinician, session_format="telehealth", age_group="adults")


@pytest.fixture
def editor(client, login_verified):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
    login_verified(client, user)
    return client


def clinician_form(openings):
    data = {
        "title": "Rosa Diaz", "slug": "rosa-diaz", "credentials": "LPC",
        "licenses": inline_formset([{"state": "TX", "license_type": LicenseType.LPC, "number": "70001",
                                     "verification_url": ""}], min=1),
        "supervisor_name": "", "biography": rich_text(""), "other_languages": "", "approaches": "",
        "in_person": "on", "telehealth": "on",
        "openings": inline_formset([{"expected_open": "", "note": "", **row} for row in openings]),
    }
    return nested_form_data(data) | {"languages": ["en"], "ages_served": ["adults"]}


def test_an_editor_sets_openings_on_the_page_with_a_month_picker(editor, team):
    url = reverse("wagtailadmin_pages:add", args=["pages", "clinicianpage", team.pk])
    form = editor.get(url).content.decode()
    assert re.search(r'<input type="month" name="openings-__prefix__-expected_open"[^>]*placeholder="YYYY-MM"', form)

    response = editor.post(url, clinician_form([
        {"session_format": "in_person", "age_group": "adults", "status": "open", "note": "Evenings only"},
        {"session_format": "telehealth", "age_group": "adults", "status": "waitlist", "expected_open": "2027-03"},
    ]) | {"action-publish": "1"})

    assert response.status_code == 302, response.content.decode()[:3000]
    clinician = ClinicianPage.objects.get(slug="rosa-diaz")
    assert [(row.session_format, row.status, row.expected_open, row.note) for row in clinician.openings.all()] == [
        ("in_person", "open", None, "Evenings only"),
        ("telehealth", "waitlist", date(2027, 3, 1), ""),
    ]


@pytest.mark.parametrize(
    ("openings", "message"),
    [
        ([{"session_format": "telehealth", "age_group": "adults", "status": "open", "expected_open": "2027-03"}],
         "An expected month is only for a waitlist or a closed row; this one is open now."),
        ([{"session_format": "telehealth", "age_group": "adults", "status": "closed", "expected_open": "soon"}],
         "Please give a month as year and month, for example 2027-03."),
        ([{"session_format": "telehealth", "age_group": "adults", "status": "open"},
          {"session_format": "telehealth", "age_group": "adults", "status": "closed"}],
         "Please correct the duplicate"),
        # The form below offers both formats to adults only; in person is switched off in the test.
        ([{"session_format": "in_person", "age_group": "adults", "status": "open"}],
         "This clinician does not offer these sessions (see Formats). Tick the format there, or remove this row."),
        ([{"session_format": "telehealth", "age_group": "teens", "status": "open"}],
         "This age group is not ticked under “Ages served”. Tick it there, or remove this row."),
    ],
)
def test_an_editors_mistake_is_explained_and_nothing_is_saved(editor, team, openings, message):
    url = reverse("wagtailadmin_pages:add", args=["pages", "clinicianpage", team.pk])
    data = clinician_form(openings)
    del data["in_person"]
    response = editor.post(url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not ClinicianPage.objects.filter(slug="rosa-diaz").exists()
