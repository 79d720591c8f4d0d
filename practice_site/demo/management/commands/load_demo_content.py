from django.core.management.base import BaseCommand
from django.db import transaction

from practice_site.demo import consultation, content


class Command(BaseCommand):
    help = "Fill the site with the Rooted Therapy demo practice. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            content.load()
            # The consultation page hangs under the home page the content loader has just filled.
            consultation.load()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
