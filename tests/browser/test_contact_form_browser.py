"""A person requesting a consultation in a real browser, and many people at once."""

import re
import threading
import urllib.parse
import urllib.request
from http.cookiejar import CookieJar

from contact.models import ConsultationRequest
from tests.browser.axe import assert_no_axe_violations
from tests.browser.consultation_form import choose, fill_the_required_answers, open_more_about_you


def test_a_person_fills_the_form_by_its_labels_and_lands_on_the_thank_you_page(page, contact_url):
    page.goto("/contact/")
    assert page.get_by_role("heading", name="This form is not for emergencies").is_visible()
    assert_no_axe_violations(page)

    page.get_by_label("Your name").fill("Maya Torres")
    open_more_about_you(page)
    page.get_by_label("Name you’d like us to use (optional)").fill("Maya")
    page.get_by_label("Pronouns (optional)").fill("she/her")
    page.get_by_label("Email address").fill("maya@example.com")
    page.get_by_label("Phone number").fill("(281) 624-0199")
    choose(page, "How would you like us to contact you?", "Text message")
    page.get_by_label("It’s OK to leave a voicemail").check()
    page.get_by_label("It’s OK to send me text messages").check()
    choose(page, "Who is the therapy for?", "My child or teen")
    guardian = page.get_by_label("If it’s for your child or teen: the parent or guardian’s name")
    assert guardian.is_visible()
    guardian.fill("Ana Torres")
    choose(page, "Will you be in Texas during your sessions?", "No")
    assert page.get_by_text("If you won’t be in Texas:").is_visible()
    page.get_by_label("What would you like help with?").select_option(label="Not sure yet")
    choose(page, "How would you like to meet?", "Telehealth (video)")
    choose(page, "Which days usually suit you? (optional)", "Monday")
    choose(page, "Which days usually suit you? (optional)", "Friday")
    choose(page, "Which times of day usually suit you? (optional)", "Mornings")
    estimate_notice = page.get_by_role("heading", name="If you plan to self-pay: your right to a Good Faith Estimate")
    assert not estimate_notice.is_visible()
    choose(page, "How do you plan to pay?", "Self-pay")
    assert estimate_notice.is_visible()
    page.get_by_label("Anything you’d like us to know? (optional)").fill("Mornings are easiest. 🌿")
    page.get_by_label("I have read the notice of privacy practices").check()
    page.get_by_role("button", name="Send my request").click()

    page.wait_for_url("**/contact/thank-you/")
    assert page.get_by_role("heading", name="Thank you: your request was sent").is_visible()
    assert "Maya" not in page.url and "?" not in page.url
    assert_no_axe_violations(page)

    stored = ConsultationRequest.objects.get()
    assert (stored.name, stored.preferred_name, stored.pronouns) == ("Maya Torres", "Maya", "she/her")
    assert (stored.email, stored.phone) == ("maya@example.com", "+12816240199")
    assert (stored.preferred_contact, stored.voicemail_ok, stored.texts_ok) == ("text", True, True)
    assert (stored.therapy_for, stored.guardian_name, stored.in_texas) == ("child", "Ana Torres", False)
    assert (stored.service, stored.preferred_clinician, stored.session_format) == (None, None, "telehealth")
    assert (stored.available_days, stored.available_times) == (["mon", "fri"], ["morning"])
    assert (stored.payment, stored.insurance_carrier) == ("self_pay", "")
    assert stored.message == "Mornings are easiest. 🌿"
    assert stored.privacy_notice_accepted_at is not None
    assert stored.status == "new"


def test_errors_are_summarised_linked_and_announced_and_axe_finds_nothing(page, contact_url):
    page.goto("/contact/")
    page.get_by_label("Your name").fill("Maya Torres")
    page.get_by_label("Phone number").fill("12345")
    page.get_by_role("button", name="Send my request").click()

    summary = page.locator("#error-summary")
    assert summary.is_visible()
    assert summary.evaluate("element => element === document.activeElement")
    assert page.title().startswith("Error:")
    phone = page.get_by_label("Phone number")
    assert phone.input_value() == "12345"
    assert page.get_by_label("Your name").input_value() == "Maya Torres"
    assert phone.get_attribute("aria-invalid") == "true"
    assert "id_phone_error" in phone.get_attribute("aria-describedby")
    assert_no_axe_violations(page)

    summary.get_by_role("link", name=re.compile("Please check the phone number")).click()
    assert page.evaluate("document.activeElement.id") == "id_phone"


