"""Openings in the team finder: "Has openings now" respects the formats and age groups chosen, each card's badge
speaks for those, and "is everyone full?" answers for the consultation form's waitlist."""

import re
from datetime import date

import pytest

from practice_site.pages.models import ClinicianOpening, ClinicianPage
from tests.directory.test_team_finder import fill, get, listed

pytestmark = pytest.mark.django_db


@pytest.fixture
def cam_opens_telehealth_for_teens(finder):
    """Cam: open by video for teens; in person for children closed until May 2027; the rest closed."""
    cam = finder.clinicians["Cam Nguyen"]
    cam.openings.filter(session_format="telehealth", age_group="teens").update(status="open")
    cam.openings.filter(session_format="in_person", age_group="children").update(expected_open=date(2027, 5, 1))
    return finder


def badges(html: str) -> dict[str, str]:
    """Each card's name and the text of its badge."""
    found = re.findall(
        r'class="card__title"><a href="[^"]+">([^<]+)</a>.*?<p class="availability availability--\w+">(.*?)</p>',
        html[html.index('id="results"'):], flags=re.S,
    )
    return {name: re.sub(r"<[^>]+>", "", badge) for name, badge in found}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?accepting=yes", {"Ana Ruiz", "Cam Nguyen"}),
        ("?accepting=yes&format=in_person", {"Ana Ruiz"}),
        ("?accepting=yes&format=telehealth", {"Cam Nguyen"}),
        ("?accepting=yes&age=teens", {"Cam Nguyen"}),
        ("?accepting=yes&age=children", set()),
        ("?accepting=yes&age=teens&format=in_person", set()),
        ("?accepting=yes&age=teens&age=adults&format=in_person&format=telehealth", {"Ana Ruiz", "Cam Nguyen"}),
        # Without the availability filter the format and age filters still list the full too.
        ("?age=teens&format=telehealth", {"Ben Okafor", "Cam Nguyen"}),
    ],
)
def test_has_openings_matches_only_an_open_row_for_a_chosen_format_and_age(
    client, cam_opens_telehealth_for_teens, query, expected
):
    assert listed(get(client, query)) == expected


def test_the_filter_is_labelled_and_stays_ticked(client, finder):
    html = get(client, "?accepting=yes&format=telehealth")
    assert re.search(r'<input type="checkbox" name="accepting" value="yes"[^>]*checked', html)
    assert re.search(r'<label for="[^"]+"><input type="checkbox" name="accepting"[^>]*>\s*Has openings now</label>',
                     html)


def test_each_badge_speaks_for_the_formats_and_ages_chosen(client, cam_opens_telehealth_for_teens):
    assert badges(get(client, "")) == {
        "Ana Ruiz": "Open to new clients",
        "Ben Okafor": "Waitlist, expected to open March 2027",
        "Cam Nguyen": "Open to new clients",
    }
    # In person Cam is closed, and one of the rows expects to open in May 2027.
    assert badges(get(client, "?format=in_person")) == {
        "Ana Ruiz": "Open to new clients",
        "Cam Nguyen": "Not taking new clients, expected to open May 2027",
    }
    assert badges(get(client, "?age=children"))["Cam Nguyen"] == "Not taking new clients, expected to open May 2027"


def test_a_clinician_without_rows_is_shown_as_not_taking_new_clients(client, finder):
    ClinicianOpening.objects.filter(page=finder.clinicians["Ana Ruiz"]).delete()
    assert badges(get(client, ""))["Ana Ruiz"] == "Not taking new clients"
    assert listed(get(client, "?accepting=yes")) == set()


@pytest.mark.parametrize(
    ("choices", "full"),
    [
        # Ana is open for adults in person.
        ({"ages": ["adults"]}, False),
        ({"formats": ["in_person"], "ages": ["adults"]}, False),
        # Teens by video: Ben keeps a waitlist, Cam is closed: everyone who fits is full.
        ({"formats": ["telehealth"], "ages": ["teens"]}, True),
        ({"ages": ["teens"], "concerns": ["Grief and loss"]}, True),
        ({"ages": ["children"]}, True),
        # Nobody sees adults by video: no one fits, which is not "full".
        ({"formats": ["telehealth"], "ages": ["adults"]}, False),
        ({"concerns": ["Depression"]}, False),
        # Anyone at all: Ana is open.
        ({}, False),
    ],
)
def test_everyone_full_answers_for_formats_ages_and_concerns(finder, choices, full):
    concerns = [finder.concerns[name].pk for name in choices.pop("concerns", [])]
    assert ClinicianPage.objects.everyone_full(concerns=concerns, **choices) is full


def test_everyone_full_follows_a_change_and_leaves_out_unpublished_clinicians(finder, django_assert_num_queries):
    cam = finder.clinicians["Cam Nguyen"]
    cam.openings.filter(session_format="telehealth", age_group="teens").update(status="open")
    # Outside a request the restricted sections are read each time (a page being served reads them once).
    with django_assert_num_queries(2):
        assert ClinicianPage.objects.everyone_full(formats=["telehealth"], ages=["teens"]) is False
    cam.unpublish()
    assert ClinicianPage.objects.everyone_full(formats=["telehealth"], ages=["teens"]) is True
    with pytest.raises(ValueError, match="Not a session format or age group"):
        ClinicianPage.objects.everyone_full(formats=["by pigeon"])


def test_the_finder_with_openings_chosen_runs_the_same_queries(
    client, cam_opens_telehealth_for_teens, django_assert_num_queries
):
    query = "?accepting=yes&format=telehealth&age=teens&concern={Anxiety}"
    url = "/team/" + fill(query, cam_opens_telehealth_for_teens)
    client.get(url)
    with django_assert_num_queries(10):
        html = client.get(url).content.decode()
    assert badges(html) == {"Cam Nguyen": "Open to new clients"}
