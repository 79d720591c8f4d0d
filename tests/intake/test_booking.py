"""Booking the free call from the consultation form, and the link to cancel or move it."""

import base64
import re
from datetime import time, timedelta

import pytest
from django.core import signing
from django.utils import timezone
from icalendar import Calendar

from contact.models import ConsultationRequest, RequestEvent
from practice_site.scheduling import slots
from practice_site.scheduling import tasks as call_tasks
from practice_site.scheduling.emails import describe
from practice_site.scheduling.models import Booking
from practice_site.scheduling.tokens import make_token, read_calendar_token, read_token
from tests.factories.scheduling import all_week, make_host, request_of
from tests.factories.scheduling import book as hold_for

pytestmark = pytest.mark.django_db

TAKEN = "That time was just taken — here are the times still open"


@pytest.fixture
def host(db):
    return make_host(hours=all_week(time(8), time(18)))


def typed_values(data):
    """What the person typed, in the forms it could be echoed back: none of it may leave in an email or file."""
    return [data["name"], data["preferred_name"], data["pronouns"], data["message"], "maya.torres", "624-0199",
            "6240199", "Evenings work best"]


def book(client, valid_data, slot, **extra):
    return client.post("/contact/", valid_data | {"consultation_time": slot.value} | extra)


def test_the_form_offers_open_times_by_day_earliest_first_with_no_time_as_the_default(client, contact_page, host):
    html = client.get("/contact/").content.decode()
    assert '<legend class="field__label">Pick a time for your free 15-minute phone call</legend>' in html
    assert "Times are in Central Time" in html and "Mountain Time" in html
    assert re.search(r'<input type="radio" name="consultation_time" value="" id="id_consultation_time_0" checked>',
                     html)
    assert "None of these work — please contact me instead" in html
    first_days = [day for day, _ in slots.by_day(slots.open_slots())][:3]
    legends = re.findall(r'<legend class="times-day__label">([^<]+)</legend>', html)
    assert legends[:3] == [f"{day:%A, %B} {day.day}" for day in first_days]
    values = re.findall(r'name="consultation_time" value="(\d{8}T\d{4}Z)"', html)
    assert values == sorted(values) and values[0] == slots.open_slots()[0].value


def test_without_hosts_the_question_is_left_out_and_the_form_works_as_before(client, contact_page, valid_data):
    assert "Pick a time" not in client.get("/contact/").content.decode()
    assert client.post("/contact/", valid_data).status_code == 302
    assert ConsultationRequest.objects.get().status == "new"


def test_choosing_none_keeps_todays_flow(client, contact_page, host, valid_data):
    response = client.post("/contact/", valid_data | {"consultation_time": ""})
    assert response.status_code == 302 and "consultation_call" not in response.cookies
    assert ConsultationRequest.objects.get().status == "new"
    assert not Booking.objects.exists()


def test_a_chosen_time_is_booked_with_the_request_and_shown_with_a_calendar_file(client, contact_page, host,
                                                                                  valid_data):
    slot = slots.open_slots()[1]
    response = book(client, valid_data, slot)
    assert response.status_code == 302 and response["Location"].endswith("/contact/thank-you/")

    consultation = ConsultationRequest.objects.get()
    booking = Booking.objects.get()
    assert (request_of(booking), booking.host, booking.start, booking.status) == (
        consultation, host.host, slot.start, "booked")
    assert consultation.status == ConsultationRequest.Status.SCHEDULED
    assert consultation.get_status_display() == "Consultation scheduled"
    assert consultation.assigned_to == host.host
    assert consultation.events.filter(action=RequestEvent.Action.CALL).exists()

    thanks = client.get("/contact/thank-you/").content.decode()
    assert describe(slot.start) in thanks
    calendar_url = re.search(r'href="([^"]+/calendar/)"', thanks).group(1)
    download = client.get(calendar_url)
    assert download["Content-Type"].startswith("text/calendar")
    assert "attachment" in download["Content-Disposition"]
    (event,) = Calendar.from_ical(download.content).walk("VEVENT")
    assert event.decoded("dtstart") == slot.start
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(minutes=15)
    assert "Rooted Therapy" in str(event["summary"]) and "(713) 555-0142" in str(event["description"])
    text = download.content.decode()
    for value in typed_values(valid_data):
        assert value not in text


