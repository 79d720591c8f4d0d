from django.core.management.base import BaseCommand
from django.db import transaction

from practice_site.pages import demo_content


class Command(BaseCommand):
    help = "Fill the site with the Rooted Therapy demo practice. Safe to run again: it changes nothing twice."

    def handle(self, *args, **options):
        with transaction.atomic():
            demo_content.load()
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
