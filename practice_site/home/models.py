from django.db import models
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable

from blog.models import ArticlePage
from practice_site.core.blocks import BodyBlock
from practice_site.core.models import BasePage
from practice_site.pages.models import ClinicianPage, ServicePage

HOME_ARTICLE_COUNT = 3


class HomePage(BasePage):
    own_image_field = "hero_image"

    heading = models.CharField(max_length=200, default="Trauma-informed counseling in Houston and across Texas")
    introduction = RichTextField(editor="intro", blank=True)
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Its description is used as the alt text.",
    )
    call_to_action_text = models.CharField(max_length=80, default="Request a free consultation")
    call_to_action_page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Leave empty to use the consultation page from the practice settings.",
    )
    sections = StreamField(BodyBlock(), blank=True, help_text="Optional sections below the listings.")

    parent_page_types = ["wagtailcore.Page"]
    max_count = 1

    content_panels = BasePage.content_panels + [
        MultiFieldPanel(
            [
                FieldPanel("heading"),
                FieldPanel("introduction"),
                FieldPanel("hero_image"),
                FieldPanel("call_to_action_text"),
                FieldPanel("call_to_action_page"),
            ],
            heading="Welcome",
        ),
        InlinePanel("featured_service_links", label="Featured services", max_num=6),
        FieldPanel("sections"),
    ]

    class Meta:
        verbose_name = "home page"

    def featured_services(self):
        return ServicePage.objects.listed().filter(home_features__page=self).order_by("home_features__sort_order")

    def accepting_clinicians(self):
        return ClinicianPage.objects.listed().descendant_of(self).open_to_new_clients()

    def latest_articles(self):
        return ArticlePage.objects.listed().descendant_of(self)[:HOME_ARTICLE_COUNT]


class HomeFeaturedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_service_links")
    service = models.ForeignKey("pages.ServicePage", on_delete=models.CASCADE, related_name="home_features")

    panels = [FieldPanel("service")]
