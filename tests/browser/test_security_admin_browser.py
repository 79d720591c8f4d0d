"""Two-factor sign-in end to end in Chromium, and the admin working under its own CSP."""

import re
from io import BytesIO

from django_otp.plugins.otp_totp.models import TOTPDevice
from PIL import Image as PillowImage
from wagtail.images.models import Image

from tests.browser.axe import assert_no_axe_violations
from tests.factories.users import PASSWORD, SuperuserFactory
from tests.security.helpers import csp_violations, current_code, enrol, sign_in_in_browser


def assert_settled_page_is_accessible(page):
    # Wagtail fades its messages in once the page is ready; axe must not judge a half-faded colour.
    # (page.wait_for_function would need eval, which the admin's CSP rightly refuses.)
    page.locator("body.ready").wait_for(state="attached")
    page.evaluate(
        """async () => {
            await new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)));
            await Promise.all(document.getAnimations().map(animation => animation.finished));
        }"""
    )
    assert_no_axe_violations(page)


def test_a_new_admin_enrols_on_first_sign_in_and_reaches_the_dashboard(page):
    owner = SuperuserFactory()
    sign_in_in_browser(page, owner.username, PASSWORD)

    page.get_by_role("heading", name="Set up two-factor sign-in").wait_for()
    assert page.locator(".security-qr svg").is_visible()
    assert_settled_page_is_accessible(page)
    device = TOTPDevice.objects.get(user=owner, confirmed=False)
    page.get_by_label("6-digit code from the app").fill(current_code(device))
    page.get_by_role("button", name="Confirm and turn on").click()

    page.get_by_role("heading", name="Your recovery codes").wait_for()
    codes = page.locator(".security-recovery-codes code").all_inner_texts()
    assert len(codes) == 10 and all(re.fullmatch(r"[a-z2-7]{8}", code) for code in codes)
    assert_settled_page_is_accessible(page)
    page.get_by_role("link", name="I have saved them, continue").click()

    page.wait_for_url("**/admin/")
    assert page.get_by_role("heading", name=re.compile("Rooted Therapy")).first.is_visible()
    assert csp_violations(page) == []


def test_the_admin_works_under_its_policy(page, home_page):
    owner = SuperuserFactory()
    device = enrol(owner)
    sign_in_in_browser(page, owner.username, PASSWORD, device)
    page.wait_for_url("**/admin/")

    for path in [
        "/admin/",
        f"/admin/pages/{home_page.pk}/edit/",
        "/admin/images/multiple/add/",
        "/admin/settings/core/practicesettings/",
        "/admin/users/",
        "/admin/two-factor/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []


def small_png() -> bytes:
    buffer = BytesIO()
    PillowImage.new("RGB", (64, 48), (120, 160, 140)).save(buffer, format="PNG")
    return buffer.getvalue()


def test_image_upload_and_page_preview_work_under_the_admin_policy(page, home_page):
    owner = SuperuserFactory()
    sign_in_in_browser(page, owner.username, PASSWORD, enrol(owner))

    page.goto("/admin/images/multiple/add/")
    page.locator("input[type=file]").set_input_files(
        {"name": "calm-room.png", "mimeType": "image/png", "buffer": small_png()}
    )
    page.get_by_text("Upload successful").first.wait_for()
    assert Image.objects.filter(title="calm-room").exists()

    page.goto(f"/admin/pages/{home_page.pk}/edit/")
    page.get_by_role("button", name="Toggle preview").click()
    preview = page.frame_locator("#w-preview-iframe")
    preview.locator("h1").first.wait_for()
    assert preview.locator("h1").first.inner_text() == home_page.heading
    page.wait_for_load_state("networkidle")
    assert csp_violations(page) == []


def test_the_code_step_and_the_lockout_page_are_accessible(page, settings):
    owner = SuperuserFactory()
    enrol(owner)
    sign_in_in_browser(page, owner.username, PASSWORD)
    page.get_by_role("heading", name="Enter your code").wait_for()
    assert_settled_page_is_accessible(page)

    page.get_by_label("Code from your authenticator app, or a recovery code").fill("000000")
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("That code did not work").wait_for()
    assert_settled_page_is_accessible(page)

    page.get_by_role("button", name="Sign out").click()
    settings.AXES_FAILURE_LIMIT = 1
    sign_in_in_browser(page, owner.username, "not the password")
    page.get_by_role("heading", name="Sign-in paused").wait_for()
    assert_settled_page_is_accessible(page)
    assert csp_violations(page) == []