def test_spam_never_holds_a_time(client, contact_page, host, valid_data):
    book(client, valid_data, slots.open_slots()[0], leave_this_empty="http://spam.example")
    assert ConsultationRequest.objects.get().status == "spam"
    assert not Booking.objects.exists()


def test_a_time_taken_meanwhile_brings_the_form_back_with_everything_typed(client, contact_page, host, valid_data):
    slot = slots.open_slots()[0]
    other = ConsultationRequest.objects.create(
        name="Someone Else", preferred_contact="call", therapy_for="self", in_texas=True, session_format="either",
        payment="not_sure", privacy_notice_accepted_at=timezone.now(),
    )
    hold_for(other, host=host.host, start=slot.start, end=slot.end)

    response = book(client, valid_data, slot)

    assert response.status_code == 409
    html = response.content.decode()
    assert TAKEN in html
    assert 'value="Maya Torres"' in html and "Evenings work best for me." in html
    assert f'value="{slot.value}"' not in html  # the taken time is no longer offered
    assert re.search(r'value="" id="id_consultation_time_0" checked', html)
    assert ConsultationRequest.objects.count() == 1  # only the other person's
    assert Booking.objects.count() == 1


def test_a_time_gone_from_the_schedule_is_refused_the_same_way(client, contact_page, host, valid_data):
    slot = slots.open_slots()[0]
    host.takes_calls = False
    host.save()
    response = book(client, valid_data, slot)
    assert response.status_code == 409 and TAKEN in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_a_call_needs_a_phone_number(client, contact_page, host, valid_data):
    response = book(client, valid_data | {"phone": ""}, slots.open_slots()[0])
    assert response.status_code == 200
    assert "To have us call you at the time you picked, please add your phone number" in response.content.decode()
    assert not ConsultationRequest.objects.exists()


def test_the_acknowledgement_gives_the_time_and_a_link_and_nothing_typed(
    client, contact_page, host, valid_data, mailoutbox, django_capture_on_commit_callbacks
):
    slot = slots.open_slots()[0]
    with django_capture_on_commit_callbacks(execute=True):
        book(client, valid_data, slot)
    (ack,) = [message for message in mailoutbox if message.to == ["maya.torres@example.com"]]
    assert describe(slot.start) in ack.body
    (notice,) = [message for message in mailoutbox if message.to == [host.host.email]]
    consultation = ConsultationRequest.objects.get()
    assert notice.subject == f"New consultation call – Request #{consultation.pk}"
    assert notice.body.startswith(f"New consultation call: Request #{consultation.pk}, {describe(slot.start)}.")
    link = re.search(r"(http\S+/contact/call/\S+/)", ack.body).group(1)
    assert "two business days" not in ack.body
    for message in mailoutbox:
        for value in typed_values(valid_data):
            assert value not in message.body and value not in message.subject
    assert client.get(link.split("localhost", 1)[-1]).status_code == 200


@pytest.fixture
def deferring_queue(settings):
    """A backend that, like the production database queue, keeps tasks for later."""
    settings.TASKS = {**settings.TASKS,
                      settings.BACKGROUND_QUEUE: {"BACKEND": "django.tasks.backends.dummy.DummyBackend"}}
    backend = call_tasks.send_call_email.get_backend()
    backend.clear()
    return backend


def reminders(backend):
    return [result for result in backend.results if result.task.func is call_tasks.send_call_email.func
            and result.args[1] == "reminder"]


def test_the_reminder_is_queued_for_the_day_before_and_sent_once(
    client, contact_page, host, valid_data, mailoutbox, django_capture_on_commit_callbacks, deferring_queue
):
    slot = slots.open_slots()[-1]
    with django_capture_on_commit_callbacks(execute=True):
        book(client, valid_data, slot)
    booking = Booking.objects.get()
    (queued,) = reminders(deferring_queue)
    assert queued.task.run_after == slot.start - timedelta(days=1)
    assert queued.args == [booking.pk, "reminder"]

    assert call_tasks.send_call_email.call(booking.pk, "reminder") == "sent"
    assert call_tasks.send_call_email.call(booking.pk, "reminder") == "skipped"
    (reminder,) = mailoutbox
    assert reminder.subject.startswith("Reminder") and describe(slot.start) in reminder.body
    for value in typed_values(valid_data):
        assert value not in reminder.body
    booking.refresh_from_db()
    assert booking.reminder_sent_at is not None


