"""A visit on a 390 x 844 phone with the demo content: the first screen shows what the person came for.

Every check runs twice, with JavaScript on and off: the folding is <details>/<summary>, so it must work without
script.
"""

import io

import pytest
from django.core.cache import cache
from django.core.management import call_command

from tests.browser.axe import assert_no_axe_violations

SCREEN = {"width": 390, "height": 844}
PAGE_TYPES = [
    "/", "/services/", "/services/trauma-therapy/", "/team/", "/team/priya-raman/", "/blog/", "/blog/topic/anxiety/",
    "/blog/emdr-explained/", "/about/", "/fees/", "/faq/", "/search/?q=anxiety", "/contact/",
]


@pytest.fixture(params=[True, False], ids=["with-js", "without-js"])
def tab(request, browser, site_url):
    """A 390 x 844 tab on the demo practice, with JavaScript on or off."""
    call_command("load_demo_content", stdout=io.StringIO())
    cache.clear()
    context = browser.new_context(base_url=site_url, viewport=SCREEN, locale="en-US", java_script_enabled=request.param)
    context.js = request.param
    yield context.new_page()
    context.close()


def test_a_visit_on_a_phone_shows_first_what_the_person_came_for(tab):
    """One test per setting: loading the demo practice is the slow part, so every page type shares it."""
    main_starts_within_160px_on_every_page_type_with_the_header_actions_in_view(tab)
    the_menu_opens_and_closes_by_keyboard_alone_and_marks_the_current_page(tab)
    the_team_shows_people_first_with_the_filters_folded_and_summarised(tab)
    the_consultation_page_is_short_and_the_call_time_takes_two_small_steps(tab)


def axe_finds_nothing(tab):
    """axe is itself a script and cannot run where script is off: without JavaScript it reads the same address,
    with the same disclosures open, in a tab that allows script."""
    if tab.context.js:
        assert_no_axe_violations(tab)
        return
    opened = tab.evaluate("[...document.querySelectorAll('details')].map(details => details.open)")
    twin = tab.context.browser.new_context(viewport=SCREEN, locale="en-US")
    page = twin.new_page()
    try:
        page.goto(tab.url)
        page.evaluate("opened => document.querySelectorAll('details').forEach((d, i) => { d.open = opened[i]; })",
                      opened)
        assert_no_axe_violations(page)
    finally:
        twin.close()


def top(locator) -> float:
    """Where the element starts, counted from the top of the document."""
    return locator.evaluate("element => element.getBoundingClientRect().top + window.scrollY")


def main_starts_within_160px_on_every_page_type_with_the_header_actions_in_view(tab):
    for url in PAGE_TYPES:
        assert tab.goto(url).status == 200, url
        assert top(tab.locator("main")) <= 160, url
        for name in ("Request a consultation", "Leave this site quickly"):
            link = tab.locator("header").get_by_role("link", name=name)
            assert link.is_visible() and top(link) < 160, (url, name)
        assert tab.get_by_role("link", name="Rooted Therapy", exact=True).is_visible(), url
        assert not tab.get_by_role("navigation", name="Main").is_visible(), url
        axe_finds_nothing(tab)


def focus_by_tab(tab, text: str, presses: int = 10) -> None:
    for _ in range(presses):
        tab.keyboard.press("Tab")
        if tab.evaluate("document.activeElement.textContent.trim()") == text:
            return
    raise AssertionError(f"Tab never reached {text!r}")


def the_menu_opens_and_closes_by_keyboard_alone_and_marks_the_current_page(tab):
    tab.goto("/team/")
    menu = tab.get_by_role("navigation", name="Main")
    focus_by_tab(tab, "Menu")
    # A visible focus: the outline drawn for keyboard focus.
    assert tab.evaluate("getComputedStyle(document.activeElement).outlineStyle") == "solid"
    assert not menu.is_visible()

    tab.keyboard.press("Enter")
    assert menu.is_visible()
    current = menu.get_by_role("link", name="Our team")
    assert current.is_visible() and current.get_attribute("aria-current") == "page"
    axe_finds_nothing(tab)
    tab.keyboard.press("Tab")
    assert tab.evaluate("document.activeElement.textContent") == "Services"

    tab.keyboard.press("Shift+Tab")
    tab.keyboard.press("Enter")
    assert not menu.is_visible()
    if tab.context.js:
        # With script, Escape inside the open menu folds it and puts focus back on "Menu".
        tab.keyboard.press("Enter")
        tab.keyboard.press("Tab")
        tab.keyboard.press("Escape")
        assert not menu.is_visible()
        assert tab.evaluate("document.activeElement.textContent.trim()") == "Menu"

    tab.set_viewport_size({"width": 1280, "height": 800})
    assert menu.get_by_role("link", name="Services").is_visible()
    assert not tab.get_by_text("Menu", exact=True).is_visible()
    tab.set_viewport_size(SCREEN)


