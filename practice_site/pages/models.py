from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.cache import patch_cache_control
from django.utils.functional import cached_property
from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import PageManager
from wagtail.search import index

from practice_site.core.models import LINK_FIELDS, RELATED_ARTICLE_COUNT, BasePage, ListingQuerySet, SectionIndexPage
from practice_site.directory.choices import LANGUAGE_NAMES, LANGUAGES, AgeGroup, SessionFormat
from practice_site.directory.fields import ChoiceArrayField
from practice_site.directory.filters import TeamFilterForm, TeamFilters
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.pages.blocks import QuestionsBlock, StandardBodyBlock
from practice_site.pages.forms import ClinicianPageForm

# The clinician's child rows live in their own modules; named here too, where the rest of the site looks for them.
from practice_site.pages.licenses import SUPERVISED_LICENSES, SUPERVISOR_REQUIRED, ClinicianLicense, LicenseType  # noqa: F401
from practice_site.pages.openings import BADGES, ClinicianOpening, OpeningStatus, availability, is_open  # noqa: F401


class ServiceQuerySet(ListingQuerySet):
    def listed(self):
        """Services a visitor may see, in the order editors gave them in the page tree."""
        return self.visible().order_by("path")


class ClinicianQuerySet(ListingQuerySet):
    def listed(self, formats=(), ages=()):
        """Clinicians a visitor may see, ready for includes/clinician_card.html; their badge says whether they
        are open for any of these formats and age groups (any at all when none is given)."""
        return (
            self.visible()
            .with_picture("photo", "format-{avif,webp,jpeg}|fill-{400x400,800x800}")
            .prefetch_related("licenses")
            .with_availability(formats, ages)
            .order_by("path")
        )

    def with_availability(self, formats=(), ages=()):
        """Each clinician's ``availability`` (an OpeningStatus) for any of these formats and age groups, and the
        ``expected_open`` month when not open."""
        return self.annotate(**availability(formats, ages))

    def open_to_new_clients(self):
        """Clinicians with an open row for some format and age group."""
        return self.filter(is_open())

    def everyone_full(self, *, formats=(), ages=(), concerns=()) -> bool:
        """Whether every clinician a visitor could find for these choices is full: some fit, and none of them is
        open for the formats and age groups chosen. That is when to offer the waitlist; when no one fits at all
        it is not (the person needs a referral, not a wait).

        ``formats`` are SessionFormat values, ``ages`` AgeGroup values, ``concerns`` Concern ids.
        """
        unknown = set(formats) - set(SessionFormat.values) | set(ages) - set(AgeGroup.values)
        if unknown:
            raise ValueError(f"Not a session format or age group: {sorted(unknown)}")
        fitting = self.visible().matching(TeamFilters(concerns=list(concerns), ages=list(ages), formats=list(formats)))
        # One query: the distinct answers among them are none (no one fits), only False (all full), or include True.
        answers = fitting.annotate(open_now=is_open(formats, ages)).order_by().values_list("open_now", flat=True)
        return set(answers.distinct()) == {False}

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
            clinicians = clinicians.filter(is_open(filters.formats, filters.ages))
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

    def clinicians(self, filters: TeamFilters | None = None):
        filters = filters or TeamFilters()
        return ClinicianPage.objects.listed(filters.formats, filters.ages).child_of(self).prefetch_related(
            Prefetch(
                "specialties", queryset=ServicePage.objects.listed().only("id", "title"), to_attr="listed_specialties"
            )
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        concerns = list(Concern.objects.values_list("pk", "name"))
        plans = list(InsurancePlan.objects.accepted().values_list("pk", "name"))
        form, filters = TeamFilterForm.read(request.GET, concerns=concerns, plans=plans)
        clinicians = list(self.clinicians(filters).matching(filters))
        context.update(filter_form=form, filters=filters, matching_clinicians=clinicians)
        return context

    def serve(self, request, *args, **kwargs):
        response = super().serve(request, *args, **kwargs)
        if any(name in request.GET for name in self.cache_query_parameters):
            # Each combination of filters would be its own cache entry (three codings each), seldom asked for
            # twice; the unfiltered /team/ stays cacheable.
            patch_cache_control(response, private=True, no_store=True)
        return response


class ClinicianPage(SessionFormats, BasePage):  # noqa: DJ008 (Page supplies __str__)
    own_image_field = "photo"
    publish_changes_only_its_card = True
    base_form_class = ClinicianPageForm

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
        InlinePanel(
            "openings", label="Opening", heading="Openings for new clients",
            help_text="One row for each format and age group this clinician sees. Where there is no open row, the "
            "site shows them as not taking new clients.",
        ),
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

    @cached_property
    def opening_list(self) -> list[ClinicianOpening]:
        return list(self.openings.all())

    @property
    def overall_availability(self) -> str:
        """The best status among all the clinician's rows (a card has ``availability`` from listed() instead,
        for the formats and age groups asked about)."""
        statuses = {opening.status for opening in self.opening_list}
        return next((status for status in OpeningStatus.values if status in statuses), OpeningStatus.CLOSED)

    @property
    def availability_badge(self) -> str:
        return BADGES[getattr(self, "availability", None) or self.overall_availability]

    @property
    def takes_requests(self) -> bool:
        """Open or keeping a waitlist somewhere: worth asking for a consultation."""
        return self.overall_availability != OpeningStatus.CLOSED

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