def test_no_reminder_after_a_cancel_or_a_move(
    client, contact_page, host, valid_data, mailoutbox, django_capture_on_commit_callbacks, deferring_queue
):
    later = slots.open_slots()[-3:]
    with django_capture_on_commit_callbacks(execute=True):
        book(client, valid_data, later[0])
    first = Booking.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/contact/call/{make_token(first)}/", {"action": "move", "consultation_time": later[1].value})
    moved = Booking.objects.get(status="booked")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/contact/call/{make_token(moved)}/", {"action": "cancel"})

    assert len(reminders(deferring_queue)) == 2  # one per booking, each checks the booking when it runs
    assert call_tasks.send_call_email.call(first.pk, "reminder") == "skipped"
    assert call_tasks.send_call_email.call(moved.pk, "reminder") == "skipped"
    assert mailoutbox == []


def test_the_link_cancels_once_frees_the_time_and_then_refuses_kindly(client, contact_page, host, valid_data):
    slot = slots.open_slots()[0]
    book(client, valid_data, slot)
    url = f"/contact/call/{make_token(Booking.objects.get())}/"

    page = client.get(url)
    assert page.status_code == 200 and describe(slot.start) in page.content.decode()
    response = client.post(url, {"action": "cancel"})
    assert response.status_code == 200 and "Your call is cancelled" in response.content.decode()
    assert Booking.objects.get().status == "cancelled"
    assert slots.open_slots()[0].start == slot.start  # free again
    consultation = ConsultationRequest.objects.get()
    assert consultation.status == "new"
    assert consultation.events.filter(action="call", detail__contains="cancelled").exists()

    for again in (client.get(url), client.post(url, {"action": "cancel"})):
        assert again.status_code == 410
        assert "This link has already been used" in again.content.decode()


def test_the_link_moves_the_call_once(client, contact_page, host, valid_data):
    first, second = slots.open_slots()[:2]
    book(client, valid_data, first)
    old = Booking.objects.get()
    url = f"/contact/call/{make_token(old)}/"

    response = client.post(url, {"action": "move", "consultation_time": second.value})
    html = response.content.decode()
    assert response.status_code == 200 and "Your call has a new time" in html and describe(second.start) in html
    old.refresh_from_db()
    new = Booking.objects.get(status="booked")
    assert (old.status, new.start) == ("moved", second.start)
    assert first.start in [slot.start for slot in slots.open_slots()]
    # The signature carries its time, so the link is read back rather than made again.
    links = re.findall(r"/contact/call/([\w-]+)/(?!calendar/)", html)
    assert [read_token(token)[0] for token in links] == [new] * len(links) and links
    (calendar_token,) = re.findall(r"/contact/call/([\w-]+)/calendar/", html)
    assert read_calendar_token(calendar_token) == new

    again = client.post(url, {"action": "move", "consultation_time": first.value})
    assert again.status_code == 410 and "This link has already been used" in again.content.decode()
    assert Booking.objects.filter(status="booked").get() == new


