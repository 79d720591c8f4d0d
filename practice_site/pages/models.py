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
