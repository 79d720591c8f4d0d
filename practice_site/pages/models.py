from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable
from wagtail.search import index

from practice_site.core.blocks import RICH_TEXT_FEATURES
from practice_site.core.models import INTRO_FEATURES, BasePage, SectionIndexPage
from practice_site.pages.blocks import HomeSectionBlock, QuestionsBlock, StandardBodyBlock

HOME_ARTICLE_COUNT = 3
RELATED_ARTICLE_COUNT = 3


def with_image_renditions(queryset, image_field):
    """Join the image and fetch its renditions in one extra query, so cards never query per item."""
    return queryset.select_related(image_field).prefetch_related(f"{image_field}__renditions")


def live_services():
    return ServicePage.objects.live().public().defer_streamfields().order_by("path")


def live_clinicians():
    return with_image_renditions(ClinicianPage.objects.live().public(), "photo").order_by("path")


def live_articles():
    from blog.models import ArticlePage

    return ArticlePage.objects.listed()


class SessionFormats(models.Model):
    in_person = models.BooleanField("in person (Houston office)", default=True)
    telehealth = models.BooleanField("telehealth (video, anywhere in Texas)", default=True)

    class Meta:
        abstract = True

    @property
    def formats(self) -> list[str]:
        return [label for offered, label in ((self.in_person, "In person"), (self.telehealth, "Telehealth")) if offered]


class HomePage(BasePage):
    own_image_field = "hero_image"

    heading = models.CharField(max_length=200, default="Trauma-informed counseling in Houston and across Texas")
    introduction = RichTextField(features=INTRO_FEATURES, blank=True)
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
    sections = StreamField(HomeSectionBlock(), blank=True, help_text="Optional sections below the listings.")

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
        return live_services().filter(home_features__page=self).order_by("home_features__sort_order")

    def accepting_clinicians(self):
        return live_clinicians().descendant_of(self).filter(
            accepting_new_clients=ClinicianPage.Availability.ACCEPTING
        )

    def latest_articles(self):
        return live_articles().descendant_of(self)[:HOME_ARTICLE_COUNT]


class HomeFeaturedService(Orderable):
    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_service_links")
    service = models.ForeignKey("pages.ServicePage", on_delete=models.CASCADE, related_name="home_features")

    panels = [FieldPanel("service")]


class ServiceIndexPage(SectionIndexPage):
    subpage_types = ["pages.ServicePage"]

    class Meta:
        verbose_name = "services index"

    def services(self):
        return live_services().child_of(self)


class ServicePage(SessionFormats, BasePage):  # noqa: DJ008 (Page supplies __str__)
    summary = models.TextField(max_length=400, help_text="One or two calm sentences shown in listings.")
    who_it_helps = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    what_to_expect = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    session_length_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    fee = models.CharField(max_length=80, blank=True, help_text="As it should be shown, e.g. $160 per session.")
    faq = StreamField(QuestionsBlock(), blank=True, verbose_name="short FAQ")
    call_to_action_text = models.CharField(max_length=80, default="Request a free consultation")

    parent_page_types = ["pages.ServiceIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("summary"),
        index.SearchField("who_it_helps"),
        index.SearchField("what_to_expect"),
    ]

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("who_it_helps"),
        FieldPanel("what_to_expect"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("in_person"), FieldPanel("telehealth")]),
                FieldRowPanel([FieldPanel("session_length_minutes"), FieldPanel("fee")]),
            ],
            heading="Sessions",
        ),
        FieldPanel("faq"),
        FieldPanel("call_to_action_text"),
    ]

    class Meta:
        verbose_name = "service"

    def related_clinicians(self):
        return live_clinicians().filter(specialties=self)

    def related_articles(self):
        return live_articles().filter(related_services=self)[:RELATED_ARTICLE_COUNT]


class TeamIndexPage(SectionIndexPage):
    subpage_types = ["pages.ClinicianPage"]

    class Meta:
        verbose_name = "team index"

    def clinicians(self):
        return live_clinicians().child_of(self).prefetch_related(
            Prefetch("specialties", queryset=live_services().only("id", "title"), to_attr="listed_specialties")
        )


