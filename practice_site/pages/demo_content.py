"""The Rooted Therapy demo practice, written for this project.

Every step looks up what it would create first, so loading twice creates nothing new.
"""

from wagtail.models import Site

from practice_site.core.models import PracticeSettings
from practice_site.pages.models import HomePage

PRACTICE = {
    "practice_name": "Rooted Therapy",
    "tagline": "Trauma-informed counseling in Houston and by telehealth throughout Texas",
    "phone": "(713) 555-0142",
    "email": "hello@rootedtherapy.example",
    "street_address": "2100 West Loop South, Suite 900\nHouston, TX 77027",
    "service_area": "In person in Houston; telehealth anywhere in Texas.",
    "hours": "Monday–Thursday, 9 am – 7 pm\nFriday, 9 am – 3 pm",
}

HOME_INTRODUCTION = (
    "<p>Rooted Therapy is a small group of licensed counselors who work gently and at your pace. "
    "We see adults, teens and couples in our Houston office and by secure video anywhere in Texas.</p>"
)


def load() -> None:
    practice = PracticeSettings.load()
    for field, value in PRACTICE.items():
        if not getattr(practice, field):
            setattr(practice, field, value)
    practice.save()

    home = HomePage.objects.get(depth=2)
    # A home page without revisions has never been touched by an editor, so it is safe to fill.
    if home.latest_revision_id is None:
        home.introduction = HOME_INTRODUCTION
        home.save_revision().publish()

    site = Site.objects.get(is_default_site=True)
    if site.site_name != PRACTICE["practice_name"]:
        site.site_name = PRACTICE["practice_name"]
        site.save()