def first_card(tab):
    return tab.locator("#results ~ .card-grid .card").first


def the_team_shows_people_first_with_the_filters_folded_and_summarised(tab):
    tab.goto("/team/")
    filters = tab.locator("details.finder-fold")
    assert tab.locator("summary", has_text="Filter").inner_text() == "Filter"
    assert filters.get_attribute("open") is None
    assert top(first_card(tab)) < SCREEN["height"]
    languages = tab.get_by_role("group", name="Language of the sessions")
    assert not languages.is_visible()

    tab.locator("summary", has_text="Filter").click()
    for common in ("English", "Spanish", "Vietnamese", "Chinese (Mandarin)", "Arabic"):
        assert languages.get_by_label(common).is_visible(), common
    assert not languages.get_by_label("Tamil").is_visible()
    languages.get_by_text("More languages").click()
    assert languages.get_by_label("Tamil").is_visible()
    languages.get_by_label("Spanish").check()
    tab.get_by_role("group", name="Insurance").get_by_label("Out-of-network plans (superbill)").check()
    axe_finds_nothing(tab)
    tab.get_by_role("button", name="Show matching clinicians").click()
    tab.wait_for_url("**/team/?*#results")
    assert tab.locator("#results").inner_text() == "1 clinician matches your choices"

    # The shared link opens with the filters summarised, not expanded, and the person right under the count.
    shared = tab.url.split("#")[0]
    tab.goto(shared)
    assert tab.locator("summary", has_text="Filter").inner_text() == "Filter (2 chosen)"
    assert filters.get_attribute("open") is None
    assert not languages.is_visible()
    assert first_card(tab).locator(".card__title").inner_text() == "Lucía Herrera"
    assert top(first_card(tab)) < SCREEN["height"]
    axe_finds_nothing(tab)

    tab.goto("/team/?language=ta")
    assert tab.locator("summary", has_text="Filter").inner_text() == "Filter (1 chosen)"
    tab.locator("summary", has_text="Filter").click()
    assert languages.get_by_label("Tamil").is_checked() and languages.get_by_label("Tamil").is_visible()


def visible_times(tab) -> int:
    return tab.locator("input[name=consultation_time]:visible").count()


def the_consultation_page_is_short_and_the_call_time_takes_two_small_steps(tab):
    tab.goto("/contact/")
    # The whole crisis notice is on the first screen, before any question.
    crisis = tab.locator("aside", has=tab.get_by_role("heading", name="This form is not for emergencies"))
    assert crisis.is_visible()
    assert crisis.evaluate("element => element.getBoundingClientRect().bottom + window.scrollY") <= SCREEN["height"]
    assert top(tab.get_by_text("Your name", exact=True)) < SCREEN["height"] - 50
    assert tab.evaluate("document.documentElement.scrollHeight") <= 5 * SCREEN["height"]
    assert tab.locator("details[open]").count() == 0
    assert not tab.get_by_label("Pronouns (optional)").is_visible()
    axe_finds_nothing(tab)

    times = tab.get_by_role("group", name="Pick a time for your free 15-minute phone call")
    none = times.get_by_label("None of these work — please contact me instead")
    assert none.is_checked() and visible_times(tab) == 1
    days = times.locator("details.times-day")
    first, second = days.nth(0), days.nth(1)
    count = first.locator("input").count()
    assert first.locator("summary").inner_text().endswith(f"· {count} time{'s' if count > 1 else ''}")

    first.locator("summary").click()
    assert visible_times(tab) == 1 + count <= 21
    second.locator("summary").click()
    # One day open at a time: opening the second folded the first.
    assert first.get_attribute("open") is None
    assert visible_times(tab) == 1 + second.locator("input").count() <= 21
    second.locator("input").first.check()
    assert not none.is_checked()
    axe_finds_nothing(tab)

    tab.get_by_text("More about you, if you’d like").click()
    assert tab.get_by_label("Pronouns (optional)").is_visible()
    assert tab.get_by_label("Anything you’d like us to know? (optional)").is_visible()