def test_forged_and_expired_links_are_refused_kindly(client, contact_page, host, valid_data):
    book(client, valid_data, slots.open_slots()[0])
    booking = Booking.objects.get()
    token = make_token(booking)

    other_salt = base64.urlsafe_b64encode(signing.dumps(booking.pk, salt="other").encode()).decode().rstrip("=")
    forged = [token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB"), other_salt, "not-a-token", "x"]
    for bad in forged:
        response = client.get(f"/contact/call/{bad}/")
        assert response.status_code == 404
        assert "We couldn’t open this link" in response.content.decode()
        assert "(713) 555-0142" in response.content.decode()

    Booking.objects.filter(pk=booking.pk).update(start=timezone.now() - timedelta(hours=1),
                                                 end=timezone.now() - timedelta(minutes=45))
    for response in (client.get(f"/contact/call/{token}/"), client.post(f"/contact/call/{token}/",
                                                                        {"action": "cancel"})):
        assert response.status_code == 410 and "This link has expired" in response.content.decode()
    assert Booking.objects.get().status == "booked"


def test_the_visitor_form_says_when_a_time_is_not_the_chosen_clinicians(client, contact_page, valid_data,
                                                                          home_page):
    from tests.factories.pages import ClinicianFactory, TeamIndexFactory
    from tests.factories.users import clinician

    page = ClinicianFactory(parent=TeamIndexFactory(parent=home_page))
    make_host(user=clinician(), clinician_page=page, hours=[(day, time(9), time(10)) for day in range(7)])
    make_host(user=clinician(), hours=[(day, time(14), time(15)) for day in range(7)])
    afternoon = next(slot for slot in slots.open_slots() if slot.local_start.hour == 14)
    response = client.post("/contact/", valid_data | {"preferred_clinician": page.pk,
                                                     "consultation_time": afternoon.value})
    html = response.content.decode()
    assert "That time is with another member of our team, not the clinician you chose." in html
    assert "That time was just taken" not in html
    assert not ConsultationRequest.objects.exists()


def _calendar_event(client, url):
    calendar = Calendar.from_ical(client.get(url).content)
    (event,) = calendar.walk("VEVENT")
    return calendar, event


def test_the_calendar_link_only_reads_and_the_manage_link_does_not_serve_the_calendar(
    client, contact_page, host, valid_data
):
    book(client, valid_data, slots.open_slots()[0])
    thanks = client.get("/contact/thank-you/").content.decode()
    calendar_url = re.search(r'href="([^"]+/calendar/)"', thanks).group(1)
    manage_url = re.search(r'href="(/contact/call/[^"/]+/)"', thanks).group(1)
    calendar_token = calendar_url.rstrip("/").split("/")[-2]
    assert calendar_token not in manage_url
    # Someone given the calendar address (a calendar service) can neither see the manage page nor cancel.
    assert client.get(f"/contact/call/{calendar_token}/").status_code == 404
    assert client.post(f"/contact/call/{calendar_token}/", {"action": "cancel"}).status_code == 404
    assert Booking.objects.get().status == "booked"
    assert client.get(manage_url + "calendar/").status_code == 404


def test_a_staff_move_and_cancel_tell_the_person_and_update_their_calendar(
    client, contact_page, host, valid_data, mailoutbox, django_capture_on_commit_callbacks
):
    from tests.security.helpers import force_login_verified

    coordinator_user = host.host  # the host's factory user is a coordinator

    first, second = slots.open_slots()[0], slots.open_slots()[3]
    with django_capture_on_commit_callbacks(execute=True):
        book(client, valid_data | {"preferred_contact": "email"}, first)
    thanks = client.get("/contact/thank-you/").content.decode()
    calendar_url = re.search(r'href="([^"]+/calendar/)"', thanks).group(1)
    _, before = _calendar_event(client, calendar_url)
    consultation = ConsultationRequest.objects.get()
    mailoutbox.clear()

    force_login_verified(client, coordinator_user)
    call_page = f"/admin/consultation-requests/{consultation.pk}/call/"
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(call_page, {"consultation_time": second.value})
    assert response.status_code == 302
    (moved,) = [message for message in mailoutbox if message.to == ["maya.torres@example.com"]]
    assert describe(second.start) in moved.body
    (notice,) = [message for message in mailoutbox if message.to == [host.host.email]]
    assert notice.subject == f"Consultation call moved – Request #{consultation.pk}"
    assert describe(second.start) in notice.body
    (attachment,) = moved.attachments
    event = Calendar.from_ical(attachment[1]).walk("VEVENT")[0]
    assert (str(event["uid"]), event.decoded("dtstart"), int(event["sequence"])) == (
        str(before["uid"]), second.start, int(before["sequence"]) + 1)
    # The address saved from the thank-you page follows the call to its new time.
    assert _calendar_event(client, calendar_url)[1].decoded("dtstart") == second.start

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(call_page, {"action": "cancel"})
    (cancelled,) = [message for message in mailoutbox if message.to == ["maya.torres@example.com"]]
    (notice,) = [message for message in mailoutbox if message.to == [host.host.email]]
    assert notice.subject == f"Consultation call cancelled – Request #{consultation.pk}"
    assert "Maya" not in notice.body and "Torres" not in notice.body
    assert "cancelled by our team" in cancelled.body and describe(second.start) in cancelled.body
    calendar, event = _calendar_event(client, calendar_url)
    assert str(calendar["method"]) == "CANCEL" and str(event["status"]) == "CANCELLED"
    assert str(event["uid"]) == str(before["uid"]) and int(event["sequence"]) == int(before["sequence"]) + 2
    for message in (moved, cancelled):
        calendar_text = Calendar.from_ical(message.attachments[0][1]).to_ical().decode()
        for value in typed_values(valid_data):
            assert value not in message.body and value not in calendar_text
