import datetime

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
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
    privacy_notice_accepted_at = factory.LazyAttribute(lambda request: request.received_at)

    @classmethod
    def aged(cls, days: int, **kwargs):
        """A request received, and last changed, ``days`` ago (``updated_at`` is auto_now, hence the update)."""
        moment = timezone.now() - datetime.timedelta(days=days)
        request = cls(received_at=moment, **kwargs)
        ConsultationRequest.objects.filter(pk=request.pk).update(updated_at=moment)
        return request


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    email = factory.Sequence(lambda n: f"staff{n}@rooted.example")
    password = factory.PostGenerationMethodCall("set_password", "a-long-test-password")

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        self.save()
        for name in extracted or []:
            self.groups.add(Group.objects.get(name=name))


def coordinator(**kwargs):
    return UserFactory(groups=["Intake coordinators"], **kwargs)


def clinician(**kwargs):
    return UserFactory(groups=["Clinicians"], **kwargs)


def editor(**kwargs):
    return UserFactory(groups=["Editors"], **kwargs)
