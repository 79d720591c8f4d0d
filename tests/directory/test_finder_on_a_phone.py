"""The finder's form as a phone gets it: folded under a summary of what is ticked, uncommon languages apart."""

import re

import pytest

from tests.directory.test_team_finder import fill, get

pytestmark = pytest.mark.django_db


def summary(html: str) -> str:
    return re.search(r'<summary class="finder-fold__toggle">([^<]+)</summary>', html).group(1)


def test_the_summary_counts_the_ticked_choices_and_the_form_starts_folded(client, finder):
    assert summary(get(client, "")) == "Filter"
    html = get(client, fill("?language=es&concern={Anxiety}&accepting=yes&language=xx", finder))
    assert summary(html) == "Filter (3 chosen)"
    assert '<details class="finder-fold" data-closes-on-escape>' in html


def test_common_languages_come_first_and_the_rest_wait_behind_more_languages(client, finder):
    html = get(client, "")
    languages = html[html.index("Language of the sessions"):html.index(">Insurance<")]
    common, more = languages.split("<summary>More languages</summary>")
    for name in ("English", "Spanish", "Vietnamese", "Chinese (Mandarin)", "Arabic"):
        assert name in common and name not in more
    assert "Tamil" in more and "Tamil" not in common
    assert '<details class="finder__more">' in languages


def test_a_ticked_uncommon_language_opens_more_languages(client, finder):
    html = get(client, "?language=ta")
    assert '<details class="finder__more" open>' in html
    assert re.search(r'<input type="checkbox" name="language" value="ta"[^>]*checked', html)