def _assert_shown_again_with_answers_and_message(page, message):
    problem = page.locator("#form-problem")
    assert problem.is_visible()
    assert message in problem.inner_text()
    assert problem.evaluate("element => element === document.activeElement")
    assert page.get_by_label("Your name").input_value() == "Maya Torres"
    assert page.get_by_label("Anything you’d like us to know? (optional)").input_value() == "Evenings, please."
    assert page.get_by_label("I have read the notice of privacy practices").is_checked()
    assert page.locator("[aria-invalid=true]").count() == 0
    assert_no_axe_violations(page)


def test_a_form_left_open_too_long_comes_back_as_typed_and_sends_on_the_second_press(page, contact_url, settings):
    page.goto("/contact/")
    fill_the_required_answers(page)
    settings.INTAKE_MAX_FORM_AGE = -1  # every form counts as left open too long
    page.get_by_role("button", name="Send my request").click()

    page.wait_for_selector("#form-problem")
    _assert_shown_again_with_answers_and_message(page, "This form was open for a long time")
    assert not ConsultationRequest.objects.exists()

    settings.INTAKE_MAX_FORM_AGE = 24 * 3600
    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/contact/thank-you/")
    assert ConsultationRequest.objects.get().name == "Maya Torres"


def test_without_the_csrf_cookie_the_form_comes_back_as_typed_and_sends_on_the_second_press(page, contact_url):
    page.goto("/contact/")
    fill_the_required_answers(page)
    page.context.clear_cookies()  # as if cookies were blocked, or the cookie had gone
    page.get_by_role("button", name="Send my request").click()

    page.wait_for_selector("#form-problem")
    _assert_shown_again_with_answers_and_message(page, "Your browser did not send the small security cookie")
    assert not ConsultationRequest.objects.exists()

    page.get_by_role("button", name="Send my request").click()
    page.wait_for_url("**/contact/thank-you/")
    assert ConsultationRequest.objects.get().name == "Maya Torres"


def test_the_honeypot_is_never_reached_by_keyboard(page, contact_url):
    page.goto("/contact/")
    page.get_by_label("I have read the notice of privacy practices").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.name") != "leave_this_empty"
    assert page.get_by_role("textbox", name="Leave this field empty").count() == 0


def _send_one_request(url: str, number: int, statuses: list, lock: threading.Lock) -> None:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(CookieJar()))
    html = opener.open(url, timeout=60).read().decode()
    fields = dict(re.findall(r'name="(csrfmiddlewaretoken|form_token)" value="([^"]+)"', html))
    data = urllib.parse.urlencode(
        {
            **fields,
            "name": f"Person {number}",
            "email": f"person{number}@example.com",
            "preferred_contact": "email",
            "therapy_for": "self",
            "in_texas": "yes",
            "session_format": "either",
            "payment": "not_sure",
            "privacy_notice": "on",
        }
    ).encode()
    response = opener.open(url, data=data, timeout=60)
    with lock:
        statuses.append((response.status, response.url))


def test_fifty_requests_sent_at_once_give_exactly_fifty_rows(contact_url, settings):
    settings.INTAKE_RATE_LIMIT = 1000
    statuses, lock = [], threading.Lock()
    threads = [
        threading.Thread(target=_send_one_request, args=(contact_url, number, statuses, lock)) for number in range(50)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert len(statuses) == 50
    assert all(status == 200 and url.endswith("/contact/thank-you/") for status, url in statuses)
    assert ConsultationRequest.objects.count() == 50
    assert ConsultationRequest.objects.filter(status="new").count() == 50
    assert len(set(ConsultationRequest.objects.values_list("email", flat=True))) == 50
