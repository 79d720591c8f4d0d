from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.cache import patch_cache_control
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, PageManager
from wagtail.search import index

from practice_site.core.models import LINK_FIELDS, RELATED_ARTICLE_COUNT, BasePage, ListingQuerySet, SectionIndexPage
from practice_site.directory.choices import LANGUAGE_NAMES, LANGUAGES, US_STATES, AgeGroup
from practice_site.directory.fields import ChoiceArrayField
from practice_site.directory.filters import TeamFilterForm, TeamFilters
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.pages.blocks import QuestionsBlock, StandardBodyBlock
from practice_site.pages.forms import ClinicianPageForm


class ServiceQuerySet(ListingQuerySet):
    def listed(self):
        """Services a visitor may see, in the order editors gave them in the page tree."""
        return self.visible().order_by("path")


class ClinicianQuerySet(ListingQuerySet):
    def listed(self):
        """Clinicians a visitor may see, ready for includes/clinician_card.html."""
        return (
            self.visible()
            .with_picture("photo", "format-{avif,webp,jpeg}|fill-{400x400,800x800}")
            .prefetch_related("licenses")
            .order_by("path")
        )

    def matching(self, filters: TeamFilters):
        """Clinicians who fit every group chosen, and any of the choices within a group.

        Subqueries rather than joins, so no clinician is listed twice and no DISTINCT over every column is needed.
        """
        clinicians = self
        if filters.concerns:
            clinicians = clinicians.filter(Exists(
                ClinicianPage.concerns.through.objects.filter(
                    clinicianpage_id=OuterRef("pk"), concern_id__in=filters.concerns
                )
            ))
        if filters.plans:
            clinicians = clinicians.filter(Exists(
                ClinicianPage.insurance_plans.through.objects.filter(
                    clinicianpage_id=OuterRef("pk"), insuranceplan_id__in=filters.plans
                )
            ))
        if filters.ages:
            clinicians = clinicians.filter(ages_served__overlap=filters.ages)
        if filters.languages:
            clinicians = clinicians.filter(languages__overlap=filters.languages)
        if filters.formats:
            # SessionFormat's values are the names of SessionFormats' flags.
            clinicians = clinicians.filter(Q.create([(name, True) for name in filters.formats], connector=Q.OR))
        if filters.accepting_only:
            clinicians = clinicians.filter(accepting_new_clients=ClinicianPage.Availability.ACCEPTING)
        return clinicians


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
    concerns = ParentalManyToManyField(
        "directory.Concern", blank=True, related_name="services",
        help_text="What people often come to this service for; listed on the service page.",
    )

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
        FieldPanel("concerns", widget=forms.CheckboxSelectMultiple),
        FieldPanel("faq"),
        FieldPanel("call_to_action_text"),
    ]

    class Meta:
        verbose_name = "service"

    def related_clinicians(self):
        return self.clinicians.listed()

    def listed_concerns(self):
        return self.concerns.all()

    def related_articles(self):
        # The blog's articles name this service; the reverse relation keeps this app unaware of the blog.
        return self.articles.listed()[:RELATED_ARTICLE_COUNT]


