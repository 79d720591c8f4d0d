"""/team/ as a finder: GET filters that narrow the list, say what they ignored, and never fail."""

import re

import pytest

from practice_site.pages.models import ClinicianPage
from tests.directory.conftest import build_team

pytestmark = pytest.mark.django_db


def listed(html: str) -> set[str]:
    results = html[html.index('id="results"'):]
    return set(re.findall(r'class="card__title"><a href="[^"]+">([^<]+)</a>', results))


def results_heading(html: str) -> str:
    return re.search(r'<h2 id="results" tabindex="-1">([^<]+)</h2>', html).group(1)


def get(client, query: str):
    response = client.get("/team/" + query)
    assert response.status_code == 200, query
    return response.content.decode()


def test_the_unfiltered_team_lists_everyone_with_the_form_in_labelled_groups(client, finder):
    html = get(client, "")
    assert listed(html) == {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}
    assert results_heading(html) == "All 3 clinicians"
    form = html[html.index('<form class="finder"'):html.index("</form>")]
    assert 'method="get"' in form and 'action="/team/#results"' in form
    legends = re.findall(r"<legend[^>]*>([^<]+)</legend>", form)
    assert legends == [
        "What would you like help with?", "Who are the sessions for?", "Language of the sessions", "Insurance",
        "In person or video", "Availability",
    ]
    assert form.count("<fieldset>") == 6
    # Only accepted plans are offered; English and Spanish come first among the languages.
    assert "Aetna" in form and "Cigna" in form
    assert "Old plan" not in form
    languages = form[form.index("Language of the sessions"):form.index("Insurance")]
    assert languages.index("English") < languages.index("Spanish") < languages.index("Arabic")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("?concern={Anxiety}", {"Ana Ruiz", "Cam Nguyen"}),
        ("?age=teens", {"Ben Okafor", "Cam Nguyen"}),
        ("?language=es", {"Ana Ruiz"}),
        ("?insurance={Blue Cross}", {"Ben Okafor", "Cam Nguyen"}),
        ("?format=in_person", {"Ana Ruiz", "Cam Nguyen"}),
        ("?format=telehealth", {"Ben Okafor", "Cam Nguyen"}),
        ("?accepting=yes", {"Ana Ruiz"}),
    ],
)
def test_each_filter_alone(client, finder, query, expected):
    html = get(client, fill(query, finder))
    assert listed(html) == expected
    heading = "2 clinicians match your choices" if len(expected) == 2 else "1 clinician matches your choices"
    assert results_heading(html) == heading
    assert "were not" not in html and "left it out" not in html


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Across groups every choice must fit...
        ("?concern={Anxiety}&age=teens", {"Cam Nguyen"}),
        ("?language=en&insurance={Blue Cross}&format=telehealth", {"Ben Okafor"}),
        ("?concern={Anxiety}&language=es&insurance={Aetna}&format=in_person&age=adults&accepting=yes", {"Ana Ruiz"}),
        # ...within a group any one will do.
        ("?concern={Anxiety}&concern={Grief and loss}", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
        ("?language=es&language=vi&format=telehealth", {"Cam Nguyen"}),
    ],
)
def test_filters_combined(client, finder, query, expected):
    assert listed(get(client, fill(query, finder))) == expected


def test_the_chosen_filters_stay_ticked(client, finder):
    html = get(client, fill("?language=es&concern={Anxiety}&accepting=yes", finder))
    assert re.search(r'<input type="checkbox" name="language" value="es"[^>]*checked', html)
    anxiety = finder.concerns["Anxiety"].pk
    assert re.search(rf'<input type="checkbox" name="concern" value="{anxiety}"[^>]*checked', html)
    assert re.search(r'<input type="checkbox" name="accepting" value="yes"[^>]*checked', html)
    assert not re.search(r'<input type="checkbox" name="language" value="en"[^>]*checked', html)


def test_no_match_gets_a_kind_note_and_the_way_to_a_consultation(client, finder):
    html = get(client, fill("?concern={Depression}", finder))
    assert listed(html) == set()
    assert results_heading(html) == "0 clinicians match your choices"
    assert "None of our clinicians fits all of those choices right now" in html
    assert f'href="{finder.consultation.url}">We can help you find the right person, here or elsewhere</a>' in html
    assert 'href="/team/">Show everyone</a>' in html


@pytest.mark.parametrize(
    ("query", "ignored_group", "expected"),
    [
        ("?language=<script>alert(1)</script>", "Language of the sessions", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
        ("?concern=999999", "What would you like help with?", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
        ("?concern=abc&language=es", "What would you like help with?", {"Ana Ruiz"}),
        ("?language=es&language=es&language=xx", "Language of the sessions", {"Ana Ruiz"}),
        ("?age=" + "a" * 10_000, "Who are the sessions for?", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
        ("?language=" + "es" * 5_000 + "&format=telehealth", "Language of the sessions", {"Ben Okafor", "Cam Nguyen"}),
        ("?format=in_person%00", "In person or video", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
        ("?accepting=maybe", "Availability", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
        ("?insurance={Old plan}", "Insurance", {"Ana Ruiz", "Ben Okafor", "Cam Nguyen"}),
    ],
)
def test_malformed_values_are_ignored_and_said_so(client, finder, query, ignored_group, expected):
    html = get(client, fill(query, finder))
    assert listed(html) == expected
    assert f"so we left it out: {ignored_group}." in html
    assert "<script>alert" not in html
    assert "a" * 100 not in html


def test_repeated_and_unknown_keys_do_no_harm(client, finder):
    html = get(client, "?language=es&language=es&utm_source=newsletter&page=2")
    assert listed(html) == {"Ana Ruiz"}
    assert "left it out" not in html


def test_cards_show_license_formats_languages_and_availability(client, finder):
    html = get(client, "?language=es")
    card = html[html.index('<article class="card card--clinician">'):]
    card = card[:card.index("</article>")]
    number = finder.clinicians["Ana Ruiz"].licenses.get().number
    assert f"License: LMFT #{number} (TX)" in card
    assert "<dt>Sessions</dt><dd>In person</dd>" in card
    assert "<dt>Languages</dt><dd>English, Spanish</dd>" in card
    assert '<p class="availability availability--open">Open to new clients</p>' in card


def test_only_unfiltered_lists_may_be_kept_by_a_cache(client, finder):
    assert "no-store" not in client.get("/team/").get("Cache-Control", "")
    cache_control = client.get("/team/?language=es")["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control


@pytest.mark.parametrize("copies", [1, 10])
def test_the_finder_runs_a_fixed_number_of_queries(client, home_page, copies, django_assert_num_queries):
    """3 and 30 clinicians, unfiltered and with every group filtered (all still matching, so cards are drawn)."""
    team = build_team(home_page, copies)
    assert ClinicianPage.objects.count() == 3 * copies
    filtered = "/team/" + fill(
        "?concern={Anxiety}&concern={Grief and loss}&age=teens&age=adults&language=en&language=vi&language=zz"
        "&insurance={Blue Cross}&insurance={Aetna}&format=telehealth&format=in_person", team,
    )
    for url, expected_queries in (("/team/", 10), (filtered, 10)):
        client.get(url)
        with django_assert_num_queries(expected_queries):
            html = client.get(url).content.decode()
        assert len(listed(html)) == 3 * copies, url


def fill(query: str, finder) -> str:
    """Put the ids of the concerns and plans named in braces into a query string."""
    def replace(match):
        name = match.group(1)
        model_objects = finder.concerns if name in finder.concerns else finder.plans
        return str(model_objects[name].pk)

    return re.sub(r"\{([^}]+)\}", replace, query)
