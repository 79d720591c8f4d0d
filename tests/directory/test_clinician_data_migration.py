"""pages.0007 carries every clinician's typed license and languages into the new structures, losing nothing;
the editor offers only the new fields and still insists on an associate's supervisor."""

import importlib

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.urls import reverse
from wagtail.models import Revision
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from practice_site.pages.models import ClinicianLicense, ClinicianPage, LicenseType
from tests.factories.migrations import latest, migrate
from tests.factories.pages import ClinicianFactory, TeamIndexFactory

pytestmark = pytest.mark.django_db

carry_over = importlib.import_module("practice_site.pages.migrations.0007_carry_over_clinician_text")

BEFORE = ("pages", "0006_directory_links")


@pytest.mark.parametrize(
    ("typed", "codes", "others"),
    [
        ("English, Spanish", ["en", "es"], ""),
        ("English, Tamil", ["en", "ta"], ""),
        ("Español; english / ASL", ["es", "en", "ase"], ""),
        ("English, Yoruba, Haitian Creole", ["en"], "Yoruba, Haitian Creole"),
        ("english, English", ["en"], ""),
        ("", [], ""),
    ],
)
def test_typed_languages_become_codes_and_the_rest_is_kept_as_typed(typed, codes, others):
    assert carry_over.convert_languages(typed) == (codes, others)


def test_the_typed_license_and_other_license_types_in_the_credentials_become_licenses():
    assert carry_over.convert_licenses("LPC-S, lmft, PhD", "LPC-S", "70412") == [
        {"state": "TX", "license_type": "LPC-S", "number": "70412"},
        {"state": "TX", "license_type": "LMFT", "number": ""},
    ]
    assert carry_over.convert_licenses("LPC Associate", "LPC Associate", "") == [
        {"state": "TX", "license_type": "LPC Associate", "number": ""},
    ]



def test_the_migration_keeps_every_clinicians_text_and_updates_their_revisions(home_page):
    team = TeamIndexFactory(parent=home_page)
    priya = ClinicianFactory(parent=team, title="Priya Raman", credentials="LPC Associate, PhD", licenses=[],
                             supervisor_name="Maya Castillo, LPC-S", approaches="CBT, ACT")
    priya.save_revision()
    plain = ClinicianFactory(parent=team, title="Sam Lee", credentials="", licenses=[])
    # Schema changes inside the test's transaction: the rows above must not leave constraint checks pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    try:
        old_apps = migrate([BEFORE])
        OldClinician = old_apps.get_model("pages", "ClinicianPage")
        OldClinician.objects.filter(pk=priya.pk).update(
            languages="English, Tamil, Sourashtra", license_type="LPC Associate", license_number="81234"
        )
        OldClinician.objects.filter(pk=plain.pk).update(languages="English", license_type="LMFT", license_number="")
        # A revision saved before the change, in the old fields' shape.
        revision = Revision.objects.filter(object_id=str(priya.pk)).latest("created_at")
        old_content = {key: value for key, value in revision.content.items() if key not in (
            "licenses", "ages_served", "concerns", "insurance_plans", "other_languages")}
        old_content.update(languages="English, Tamil, Sourashtra", license_type="LPC Associate",
                           license_number="81234")
        Revision.objects.filter(pk=revision.pk).update(content=old_content)
    finally:
        migrate(latest())

    priya = ClinicianPage.objects.get(pk=priya.pk)
    assert priya.languages == ["en", "ta"]
    assert priya.other_languages == "Sourashtra"
    assert priya.language_names == ["English", "Tamil", "Sourashtra"]
    assert [(lic.state, lic.license_type, lic.number) for lic in priya.licenses.all()] == [
        ("TX", "LPC Associate", "81234"),
    ]
    assert (priya.credentials, priya.supervisor_name, priya.approaches) == (
        "LPC Associate, PhD", "Maya Castillo, LPC-S", "CBT, ACT"
    )
    plain = ClinicianPage.objects.get(pk=plain.pk)
    assert (plain.languages, plain.other_languages) == (["en"], "")
    assert [(lic.license_type, lic.number) for lic in plain.licenses.all()] == [("LMFT", "")]

    # The editor opens the latest revision: it must hold the new shape too.
    from_revision = Revision.objects.get(pk=revision.pk).as_object()
    assert from_revision.languages == ["en", "ta"] and from_revision.other_languages == "Sourashtra"
    assert [lic.number for lic in from_revision.licenses.all()] == ["81234"]


