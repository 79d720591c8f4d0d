from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Prefetch
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.search import index

from practice_site.core.models import LINK_FIELDS, RELATED_ARTICLE_COUNT, BasePage, ListingQuerySet, SectionIndexPage
from practice_site.pages.blocks import QuestionsBlock, StandardBodyBlock


class ServiceQuerySet(ListingQuerySet):
    def listed(self):
        """Services a visitor may see, in the order editors gave them in the page tree."""
        return self.visible().order_by("path")


class ClinicianQuerySet(ListingQuerySet):
    def listed(self):
        """Clinicians a visitor may see, ready for includes/clinician_card.html."""
        return self.visible().with_picture("photo", "format-{avif,webp,jpeg}|fill-{400x400,800x800}").order_by("path")


class SessionFormats(models.Model):
    in_person = models.BooleanField("in person (Houston office)", default=True)
    telehealth = models.BooleanField("telehealth (video, anywhere in Texas)", default=True)

    class Meta:
        abstract = True

    @property
    def formats(self) -> list[str]:
        return [label for offered, label in ((self.in_person, "In person"), (self.telehealth, "Telehealth")) if offered]


class ServiceIndexPage(SectionIndexPage):
    subpage_types = ["pages.ServicePage"]

    class Meta:
        verbose_name = "services index"

    def services(self):
        return ServicePage.objects.listed().child_of(self)


class ServicePage(SessionFormats, BasePage):  # noqa: DJ008 (Page supplies __str__)
    summary = models.TextField(max_length=400, help_text="One or two calm sentences shown in listings.")
    who_it_helps = RichTextField(editor="default", blank=True)
    what_to_expect = RichTextField(editor="default", blank=True)
    session_length_minutes = models.PositiveSmallIntegerField(null=True, blank=True)
    fee = models.CharField(max_length=80, blank=True, help_text="As it should be shown, e.g. $160 per session.")
    faq = StreamField(QuestionsBlock(), blank=True, verbose_name="short FAQ")
    call_to_action_text = models.CharField(max_length=80, default="Request a free consultation")

    objects = PageManager.from_queryset(ServiceQuerySet)()

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
        return self.clinicians.listed()

    def related_articles(self):
        # The blog's articles name this service; the reverse relation keeps this app unaware of the blog.
        return self.articles.listed()[:RELATED_ARTICLE_COUNT]


class TeamIndexPage(SectionIndexPage):
    subpage_types = ["pages.ClinicianPage"]

    class Meta:
        verbose_name = "team index"

    def clinicians(self):
        return ClinicianPage.objects.listed().child_of(self).prefetch_related(
            Prefetch(
                "specialties", queryset=ServicePage.objects.listed().only("id", "title"), to_attr="listed_specialties"
            )
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
    biography = RichTextField(editor="default", blank=True)
    specialties = ParentalManyToManyField("pages.ServicePage", blank=True, related_name="clinicians")
    approaches = models.CharField(max_length=300, blank=True, help_text="Separated by commas, e.g. EMDR, CBT, IFS.")
    languages = models.CharField(max_length=200, default="English", help_text="Separated by commas.")
    accepting_new_clients = models.CharField(
        max_length=10, choices=Availability.choices, default=Availability.ACCEPTING
    )

    objects = PageManager.from_queryset(ClinicianQuerySet)()

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
        return ServicePage.objects.listed().filter(clinicians=self).only(*LINK_FIELDS)

    def articles(self):
        # The blog's articles name their author; the reverse relation keeps this app unaware of the blog.
        return self.authored_articles.listed()[:RELATED_ARTICLE_COUNT]


class StandardPage(BasePage):
    """About, fees & insurance, privacy, notice of privacy practices, accessibility statement."""

    introduction = models.TextField(max_length=500, blank=True)
    body = StreamField(StandardBodyBlock())

    listed_in_footer = True
    parent_page_types = ["home.HomePage", "pages.StandardPage"]

    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("body")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("body")]

    class Meta:
        verbose_name = "standard page"


class FAQPage(BasePage):
    introduction = models.TextField(max_length=500, blank=True)
    questions = StreamField(QuestionsBlock())

    parent_page_types = ["home.HomePage", "pages.StandardPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("introduction"), index.SearchField("questions")]
    content_panels = BasePage.content_panels + [FieldPanel("introduction"), FieldPanel("questions")]

    class Meta:
        verbose_name = "FAQ page"
