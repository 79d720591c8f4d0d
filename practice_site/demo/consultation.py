"""The demo practice's consultation page. Safe to load again: it creates nothing twice."""

from contact.models import ContactPage
from practice_site.core.models import PracticeSettings
from practice_site.home.models import HomePage

INTRODUCTION = (
    "<p>Reaching out can be hard. This short form is the first step: tell us a little about what you are "
    "looking for, and we will get back to you to arrange a free 15-minute phone consultation. There is no "
    "obligation, and you can share as much or as little as you like.</p>"
)


def load() -> ContactPage:
    page = ContactPage.objects.first()
    if page is None:
        home = HomePage.objects.get(depth=2)
        page = home.add_child(
            instance=ContactPage(
                title="Request a free consultation",
                slug="contact",
                seo_title="Request a free consultation",
                search_description="Ask for a free 15-minute consultation with a Rooted Therapy counselor.",
                introduction=INTRODUCTION,
                show_in_menus=False,
            )
        )
        page.save_revision().publish()

    practice = PracticeSettings.load()
    if practice.consultation_page_id is None:
        practice.consultation_page = page
        practice.save(update_fields=["consultation_page"])
    return page