@pytest.fixture
def editor(client, login_verified):
    user = get_user_model().objects.create_superuser("editor", "editor@example.com", "x")
    login_verified(client, user)
    return client


def clinician_form(**overrides):
    data = {
        "title": "Lee Associate", "slug": "lee-associate", "credentials": "LPC Associate",
        "licenses": inline_formset([{"state": "TX", "license_type": LicenseType.LPC_ASSOCIATE, "number": "80001",
                                     "verification_url": ""}], min=1),
        "supervisor_name": "", "biography": rich_text(""),
        "other_languages": "", "approaches": "", "in_person": "on", "telehealth": "on",
        "openings": inline_formset([{"session_format": "telehealth", "age_group": "adults", "status": "open",
                                     "expected_open": "", "note": ""}]),
    }
    data.update(overrides)
    # Several values under one name, as checkboxes send them (nested_form_data would number them).
    return nested_form_data(data) | {"languages": ["es", "en"], "ages_served": ["adults"]}


def test_the_editor_offers_licenses_and_language_choices_not_the_old_text(editor, home_page):
    team = TeamIndexFactory(parent=home_page)
    html = editor.get(reverse("wagtailadmin_pages:add", args=["pages", "clinicianpage", team.pk])).content.decode()
    assert 'name="licenses-0-number"' in html or 'name="licenses-__prefix__-number"' in html
    assert 'name="license_type"' not in html and 'name="license_number"' not in html
    assert 'type="checkbox" name="languages" value="es"' in html
    assert 'name="other_languages"' in html


def test_the_editor_insists_on_an_associates_supervisor(editor, home_page):
    team = TeamIndexFactory(parent=home_page)
    url = reverse("wagtailadmin_pages:add", args=["pages", "clinicianpage", team.pk])

    refused = editor.post(url, clinician_form())
    assert refused.status_code == 200
    assert "An associate’s page must name their supervisor." in refused.content.decode()
    assert not ClinicianPage.objects.filter(slug="lee-associate").exists()

    saved = editor.post(url, clinician_form(supervisor_name="Maya Castillo, LPC-S"))
    assert saved.status_code == 302
    clinician = ClinicianPage.objects.get(slug="lee-associate")
    assert clinician.languages == ["es", "en"]
    assert [(lic.license_type, lic.number) for lic in clinician.licenses.all()] == [("LPC Associate", "80001")]


def test_the_supervisor_rule_judges_the_licenses_as_edited_not_as_stored(editor, home_page):
    team = TeamIndexFactory(parent=home_page)
    associate = ClinicianFactory(
        parent=team, title="Lee Associate", slug="lee-associate", supervisor_name="Maya Castillo, LPC-S",
        licenses=[ClinicianLicense(license_type=LicenseType.LPC_ASSOCIATE, number="80001")], openings=[],
    )
    stored = associate.licenses.get()
    # Now fully licensed: the license changes and the supervisor goes in the same save.
    data = clinician_form(
        supervisor_name="",
        licenses=inline_formset([{"id": stored.pk, "state": "TX", "license_type": LicenseType.LPC, "number": "80001",
                                  "verification_url": ""}], initial=1, min=1),
    )
    response = editor.post(reverse("wagtailadmin_pages:edit", args=[associate.pk]), data | {"action-publish": "1"})
    assert response.status_code == 302, response.content.decode()[:2000]
    associate = ClinicianPage.objects.get(pk=associate.pk)
    assert [lic.license_type for lic in associate.licenses.all()] == ["LPC"]
    assert associate.supervisor_name == ""
