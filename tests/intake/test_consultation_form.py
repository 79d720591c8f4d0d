"""The public consultation form, as a person (or a bot) sends it."""

import re

import pytest
from django.db import OperationalError
from django.utils.html import escape
from wagtail.models import Page

from contact.models import ConsultationRequest, ContactPage, RequestEvent
from contact.outage import spool
from practice_site.core.models import PracticeSettings
from practice_site.pages.models import ClinicianOpening, ClinicianPage, ServiceIndexPage, ServicePage, TeamIndexPage
from tests.intake.rendered_form import RenderedForm

pytestmark = pytest.mark.django_db


def post(client, data):
    return client.post("/contact/", data)


def test_the_form_page_shows_the_crisis_notice_above_the_form_and_is_never_cached(client, contact_page):
    response = client.get("/contact/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "This form is not for emergencies" in html
    assert html.index('href="tel:988"') < html.index("<form")
    assert 'href="tel:911"' in html
    assert "no-store" in response["Cache-Control"]
    assert "What happens next" in html


def test_every_field_has_a_real_label(client, contact_page):
    form = client.get("/contact/").context["form"]
    html = client.get("/contact/").content.decode()
    for field in form:
        if field.is_hidden or field.name == "leave_this_empty":
            continue
        if field.use_fieldset:
            assert f"<legend class=\"field__label\">{field.label}</legend>" in html, field.name
        else:
            assert f'<label class="field__label" for="{field.id_for_label}">' in html, field.name


def openings(status: str) -> list[ClinicianOpening]:
    """One row for adults in each format, both with this status."""
    return [ClinicianOpening(session_format=session_format, age_group="adults", status=status)
            for session_format in ("in_person", "telehealth")]


def test_services_and_clinicians_offered_are_the_published_ones_taking_clients(client, contact_page, home_page):
    services = home_page.add_child(instance=ServiceIndexPage(title="Services", slug="services"))
    anxiety = services.add_child(instance=ServicePage(title="Anxiety", slug="anxiety", summary="Calm."))
    draft = services.add_child(instance=ServicePage(title="Draft service", slug="draft", summary="x", live=False))
    team = home_page.add_child(instance=TeamIndexPage(title="Team", slug="team"))
    open_ = team.add_child(
        instance=ClinicianPage(title="Dana Reyes", slug="dana", credentials="LPC-S", openings=openings("open"))
    )
    waitlist = team.add_child(
        instance=ClinicianPage(title="Sam Lee", slug="sam", credentials="LMFT", openings=openings("waitlist"))
    )
    closed = team.add_child(
        instance=ClinicianPage(title="Jo Park", slug="jo", credentials="LPC", openings=openings("closed"))
    )
    # Closed in person but open by video: open somewhere is open.
    mixed = team.add_child(instance=ClinicianPage(title="Lee Ortiz", slug="lee", credentials="LCSW", openings=[
        ClinicianOpening(session_format="in_person", age_group="adults", status="closed"),
        ClinicianOpening(session_format="telehealth", age_group="adults", status="open"),
    ]))

    form = client.get("/contact/").context["form"]

    assert form.fields["service"].choices == [("", "Not sure yet"), (str(anxiety.pk), "Anxiety")]
    assert str(draft.pk) not in dict(form.fields["service"].choices)
    assert form.fields["preferred_clinician"].choices == [
        ("", "No preference"),
        (str(open_.pk), "Dana Reyes, LPC-S"),
        (str(mixed.pk), "Lee Ortiz, LCSW"),
        (str(waitlist.pk), "Sam Lee, LMFT (waitlist)"),
    ]
    assert str(closed.pk) not in dict(form.fields["preferred_clinician"].choices)


def test_a_complete_request_is_stored_with_every_field_then_redirects_to_a_thank_you_without_personal_data(
    client, contact_page, home_page, valid_data
):
    services = home_page.add_child(instance=ServiceIndexPage(title="Services", slug="services"))
    service = services.add_child(instance=ServicePage(title="Couples", slug="couples", summary="Together."))
    team = home_page.add_child(instance=TeamIndexPage(title="Team", slug="team"))
    clinician = team.add_child(
        instance=ClinicianPage(title="Dana Reyes", slug="dana", credentials="LPC-S", openings=openings("open"))
    )
    valid_data.update(
        therapy_for="child", guardian_name="Ana Torres", payment="insurance", insurance_carrier="Aetna",
        service=str(service.pk), preferred_clinician=str(clinician.pk), in_texas="no",
        preferred_contact="text", texts_ok="on",
    )

    response = post(client, valid_data)

    assert response.status_code == 302
    assert response["Location"] == "/contact/thank-you/"
    stored = ConsultationRequest.objects.with_flags().get()
    assert stored.name == "Maya Torres"
    assert (stored.preferred_name, stored.pronouns) == ("Maya", "she/her")
    assert stored.email == "maya.torres@example.com"  # the domain is normalised
    assert stored.phone == "+12816240199"  # E.164
    assert (stored.preferred_contact, stored.voicemail_ok, stored.texts_ok) == ("text", True, True)
    assert (stored.therapy_for, stored.guardian_name, stored.is_minor) == ("child", "Ana Torres", True)
    assert stored.in_texas is False and stored.is_out_of_area
    assert (stored.service, stored.preferred_clinician) == (service.page_ptr.specific, clinician)
    assert stored.session_format == "telehealth"
    assert (stored.available_days, stored.available_times) == (["tue", "thu"], ["evening"])
    assert (stored.payment, stored.insurance_carrier) == ("insurance", "Aetna")
    assert stored.message == "Evenings work best for me."
    assert stored.privacy_notice_accepted_at is not None
    assert (stored.status, stored.spam_reason) == ("new", "")
    assert RequestEvent.objects.get(consultation=stored).action == "submitted"

    thanks = client.get(response["Location"])
    html = thanks.content.decode()
    assert thanks.status_code == 200
    assert "no-store" in thanks["Cache-Control"]
    assert "within two business days" in html
    assert "This form is not for emergencies" in html and 'href="tel:988"' in html
    assert "Maya" not in html


def test_self_pay_is_flagged_and_the_form_shows_the_good_faith_estimate(client, contact_page, valid_data):
    html = client.get("/contact/").content.decode()
    assert "If you plan to self-pay: your right to a Good Faith Estimate" in html
    assert "www.cms.gov/nosurprises" in html

    post(client, valid_data)

    assert ConsultationRequest.objects.with_flags().get().is_self_pay


def test_answers_to_questions_that_did_not_apply_are_not_kept(client, contact_page, valid_data):
    valid_data.update(therapy_for="self", guardian_name="Someone", payment="not_sure", insurance_carrier="Aetna")

    post(client, valid_data)

    stored = ConsultationRequest.objects.get()
    assert (stored.guardian_name, stored.insurance_carrier) == ("", "")


LONG_MESSAGE = "I have been feeling " + "x" * 100_000

# What the person sees in the field afterwards: the text as typed, True/False for a lone checkbox, the checked
# or selected options for a group or a list.
@pytest.mark.parametrize(
    ("changes", "field", "message", "shown"),
    [
        ({"name": ""}, "name", "Please tell us your name.", ""),
        ({"name": "M" * 151}, "name", "Please shorten this to 150 characters or fewer.", "M" * 151),
        ({"email": "", "phone": ""}, "email", "Please give us an email address or a phone number", ""),
        ({"email": "not-an-email"}, "email", "Please check the email address", "not-an-email"),
        (
            {"email": 'a@b.com"><script>alert(1)</script>'}, "email", "Please check the email address",
            'a@b.com"><script>alert(1)</script>',
        ),
        ({"phone": "12345"}, "phone", "Please check the phone number", "12345"),
        ({"phone": "(713) 555-01"}, "phone", "Please check the phone number", "(713) 555-01"),
        ({"email": "", "preferred_contact": "email"}, "email", "You chose email as the best way to reach you", ""),
        ({"phone": "", "preferred_contact": "call"}, "phone", "Please add your phone number", ""),
        ({"preferred_contact": "text"}, "texts_ok", "Please tick this box so we may text you", False),
        ({"therapy_for": "child", "guardian_name": ""}, "guardian_name", "parent or guardian’s name", ""),
        ({"in_texas": ""}, "in_texas", "whether you will be in Texas", []),
        (
            {"payment": "insurance", "insurance_carrier": ""}, "insurance_carrier",
            "name of your insurance company", "",
        ),
        # Missing consent: the box is shown unticked, as it was sent.
        ({"privacy_notice": ""}, "privacy_notice", "agree to the privacy notice", False),
        # A value that is not one of the options cannot be shown as one: none is chosen.
        ({"session_format": "teleport"}, "session_format", "Please choose one of the options.", []),
        ({"service": "999999"}, "service", "Please choose one of the options.", []),
        ({"message": LONG_MESSAGE}, "message", "Please shorten your message to 1,000 characters", LONG_MESSAGE),
        # HTML cannot carry a NUL byte (a browser would show "\ufffd" in its place), so the form shows the rest
        # of what was typed without it, beside the message about hidden characters.
        ({"name": "Maya\x00Torres"}, "name", "without hidden control characters", "MayaTorres"),
        ({"message": "hello\x00"}, "message", "Please remove the hidden control characters", "hello"),
        # Header injection attempts come back as sent (a browser drops the line breaks from a one-line box).
        ({"name": "Maya\r\nBcc: x@y.z"}, "name", "on one line", "Maya\r\nBcc: x@y.z"),
        ({"email": "a@b.com\r\nBcc: x@y.z"}, "email", "on one line", "a@b.com\r\nBcc: x@y.z"),
        ({"email": "a@b.com\nBcc: x@y.z"}, "email", "on one line", "a@b.com\nBcc: x@y.z"),
        ({"pronouns": "she\u2028her"}, "pronouns", "on one line", "she\u2028her"),
    ],
)
def test_bad_input_gets_a_kind_error_beside_the_field_keeps_what_was_typed_and_stores_nothing(
    client, contact_page, valid_data, changes, field, message, shown
):
    valid_data.update(changes)
    valid_data = {key: value for key, value in valid_data.items() if value != ""}

    response = post(client, valid_data)

    assert response.status_code == 200
    assert ConsultationRequest.objects.count() == 0
    html = response.content.decode()
    assert "<title>Error:" in html
    rendered = RenderedForm(html)
    bound = response.context["form"][field]

    # What was sent comes back in the field, escaped where it is an attribute.
    assert rendered.shown_value(bound.html_name) == shown
    first_control = rendered.controls(bound.html_name)[0]
    if isinstance(shown, str) and shown and first_control.tag == "input":
        assert f'value="{escape(shown)}"' in html
    assert "<script>alert" not in html

    # The error, beside the field, tied to it for screen readers.
    error = rendered.by_id(f"{bound.auto_id}_error")
    assert message in error.text()
    assert rendered.field_wrapper(error) is rendered.field_wrapper(first_control)
    described = rendered.field_wrapper(first_control) if bound.use_fieldset else first_control
    if bound.use_fieldset:
        (described,) = [e for e in described.descendants() if e.tag == "fieldset"]
    assert error.attrs["id"] in described.attrs["aria-describedby"].split()
    assert all(control.attrs.get("aria-invalid") == "true" for control in rendered.controls(bound.html_name))

    # In the summary, linking to the field.
    target = f"{bound.auto_id}_0" if bound.use_fieldset else bound.auto_id
    summary = rendered.by_id("error-summary")
    assert any(a.attrs.get("href") == f"#{target}" and message in a.text() for a in summary.descendants())

    # And everything else typed is still there.
    if field != "pronouns":
        assert rendered.shown_value("pronouns") == "she/her"


def test_the_header_injection_attempt_is_not_stored_and_nothing_is_mailed(
    client, contact_page, valid_data, mailoutbox, django_capture_on_commit_callbacks
):
    valid_data["email"] = "a@b.com\r\nBcc: x@y.z"
    with django_capture_on_commit_callbacks(execute=True):
        response = post(client, valid_data)
    assert response.status_code == 200
    assert ConsultationRequest.objects.count() == 0
    assert mailoutbox == []


def test_emoji_and_right_to_left_text_are_valid_and_stored_as_typed(client, contact_page, valid_data):
    valid_data.update(
        name="مريم الحسيني 🌿",
        preferred_name="‏מרים‎",
        message="שלום! I’d like evening sessions 🙏🏽 — مرحبا\r\nSecond line 👩‍👩‍👧",
    )

    response = post(client, valid_data)

    assert response.status_code == 302
    stored = ConsultationRequest.objects.get()
    assert stored.name == "مريم الحسيني 🌿"
    assert stored.preferred_name == "‏מרים‎"
    assert stored.message == "שלום! I’d like evening sessions 🙏🏽 — مرحبا\r\nSecond line 👩‍👩‍👧"


def test_an_international_phone_number_is_stored_in_e164(client, contact_page, valid_data):
    valid_data["phone"] = "+44 20 7946 0958"
    post(client, valid_data)
    assert ConsultationRequest.objects.get().phone == "+442079460958"


def test_outside_texas_is_accepted_kindly_and_flagged_out_of_area(client, contact_page, valid_data):
    html = client.get("/contact/").content.decode()
    assert "If you won’t be in Texas:" in html
    valid_data["in_texas"] = "no"

    assert post(client, valid_data).status_code == 302

    assert ConsultationRequest.objects.with_flags().get().is_out_of_area


def test_the_privacy_checkbox_links_the_notice_of_privacy_practices(client, contact_page, home_page):
    privacy = home_page.add_child(instance=Page(title="Notice of privacy practices", slug="privacy"))
    practice = PracticeSettings.load()
    practice.privacy_notice_page = privacy
    practice.save()

    html = client.get("/contact/").content.decode()

    assert '<a href="/privacy/">Read our notice of privacy practices</a>' in html


def database_down(*args, **kwargs):
    raise OperationalError("connection to server lost")


@pytest.mark.parametrize("page_needs_the_database_too", [False, True])
def test_when_the_database_fails_on_save_the_person_sees_the_phone_number_and_their_answers(
    client, contact_page, valid_data, monkeypatch, page_needs_the_database_too
):
    # No copy of the form kept on this machine yet (contact_page gives each test its own local folder).
    monkeypatch.setattr(ConsultationRequest, "save", database_down)
    if page_needs_the_database_too:
        # The full page (menus, settings) cannot be built either: a page that needs no database is shown.
        monkeypatch.setattr(ContactPage, "get_context", database_down)

    response = post(client, valid_data)

    assert response.status_code == 503
    html = response.content.decode()
    assert "We couldn’t save your request just now" in html
    assert 'href="tel:7135550142"' in html
    assert 'value="Maya Torres"' in html
    assert "Evenings work best for me." in html
    assert "This form is not for emergencies" in html
    assert ConsultationRequest.objects.count() == 0


def test_when_the_database_refuses_the_write_after_the_form_was_kept_the_request_is_spooled_and_thanked(
    client, contact_page, valid_data, monkeypatch, tmp_path
):
    client.get(contact_page.url)  # showing the form keeps this machine's copy of it
    monkeypatch.setattr(ConsultationRequest, "save", database_down)

    response = post(client, valid_data)

    assert response.status_code == 302 and response["Location"].endswith("/thank-you/")
    assert ConsultationRequest.objects.count() == 0
    assert len(list((tmp_path / "local" / "intake-spool").glob(f"*{spool.SUFFIX}"))) == 1


def test_invalid_utf8_gets_the_form_back_not_a_server_error(client, contact_page):
    response = client.post(
        "/contact/", data=b"name=%FF%FE%00&email=%C3%28&privacy_notice=on",
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 200
    assert ConsultationRequest.objects.count() == 0


def test_the_form_works_under_a_strict_content_security_policy(client, contact_page, valid_data):
    for response in (client.get("/contact/"), post(client, {**valid_data, "name": ""})):
        html = response.content.decode()
        # External scripts (the quick-exit button) are allowed; inline code is not.
        assert re.search(r"<script(?![^>]*\bsrc=)", html) is None
        assert "<style" not in html
        assert 'style="' not in html


def test_nothing_from_the_request_reaches_the_logs(
    client, contact_page, valid_data, caplog, django_capture_on_commit_callbacks
):
    caplog.set_level("DEBUG")
    with django_capture_on_commit_callbacks(execute=True):
        post(client, valid_data)
    assert ConsultationRequest.objects.count() == 1
    for value in ("Maya", "maya.torres", "2816240199", "Evenings work best"):
        assert value not in caplog.text
