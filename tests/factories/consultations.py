import datetime

import factory
from django.utils import timezone

from contact.models import ConsultationRequest


class ConsultationRequestFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ConsultationRequest

    received_at = factory.LazyFunction(timezone.now)
    name = factory.Sequence(lambda n: f"Person {n} Example")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    phone = factory.Sequence(lambda n: f"+1713555{n % 10000:04d}")
    preferred_contact = ConsultationRequest.ContactMethod.EMAIL
    voicemail_ok = False
    texts_ok = True
    therapy_for = ConsultationRequest.TherapyFor.SELF
    in_texas = True
    session_format = ConsultationRequest.SessionFormat.TELEHEALTH
    payment = ConsultationRequest.Payment.INSURANCE
    privacy_notice_accepted_at = factory.LazyAttribute(lambda consultation: consultation.received_at)

    @classmethod
    def aged(cls, days: int, **kwargs):
        """A request received, and last changed, ``days`` ago (``updated_at`` is auto_now, hence the update)."""
        moment = timezone.now() - datetime.timedelta(days=days)
        consultation = cls(received_at=moment, **kwargs)
        ConsultationRequest.objects.filter(pk=consultation.pk).update(updated_at=moment)
        return consultation


def form_answers(**changes) -> dict:
    """A complete consultation request as the form posts it (add a form token to send it)."""
    return {
        "name": "Maya Torres",
        "preferred_name": "Maya",
        "pronouns": "she/her",
        "email": "maya.torres@Example.COM",
        "phone": "(281) 624-0199",
        "preferred_contact": "email",
        "voicemail_ok": "on",
        "therapy_for": "self",
        "in_texas": "yes",
        "service": "",
        "preferred_clinician": "",
        "session_format": "telehealth",
        "available_days": ["tue", "thu"],
        "available_times": ["evening"],
        "payment": "self_pay",
        "message": "Evenings work best for me.",
        "privacy_notice": "on",
        "leave_this_empty": "",
        **changes,
    }
