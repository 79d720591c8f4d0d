"""The intake side of the free consultation call: scheduling holds the times, this says whose they are.

``IntakeCalls`` is what scheduling asks about a call (scheduling/parties.py; registered in ContactConfig.ready):
the request a call is for, what its history records when a call is held, moved or cancelled, and who may
work with calls. ``hold`` and ``active_booking`` are how the intake code books and finds a request's call.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.admin.utils import get_user_display_name

from contact.models.calls import RequestCall
from contact.models.request import ConsultationRequest, RequestEvent
from contact.review import audit
from contact.review.exports import readable_phone
from contact.review.permissions import consultation_request_policy
from practice_site.scheduling import holding
from practice_site.scheduling.emails import describe
from practice_site.scheduling.models import Booking
from practice_site.scheduling.parties import Party

Status = ConsultationRequest.Status
WORK_PERMISSIONS = ["view", "change"]


def hold(consultation: ConsultationRequest, start, *, actor=None, any_host=False) -> Booking:
    """Book ``start`` for the request. Must run inside a transaction; SlotTaken when the time is gone.

    The request's row is locked first, so two staff booking the same request at once cannot give it two calls.
    Staff (``any_host``) choose among every host's times, as their form offers them.
    """
    ConsultationRequest.objects.select_for_update().values_list("pk", flat=True).get(pk=consultation.pk)
    if active_booking(consultation) is not None:
        raise holding.SlotTaken
    clinician = None if any_host else consultation.preferred_clinician_id
    return holding.hold(consultation, start, clinician_page_id=clinician, prefer_host=consultation.assigned_to_id,
                        actor=actor)


def active_booking(consultation) -> Booking | None:
    return consultation.bookings.active().select_related("host").first()


def _host_name(host_id) -> str:
    user = get_user_model().objects.filter(pk=host_id).first()
    return get_user_display_name(user) if user else "nobody"


def _how_to_reach(consultation) -> str:
    reach = f"{consultation.get_preferred_contact_display()}: {readable_phone(consultation.phone) or 'no phone'}"
    if consultation.email:
        reach += f", {consultation.email}"
    if consultation.voicemail_ok:
        reach += " (voicemail OK)"
    return reach


def _party(consultation) -> Party:
    wants_email = consultation.email and consultation.preferred_contact == ConsultationRequest.ContactMethod.EMAIL
    return Party(
        label=f"Request #{consultation.pk}",
        staff_path=reverse("consultation_requests:inspect", args=[consultation.pk]),
        # The same rule as the acknowledgement: only people who asked to hear from us by email get email.
        email=consultation.email if wants_email else "",
        how_to_reach=_how_to_reach(consultation),
        clinician_page_id=consultation.preferred_clinician_id,
    )


def _request_of(booking) -> ConsultationRequest:
    return ConsultationRequest.objects.get(calls__booking=booking.pk)


def _follow_host(consultation, booking, actor) -> None:
    """The one rule for who owns a call: the request is assigned to whoever hosts its call, so the host can open
    it, and their agenda and feed (which list the calls they host of requests they may see) show it."""
    if booking.host_id is None or consultation.assigned_to_id == booking.host_id:
        return
    ConsultationRequest.objects.filter(pk=consultation.pk).update(assigned_to_id=booking.host_id)
    consultation.assigned_to_id = booking.host_id
    audit.record(consultation, actor, RequestEvent.Action.ASSIGNED,
                 f"Assigned to {_host_name(booking.host_id)}, who hosts the call"[:200])


class IntakeCalls:
    def parties(self, bookings) -> dict[int, Party]:
        links = RequestCall.objects.filter(booking__in=[booking.pk for booking in bookings]).select_related(
            "consultation"
        )
        return {link.booking_id: _party(link.consultation) for link in links}

    def call_held(self, booking, party, actor) -> None:
        consultation = party
        RequestCall.objects.create(booking=booking, consultation=consultation)
        consultation.status = Status.SCHEDULED
        consultation.save(update_fields=["status"])
        audit.record(consultation, actor, RequestEvent.Action.CALL,
                     f"Call booked for {describe(booking.start)} with {_host_name(booking.host_id)}"[:200])
        _follow_host(consultation, booking, actor)

    def call_moved(self, old, new, actor) -> None:
        link = RequestCall.objects.create(booking=new, consultation=_request_of(old))
        audit.record(link.consultation, actor, RequestEvent.Action.CALL,
                     f"Call moved from {describe(old.start)} to {describe(new.start)} "
                     f"with {_host_name(new.host_id)}"[:200])
        _follow_host(link.consultation, new, actor)

    def call_cancelled(self, booking, actor) -> None:
        consultation = _request_of(booking)
        who = "by the person, with their link" if actor is None else "by staff"
        audit.record(
            consultation, actor, RequestEvent.Action.CALL, f"Call on {describe(booking.start)} cancelled {who}"
        )
        if consultation.status == Status.SCHEDULED:
            # Back on the worklist: someone replies the way they asked, as without a booking.
            ConsultationRequest.objects.filter(pk=consultation.pk).update(status=Status.NEW)
            audit.record(consultation, actor, RequestEvent.Action.STATUS_CHANGED,
                         f"Status: {Status.SCHEDULED.label} → {Status.NEW.label}")

    def email_result(self, booking, detail: str) -> None:
        RequestEvent.objects.create(
            consultation_id=RequestCall.objects.get(booking=booking.pk).consultation_id,
            action=RequestEvent.Action.NOTIFICATION, detail=detail,
        )

    def is_coordinator(self, user) -> bool:
        return user.is_active and (user.is_superuser or consultation_request_policy.sees_every_request(user))

    def works_with_calls(self, user) -> bool:
        return consultation_request_policy.user_has_permission(user, "change")

    def sees_calls(self, user) -> bool:
        return consultation_request_policy.user_has_any_permission(user, WORK_PERMISSIONS)

    def staff_working_with_calls(self):
        return consultation_request_policy.users_with_any_permission(["change"])

    def assignable_staff(self):
        return consultation_request_policy.assignable_users()

    def visible_calls(self, user, bookings):
        if not self.sees_calls(user):
            raise PermissionDenied
        requests = consultation_request_policy.instances_user_has_any_permission_for(user, WORK_PERMISSIONS)
        return bookings.filter(request_call__consultation__in=requests.values("pk"))
