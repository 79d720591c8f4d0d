from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.fields import RichTextField

from practice_site.core.models import BasePage


class HomePage(BasePage):
    heading = models.CharField(max_length=200, default="Trauma-informed counseling in Houston and across Texas")
    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)
    call_to_action_text = models.CharField(max_length=80, default="Request a free consultation")
    call_to_action_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Usually the consultation request page.",
    )

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("heading"),
                FieldPanel("introduction"),
                FieldPanel("call_to_action_text"),
                FieldPanel("call_to_action_page"),
            ],
            heading="Welcome",
        ),
    ]

    class Meta:
        verbose_name = "home page"


class ServiceIndexPage(BasePage):
    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ServicePage"]
    max_count = 1

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = "services index"


class ServicePage(BasePage):
    summary = models.TextField(max_length=400, help_text="One or two calm sentences shown in listings.")

    parent_page_types = ["pages.ServiceIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("summary")]

    class Meta:
        verbose_name = "service"


class TeamIndexPage(BasePage):
    introduction = RichTextField(features=["bold", "italic", "link"], blank=True)

    parent_page_types = ["pages.HomePage"]
    subpage_types = ["pages.ClinicianPage"]
    max_count = 1

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        verbose_name = "team index"


class ClinicianPage(BasePage):
    class Availability(models.TextChoices):
        ACCEPTING = "yes", "Accepting new clients"
        WAITLIST = "waitlist", "Waitlist"
        NOT_ACCEPTING = "no", "Not accepting new clients"

    credentials = models.CharField(max_length=60, help_text="For example LPC-S, LMFT, LPC Associate.")
    accepting_new_clients = models.CharField(
        max_length=10, choices=Availability.choices, default=Availability.ACCEPTING
    )

    parent_page_types = ["pages.TeamIndexPage"]
    subpage_types = []

    content_panels = BasePage.content_panels + [FieldPanel("credentials"), FieldPanel("accepting_new_clients")]

    class Meta:
        verbose_name = "clinician"
