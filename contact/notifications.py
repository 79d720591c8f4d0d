"""The emails about a request. None carries what the person wrote about themselves.

Email is not a safe place for health information, so staff get only a link to the request in the
admin, and the sender gets only a confirmation that their request arrived, or, when the practice declines,
the referral reply a coordinator previewed: their first name and the referrals chosen for them.
"""

from django.conf import settings
from django.core.mail import EmailMessage
from django.urls import reverse

from contact.models.request import ConsultationRequest, RequestNotification
from practice_site.core.models import PracticeSettings
from practice_site.scheduling import emails as call_emails


class NoRecipientsError(Exception):
    """Neither INTAKE_NOTIFICATION_EMAILS nor the practice email is set."""


def admin_url(consultation: ConsultationRequest) -> str:
    return settings.WAGTAILADMIN_BASE_URL + reverse("consultation_requests:inspect", args=[consultation.pk])


def staff_alert(consultation: ConsultationRequest, practice: PracticeSettings) -> EmailMessage:
    recipients = list(settings.INTAKE_NOTIFICATION_EMAILS) or ([practice.email] if practice.email else [])
    if not recipients:
        raise NoRecipientsError
    body = (
        "A new consultation request is waiting.\n\n"
        f"Read it in the admin (sign-in required):\n{admin_url(consultation)}\n\n"
        "For privacy, this email never includes anything from the request.\n"
    )
    return EmailMessage("A new consultation request is waiting", body, to=recipients)


def set_aside_alert(count: int) -> EmailMessage:
    """Spool files that could not be read after an outage: the files stay on the server for an operator."""
    practice = PracticeSettings.load()
    recipients = list(settings.INTAKE_NOTIFICATION_EMAILS) or ([practice.email] if practice.email else [])
    if not recipients:
        raise NoRecipientsError
    body = (
        f"{count} consultation request(s) sent during a database outage could not be read back from the "
        "server's spool. The files are kept (in the spool's rejected/ folder) for whoever runs the server: "
        "please ask them to look, as someone may be waiting for a reply.\n"
    )
    return EmailMessage("A consultation request needs attention", body, to=recipients)


def reply_promise(practice: PracticeSettings) -> str:
    return f"Someone from our intake team will reply {practice.reply_promise}, the way you asked us to."


def acknowledgement(consultation: ConsultationRequest, practice: PracticeSettings) -> EmailMessage:
    contact_line = f" If you need us sooner, call {practice.phone}." if practice.phone else ""
    booking = consultation.bookings.active().first()
    if booking:
        next_step = call_emails.call_paragraphs(booking, practice) + contact_line.strip()
    elif consultation.status == ConsultationRequest.Status.WAITLIST:
        # They joined the waitlist on the form: no reply is promised, a place is.
        next_step = (
            "You are on our waitlist, and we will contact you when a place opens. Every "
            f"{settings.WAITLIST_CHECK_IN_WEEKS} weeks we will email you to ask whether you would like to keep "
            "your place." + contact_line
        )
    else:
        next_step = reply_promise(practice) + contact_line
    body = (
        f"Thank you for contacting {practice.practice_name}. We have received your consultation request.\n\n"
        f"{next_step}\n\n"
        f"{practice.crisis_notice}\n\n"
        "If you did not send this request, you can ignore this email.\n"
    )
    return EmailMessage(f"We received your request – {practice.practice_name}", body, to=[consultation.email])


def referral_reply(consultation: ConsultationRequest, practice: PracticeSettings) -> EmailMessage:
    """Exactly the text a coordinator previewed and sent: their chosen referrals, nothing else from the request."""
    reply = consultation.referral_reply
    return EmailMessage(reply.subject, reply.body, to=[consultation.email])


BUILDERS = {
    RequestNotification.Kind.STAFF_ALERT: staff_alert,
    RequestNotification.Kind.ACKNOWLEDGEMENT: acknowledgement,
    RequestNotification.Kind.REFERRAL: referral_reply,
}


def build(notification: RequestNotification) -> EmailMessage:
    return BUILDERS[notification.kind](notification.consultation, PracticeSettings.load())


def kinds_for(consultation: ConsultationRequest) -> list[str]:
    """Which emails a new request gets. Spam gets none: a form must never become a way to send mail."""
    if consultation.status == ConsultationRequest.Status.SPAM:
        return []
    kinds = [RequestNotification.Kind.STAFF_ALERT]
    if consultation.email and consultation.preferred_contact == ConsultationRequest.ContactMethod.EMAIL:
        kinds.append(RequestNotification.Kind.ACKNOWLEDGEMENT)
    return kinds