class ClinicianPage(SessionFormats, BasePage):  # noqa: DJ008 (Page supplies __str__)
    own_image_field = "photo"

    class Availability(models.TextChoices):
        ACCEPTING = "yes", "Accepting new clients"
        WAITLIST = "waitlist", "Waitlist"
        NOT_ACCEPTING = "no", "Not accepting new clients"

    class LicenseType(models.TextChoices):
        LPC = "LPC", "Licensed Professional Counselor (LPC)"
        LPC_S = "LPC-S", "LPC-Supervisor (LPC-S)"
        LPC_ASSOCIATE = "LPC Associate", "LPC Associate"
        LMFT = "LMFT", "Licensed Marriage and Family Therapist (LMFT)"
        LMFT_ASSOCIATE = "LMFT Associate", "LMFT Associate"
        LCSW = "LCSW", "Licensed Clinical Social Worker (LCSW)"
        LMSW = "LMSW", "Licensed Master Social Worker (LMSW)"
        PSYCHOLOGIST = "Psychologist", "Licensed Psychologist"

    SUPERVISED_LICENSES = {LicenseType.LPC_ASSOCIATE, LicenseType.LMFT_ASSOCIATE}

    pronouns = models.CharField(max_length=40, blank=True, help_text="For example she/her, they/them.")
    credentials = models.CharField(max_length=60, help_text="For example LPC-S, LMFT, LPC Associate.")
    license_type = models.CharField(max_length=20, choices=LicenseType.choices, default=LicenseType.LPC)
    license_number = models.CharField(max_length=30, blank=True)
    supervisor_name = models.CharField(
        max_length=120, blank=True,
        help_text="Required for associates: Texas rules say “supervised by” and the supervisor’s name.",
    )
    photo = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Its description is used as the alt text.",
    )
    biography = RichTextField(features=RICH_TEXT_FEATURES, blank=True)
    specialties = ParentalManyToManyField("pages.ServicePage", blank=True, related_name="clinicians")
    approaches = models.CharField(max_length=300, blank=True, help_text="Separated by commas, e.g. EMDR, CBT, IFS.")
    languages = models.CharField(max_length=200, default="English", help_text="Separated by commas.")
    accepting_new_clients = models.CharField(
        max_length=10, choices=Availability.choices, default=Availability.ACCEPTING
    )

    parent_page_types = ["pages.TeamIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [
        index.SearchField("biography"),
        index.SearchField("approaches"),
        index.SearchField("credentials"),
    ]

    content_panels = BasePage.content_panels + [
        FieldRowPanel([FieldPanel("pronouns"), FieldPanel("credentials")]),
        MultiFieldPanel(
            [FieldPanel("license_type"), FieldPanel("license_number"), FieldPanel("supervisor_name")],
            heading="License",
        ),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("specialties"),
        FieldPanel("approaches"),
        FieldPanel("languages"),
        FieldRowPanel([FieldPanel("in_person"), FieldPanel("telehealth")], heading="Formats"),
        FieldPanel("accepting_new_clients"),
    ]

    class Meta:
        verbose_name = "clinician"

    def clean(self):
        super().clean()
        if self.license_type in self.SUPERVISED_LICENSES and not self.supervisor_name.strip():
            raise ValidationError({"supervisor_name": "An associate’s page must name their supervisor."})

    @property
    def is_supervised(self) -> bool:
        return self.license_type in self.SUPERVISED_LICENSES

    @property
    def license_statement(self) -> str:
        """How Texas expects the license to be advertised, e.g. “LPC Associate #81234, supervised by …”."""
        statement = self.license_type
        if self.license_number:
            statement += f" #{self.license_number}"
        if self.is_supervised and self.supervisor_name:
            statement += f", supervised by {self.supervisor_name}"
        return statement

    @property
    def approach_list(self) -> list[str]:
        return [item.strip() for item in self.approaches.split(",") if item.strip()]

    @property
    def language_list(self) -> list[str]:
        return [item.strip() for item in self.languages.split(",") if item.strip()]

    def public_specialties(self):
        return live_services().filter(clinicians=self).only("id", "title", "url_path", "path", "depth", "locale_id")

    def articles(self):
        return live_articles().filter(author=self)[:RELATED_ARTICLE_COUNT]


class StandardPage(BasePage):
    """About, fees & insurance, privacy, notice of privacy practices, accessibility statement."""

    introduction = models.TextField(max_length=500, blank=True)
    body = StreamField(StandardBodyBlock())

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]

    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = "standard page"


class FAQPage(BasePage):
    introduction = models.TextField(max_length=500, blank=True)
    questions = StreamField(QuestionsBlock())

    parent_page_types = ["pages.HomePage", "pages.StandardPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("questions")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("questions")]

    class Meta:
        verbose_name = "FAQ page"
