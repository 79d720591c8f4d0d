"""pages.0010 to 0012 turn the single "accepting new clients" flag into openings per format and age group, and
back: every flag value, on live pages and on saved revisions, and the finder says what the flag said."""

import pytest
from django.db import connection
from wagtail.models import Revision

from practice_site.pages.models import ClinicianOpening, ClinicianPage
from tests.factories.migrations import latest, migrate
from tests.factories.pages import ClinicianFactory, TeamIndexFactory

pytestmark = pytest.mark.django_db

BEFORE = ("pages", "0009_standard_page_lists_insurance_plans")

# title: (flag, in person, telehealth, ages served, the rows expected as (format, age group, status))
CLINICIANS = {
    "Yael Open": ("yes", True, True, ["teens", "adults"], [
        ("in_person", "teens", "open"), ("in_person", "adults", "open"),
        ("telehealth", "teens", "open"), ("telehealth", "adults", "open"),
    ]),
    "Wren Waitlist": ("waitlist", False, True, ["adults"], [("telehealth", "adults", "waitlist")]),
    "Noor Closed": ("no", True, False, ["children"], [("in_person", "children", "closed")]),
    # No age group ticked: every age group, so the flag is not lost.
    "Ages Unset": ("yes", True, False, [], [
        ("in_person", age, "open") for age in ("children", "teens", "adults", "older_adults")
    ]),
}




def rows(clinician) -> list[tuple[str, str, str]]:
    return [(row.session_format, row.age_group, row.status) for row in clinician.openings.all()]


def old_flags() -> dict[str, str]:
    """Back before the openings; the flags as the old schema holds them."""
    old_apps = migrate([BEFORE])
    return dict(old_apps.get_model("pages", "ClinicianPage").objects.values_list("title", "accepting_new_clients"))


def test_each_flag_becomes_openings_for_each_format_and_age_and_comes_back(client, home_page):
    team = TeamIndexFactory(parent=home_page)
    pages = {
        title: ClinicianFactory(parent=team, title=title, in_person=in_person, telehealth=telehealth,
                                ages_served=ages, openings=[])
        for title, (_, in_person, telehealth, ages, _) in CLINICIANS.items()
    }
    pages["Wren Waitlist"].save_revision()
    # Schema changes inside the test's transaction: no constraint check may be left pending.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    try:
        old_apps = migrate([BEFORE])
        OldClinician = old_apps.get_model("pages", "ClinicianPage")
        for title, (flag, *_) in CLINICIANS.items():
            OldClinician.objects.filter(title=title).update(accepting_new_clients=flag)
        # A revision saved before the change, in the old shape.
        revision = Revision.objects.filter(object_id=str(pages["Wren Waitlist"].pk)).latest("created_at")
        assert "openings" not in revision.content
        Revision.objects.filter(pk=revision.pk).update(
            content={**revision.content, "accepting_new_clients": "waitlist"}
        )
    finally:
        migrate(latest())

    for title, (*_, expected) in CLINICIANS.items():
        assert rows(ClinicianPage.objects.get(title=title)) == expected, title
    content = Revision.objects.get(pk=revision.pk).content
    assert "accepting_new_clients" not in content
    from_revision = Revision.objects.get(pk=revision.pk).as_object()
    assert [(row.session_format, row.age_group, row.status) for row in from_revision.openings.all()] == [
        ("telehealth", "adults", "waitlist")
    ]
    assert [row["pk"] for row in content["openings"]] == list(
        ClinicianPage.objects.get(title="Wren Waitlist").openings.values_list("pk", flat=True)
    )

    # The finder says what the flag said.
    html = client.get("/team/").content.decode()
    assert html.count("availability--open") == 2
    assert html.count(">Waitlist<") == 1 and html.count(">Not taking new clients<") == 1
    assert "Yael Open" in client.get("/team/?accepting=yes").content.decode()

    # Backwards, each flag is what it was, on the page and on the revision.
    try:
        assert old_flags() == {title: flag for title, (flag, *_) in CLINICIANS.items()}
        assert Revision.objects.get(pk=revision.pk).content["accepting_new_clients"] == "waitlist"
        assert "openings" not in Revision.objects.get(pk=revision.pk).content
    finally:
        migrate(latest())
    for title, (*_, expected) in CLINICIANS.items():
        assert rows(ClinicianPage.objects.get(title=title)) == expected, title


def test_a_changed_opening_goes_back_as_the_best_status_among_the_rows(home_page):
    """Per-format detail has no place in the flag: any open row makes it "yes", else any waitlist "waitlist"."""
    team = TeamIndexFactory(parent=home_page)
    mixed = ClinicianFactory(parent=team, title="Mixed", ages_served=["adults"], openings=[])
    ClinicianOpening.objects.create(page=mixed, session_format="in_person", age_group="adults", status="closed")
    ClinicianOpening.objects.create(page=mixed, session_format="telehealth", age_group="adults", status="waitlist")
    none = ClinicianFactory(parent=team, title="No rows", openings=[])
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    try:
        flags = old_flags()
    finally:
        migrate(latest())
    assert (flags[mixed.title], flags[none.title]) == ("waitlist", "no")