class TeamIndexPage(SectionIndexPage):
    subpage_types = ["pages.ClinicianPage"]

    class Meta:
        verbose_name = "team index"

    cache_query_parameters = tuple(TeamFilterForm.base_fields)

    def clinicians(self):
        return ClinicianPage.objects.listed().child_of(self).prefetch_related(
            Prefetch(
                "specialties", queryset=ServicePage.objects.listed().only("id", "title"), to_attr="listed_specialties"
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        concerns = list(Concern.objects.values_list("pk", "name"))
        plans = list(InsurancePlan.objects.accepted().values_list("pk", "name"))
        form, filters = TeamFilterForm.read(request.GET, concerns=concerns, plans=plans)
        clinicians = list(self.clinicians().matching(filters))
        context.update(filter_form=form, filters=filters, matching_clinicians=clinicians)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if any(name in request.GET for name in self.cache_query_parameters):
            # Each combination of filters would be its own cache entry (three codings each), seldom asked for
            # twice; the unfiltered /team/ stays cacheable.
            patch_cache_control(response, private=True, no_store=True)
        return response


class LicenseType(models.TextChoices):
    LPC = "LPC", "Licensed Professional Counselor (LPC)"
    LPC_S = "LPC-S", "LPC-Supervisor (LPC-S)"
    LPC_ASSOCIATE = "LPC Associate", "LPC Associate"
    LMFT = "LMFT", "Licensed Marriage and Family Therapist (LMFT)"
    LMFT_ASSOCIATE = "LMFT Associate", "LMFT Associate"
    LCSW = "LCSW", "Licensed Clinical Social Worker (LCSW)"
    LMSW = "LMSW", "Licensed Master Social Worker (LMSW)"
    PSYCHOLOGIST = "Psychologist", "Licensed Psychologist"


# Texas rules: an associate advertises “supervised by” and the supervisor’s name.
SUPERVISED_LICENSES = {LicenseType.LPC_ASSOCIATE, LicenseType.LMFT_ASSOCIATE}
SUPERVISOR_REQUIRED = "An associate’s page must name their supervisor."


class ClinicianPage(SessionFormats, BasePage):  # noqa: DJ008 (Page supplies __str__)
    own_image_field = "photo"
    publish_changes_only_its_card = True
    base_form_class = ClinicianPageForm

    class Availability(models.TextChoices):
        ACCEPTING = "yes", "Accepting new clients"
        WAITLIST = "waitlist", "Waitlist"
        NOT_ACCEPTING = "no", "Not accepting new clients"


    pronouns = models.CharField(max_length=40, blank=True, help_text="For example she/her, they/them.")
    credentials = models.CharField(
        "letters after the name", max_length=60, blank=True,
        help_text="Shown after the name in headings and bylines, e.g. LPC-S, PhD. The licenses themselves, with "
        "their numbers, go under Licenses.",
    )
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
    concerns = ParentalManyToManyField(
        "directory.Concern", blank=True, related_name="clinicians",
        help_text="What people can search the team for. Staff manage the list under Snippets.",
    )
    ages_served = ChoiceArrayField(
        models.CharField(max_length=20, choices=AgeGroup.choices), blank=True, default=list,
    )
    approaches = models.CharField(max_length=300, blank=True, help_text="Separated by commas, e.g. EMDR, CBT, IFS.")
    languages = ChoiceArrayField(
        models.CharField(max_length=8, choices=LANGUAGES), blank=True, default=list,
        verbose_name="languages spoken in sessions",
    )
    other_languages = models.CharField(
        max_length=200, blank=True,
        help_text="Languages not in the list above, separated by commas. Visitors cannot filter by these.",
    )
    insurance_plans = ParentalManyToManyField(
        "directory.InsurancePlan", blank=True, related_name="clinicians",
        help_text="Plans this clinician can bill. Staff manage the list under Snippets.",
    )
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
            [InlinePanel("licenses", label="License", min_num=1), FieldPanel("supervisor_name")],
            heading="Licenses",
        ),
        FieldPanel("photo"),
        FieldPanel("biography"),
        FieldPanel("specialties"),
        MultiFieldPanel(
            [
                FieldPanel("concerns", widget=forms.CheckboxSelectMultiple),
                FieldPanel("ages_served"),
                FieldPanel("languages"),
                FieldPanel("other_languages"),
                FieldPanel("insurance_plans", widget=forms.CheckboxSelectMultiple),
            ],
            heading="Who they see (the team finder filters on these)",
        ),
        FieldPanel("approaches"),
        FieldRowPanel([FieldPanel("in_person"), FieldPanel("telehealth")], heading="Formats"),
        FieldPanel("accepting_new_clients"),
    ]

    class Meta:
        verbose_name = "clinician"

    # Set by the editor's form while it validates (see ClinicianPageForm); None elsewhere.
    edited_license_types = None

    def clean(self):
        super().clean()
        license_types = self.edited_license_types
        if license_types is None:
            # Code that builds a page attaches its licenses before saving: they are in memory here.
            license_types = [lic.license_type for lic in self.licenses.all()]
        if SUPERVISED_LICENSES.intersection(license_types) and not self.supervisor_name.strip():
            raise ValidationError({"supervisor_name": SUPERVISOR_REQUIRED})

    @property
    def license_summary(self) -> str:
        """For cards: every license as “LPC Associate #81234 (TX)”."""
        return "; ".join(lic.short_statement for lic in self.licenses.all())

    @property
    def approach_list(self) -> list[str]:
        return [item.strip() for item in self.approaches.split(",") if item.strip()]

    @property
    def language_names(self) -> list[str]:
        names = [LANGUAGE_NAMES.get(code, code) for code in self.languages]
        return names + [item.strip() for item in self.other_languages.split(",") if item.strip()]

    @property
    def ages_served_labels(self) -> list[str]:
        return [AgeGroup(age).label for age in self.ages_served if age in AgeGroup.values]

    def public_specialties(self):
        return ServicePage.objects.listed().filter(clinicians=self).only(*LINK_FIELDS)

    def accepted_insurance_plans(self):
        return self.insurance_plans.accepted()

    def articles(self):
        # The blog's articles name their author; the reverse relation keeps this app unaware of the blog.
        return self.authored_articles.listed()[:RELATED_ARTICLE_COUNT]


class ClinicianLicense(Orderable):
    """One license a clinician holds; several states or license types are several rows."""

    page = ParentalKey(ClinicianPage, on_delete=models.CASCADE, related_name="licenses")
    state = models.CharField(max_length=2, choices=US_STATES, default="TX")
    license_type = models.CharField(max_length=20, choices=LicenseType.choices, default=LicenseType.LPC)
    number = models.CharField(max_length=30, blank=True, help_text="Several states require it in every listing.")
    verification_url = models.URLField(
        "verification link", blank=True,
        help_text="The state board’s public look-up for this license, so a visitor can check it.",
    )

    panels = [
        FieldRowPanel([FieldPanel("state"), FieldPanel("license_type"), FieldPanel("number")]),
        FieldPanel("verification_url"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = "license"

    def __str__(self):
        return self.short_statement

    @property
    def short_statement(self) -> str:
        statement = self.license_type
        if self.number:
            statement += f" #{self.number}"
        return f"{statement} ({self.state})"

    @property
    def is_supervised(self) -> bool:
        return self.license_type in SUPERVISED_LICENSES

    @property
    def statement(self) -> str:
        """How Texas expects a license advertised, e.g. “LPC Associate #81234 (TX), supervised by …”."""
        if self.is_supervised and self.page.supervisor_name:
            return f"{self.short_statement}, supervised by {self.page.supervisor_name}"
        return self.short_statement


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
