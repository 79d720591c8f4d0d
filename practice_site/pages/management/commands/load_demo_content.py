from django.core.management.base import BaseCommand
from django.db import transaction

from contact import demo_content as contact_demo_content
from practice_site.pages import demo_content


class Command(BaseCommand):
    help = "Fill the site with the Rooted Therapy demo practice. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo_content.load()
            # The consultation page hangs under the home page the pages loader has just filled.
            contact_demo_content.load()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
