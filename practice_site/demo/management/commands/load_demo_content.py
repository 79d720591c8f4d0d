from django.core.management.base import BaseCommand
from django.db import transaction
from wagtail.images import get_image_model
from wagtail.models import Page

from blog.models import Topic
from practice_site.demo import consultation, content, referrals, scheduling
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.referrals.models import ReferralEntry
from practice_site.scheduling.models import ConsultationSchedule


def counts() -> dict[str, int]:
    return {
        "pages": Page.objects.count(),
        "pictures": get_image_model().objects.count(),
        "topics": Topic.objects.count(),
        "concerns": Concern.objects.count(),
        "insurance plans": InsurancePlan.objects.count(),
        "consultation schedules": ConsultationSchedule.objects.count(),
        "referral entries": ReferralEntry.objects.count(),
    }


class Command(BaseCommand):
    help = "Fill the site with the Rooted Therapy demo practice. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        before = counts()
        with transaction.atomic():
            self.stdout.write(
                "Loading the practice, concerns and insurance plans, services, team, articles and practice pages…"
            )
            content.load()
            # The consultation page hangs under the home page the content loader has just filled.
            self.stdout.write("Loading the consultation page…")
            consultation.load()
            self.stdout.write("Loading the demo hosts of consultation calls…")
            scheduling.load()
            self.stdout.write("Loading the referral directory…")
            referrals.load()
        added = ", ".join(f"{after - before[name]} {name}" for name, after in counts().items())
        self.stdout.write(self.style.SUCCESS(f"Demo content is in place (added {added})."))
