"""The team finder in a real browser, without any JavaScript of ours: filter, share the link, see the same."""

import pytest
from django.core.management import call_command

from tests.browser.axe import assert_no_axe_violations


@pytest.fixture
def demo_site(site_url):
    call_command("load_demo_content")
    return site_url


def card_titles(page) -> list[str]:
    return page.locator("#results ~ .card-grid .card__title").all_inner_texts()


def test_a_visitor_filters_by_spanish_and_a_plan_and_shares_the_link(page, demo_site):
    page.goto("/team/")
    assert len(card_titles(page)) == 4

    page.get_by_role("group", name="Language of the sessions").get_by_label("Spanish").check()
    page.get_by_role("group", name="Insurance").get_by_label("Out-of-network plans (superbill)").check()
    page.get_by_role("button", name="Show matching clinicians").click()
    page.wait_for_url("**/team/?*#results")

    assert card_titles(page) == ["Lucía Herrera"]
    heading = page.locator("#results")
    assert heading.inner_text() == "1 clinician matches your choices"
    # The page opens at the count: the next Tab goes from there to the first result.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.closest('.card') !== null")
    assert page.get_by_role("group", name="Language of the sessions").get_by_label("Spanish").is_checked()
    assert_no_axe_violations(page)

    shared = page.url.split("#")[0]
    other = page.context.browser.new_context(base_url=demo_site).new_page()
    other.goto(shared)
    assert card_titles(other) == ["Lucía Herrera"]
    assert other.locator("#results").inner_text() == "1 clinician matches your choices"
    other.context.close()


def test_the_empty_state_is_kind_and_accessible(page, demo_site):
    page.goto("/team/?language=vi&language=%3Cscript%3E")
    assert card_titles(page) == []
    assert page.locator("#results").inner_text() == "0 clinicians match your choices"
    assert page.get_by_text("so we left it out: Language of the sessions").is_visible()
    link = page.get_by_role("link", name="We can help you find the right person, here or elsewhere")
    assert link.get_attribute("href") == "/contact/"
    assert_no_axe_violations(page)
