from tests.browser.axe import assert_no_axe_violations


def test_home_page_skip_link_moves_focus_to_main_and_axe_is_clean(page):
    page.goto("/")
    assert page.locator("h1").first.is_visible()

    page.keyboard.press("Tab")
    skip_link = page.get_by_role("link", name="Skip to main content")
    assert skip_link.evaluate("element => element === document.activeElement")
    assert skip_link.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"

    assert_no_axe_violations(page)


def test_admin_login_page_loads(page):
    response = page.goto("/admin/login/")
    assert response.status == 200
    assert page.get_by_label("Username").is_visible()
    assert page.get_by_label("Password").is_visible()
