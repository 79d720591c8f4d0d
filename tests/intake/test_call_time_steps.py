"""The call time in two small steps: the days, each with its count of open times, then one day's times."""

import re
from datetime import time

import pytest

from practice_site.scheduling import slots
from tests.factories.scheduling import all_week, make_host

pytestmark = pytest.mark.django_db
DAY = re.compile(r'<details class="times-day" name="consultation-day"( open)?>(.*?)</details>', re.S)


def days(html: str) -> list[tuple[bool, str, int, int]]:
    """Each day's disclosure: open or not, its summary's count, and how many times it holds."""
    found = []
    for opened, body in DAY.findall(html):
        count = int(re.search(r'class="times-day__count">· (\d+) times?<', body).group(1))
        label = re.search(r'<span class="visually-hidden">([^<]+)</span>', body).group(1)
        found.append((bool(opened), label, count, body.count('name="consultation_time"')))
    return found


def test_each_day_says_how_many_times_it_holds_and_all_start_folded(client, contact_page):
    make_host(hours=all_week(time(8), time(18)))
    html = client.get("/contact/").content.decode()
    shown = days(html)
    by_day = [(f"{day:%A, %B} {day.day}", len(times)) for day, times in slots.by_day(slots.open_slots())]
    assert [(label, count) for _, label, count, _ in shown] == by_day
    assert all(count == held and not opened for opened, _, count, held in shown)


def test_the_day_of_a_time_already_chosen_starts_open_when_the_form_comes_back(client, contact_page, valid_data):
    make_host(hours=all_week(time(8), time(18)))
    chosen = slots.open_slots()[-1]
    html = client.post("/contact/", valid_data | {"name": "", "consultation_time": chosen.value}).content.decode()
    shown = days(html)
    assert [opened for opened, *_ in shown] == [False] * (len(shown) - 1) + [True]
    assert re.search(rf'value="{chosen.value}" id="[^"]+" checked', html)
