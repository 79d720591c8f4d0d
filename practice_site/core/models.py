import datetime
import zoneinfo

from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.urls import Resolver404
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.images import get_image_model
from wagtail.images.models import Filter
from wagtail.models import Orderable, Page, PageViewRestriction
from wagtail.query import PageQuerySet

from practice_site.core import sitewide
from practice_site.core.business_days import BusinessCalendar, in_words

# All a link to a page needs, for menus, breadcrumbs and lists of links.
LINK_FIELDS = ("id", "title", "url_path", "path", "depth", "locale_id")
# Service, clinician and article pages each end with this many related articles.
RELATED_ARTICLE_COUNT = 3

DEFAULT_CRISIS_NOTICE = (
    "This site is not for emergencies. If you are in crisis, call or text 988 "
    "(Suicide & Crisis Lifeline), call 911, or go to the nearest emergency room."
)


DEFAULT_GOOD_FAITH_ESTIMATE = (
    "You have the right to receive a “Good Faith Estimate” explaining how much your medical care "
    "will cost. Under the law, health care providers need to give patients who don’t have insurance "
    "or who are not using insurance an estimate of the bill for medical items and services. "
    "You have the right to receive a Good Faith Estimate for the total expected cost of any "
    "non-emergency items or services. Make sure your health care provider gives you a Good Faith "
    "Estimate in writing at least 1 business day before your medical service or item. If you receive "
    "a bill that is at least $400 more than your Good Faith Estimate, you can dispute the bill. "
    "For questions or more information about your right to a Good Faith Estimate, visit "
    "www.cms.gov/nosurprises or call 1-800-985-3059."
)
# The zones a practice in the US may keep, with the names people read next to a time (a test checks that zoneinfo
# knows each one).
TIME_ZONES = [
    ("America/New_York", "Eastern Time"),
    ("America/Chicago", "Central Time"),
    ("America/Denver", "Mountain Time"),
    ("America/Phoenix", "Arizona Time"),
    ("America/Los_Angeles", "Pacific Time"),
    ("America/Anchorage", "Alaska Time"),
    ("Pacific/Honolulu", "Hawaii Time"),
]


@register_setting(icon="home")
class PracticeSettings(ClusterableModel, BaseGenericSetting):
    """Who the practice is and how to reach it; shown in the header, footer and intake pages."""

    practice_name = models.CharField(max_length=120, default="Rooted Therapy")
    tagline = models.CharField(max_length=200, blank=True)
    phone = models.CharField(max_length=40, blank=True, help_text="As it should be shown, e.g. (713) 555-0142.")
    email = models.EmailField(blank=True)
    street_address = models.TextField(blank=True, help_text="One line per row, as on an envelope.")
    service_area = models.CharField(
        max_length=200, blank=True, help_text="For example: Houston in person, telehealth throughout Texas."
    )
    hours = models.TextField(blank=True, help_text="Office hours, one line per row.")
    crisis_notice = models.TextField(default=DEFAULT_CRISIS_NOTICE)
    quick_exit_enabled = models.BooleanField(
        "show the “Leave this site quickly” button",
        default=True,
    )
    quick_exit_url = models.URLField(
        default="https://www.weather.gov/",
        help_text="A neutral page the quick-exit button replaces this site with.",
    )
    good_faith_estimate_notice = models.TextField(
        default=DEFAULT_GOOD_FAITH_ESTIMATE,
        help_text="The No Surprises Act notice for self-pay clients, shown on the fees page and the intake form.",
    )
    consultation_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Where “Request a consultation” links lead, on every page.",
    )
    privacy_notice_page = models.ForeignKey(
        "wagtailcore.Page", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="The notice of privacy practices that the intake form links to.",
    )
    reply_within_business_days = models.PositiveSmallIntegerField(
        "reply within (business days)", default=2, validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text="What the intake form, emails and pages promise, and when staff see a request as overdue.",
    )
    time_zone = models.CharField(
        max_length=64, choices=TIME_ZONES, default="America/Chicago",
        help_text="Call times are shown and sent in this time zone, with its name.",
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("practice_name"), FieldPanel("tagline"), FieldPanel("service_area")],
            heading="Practice",
        ),
        MultiFieldPanel(
            [FieldPanel("phone"), FieldPanel("email"), FieldPanel("street_address"), FieldPanel("hours")],
            heading="Contact details",
        ),
        MultiFieldPanel(
            [FieldPanel("crisis_notice"), FieldPanel("quick_exit_enabled"), FieldPanel("quick_exit_url")],
            heading="Safety",
        ),
        MultiFieldPanel(
            [
                FieldPanel("consultation_page"),
                FieldPanel("privacy_notice_page"),
                FieldPanel("good_faith_estimate_notice"),
            ],
            heading="Intake",
        ),
        MultiFieldPanel(
            [FieldPanel("reply_within_business_days"), FieldPanel("time_zone")],
            heading="Replies and calls",
        ),
        InlinePanel(
            "closed_days", heading="Closed days", label="closed day",
            help_text="Days the practice is closed besides weekends and US federal holidays: no reply is due and "
                      "no call is offered on them.",
        ),
    ]

    class Meta:
        verbose_name = "practice settings"

    def __str__(self):
        return self.practice_name

    @property
    def phone_href(self) -> str:
        digits = "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")
        return f"tel:{digits}" if digits else ""

    @property
    def reply_time(self) -> str:
        """E.g. "one business day": how long a request may wait for a reply."""
        return in_words(self.reply_within_business_days)

    @property
    def reply_promise(self) -> str:
        """E.g. "within one business day", as every page and email promises it."""
        return f"within {self.reply_time}"

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def time_zone_name(self) -> str:
        """"Central Time": the zone's name as shown next to a time."""
        return self.get_time_zone_display()

    def business_calendar(self) -> BusinessCalendar:
        return BusinessCalendar(frozenset(self.closed_days.values_list("day", flat=True)))

    def closed_dates(self, start: datetime.date, end: datetime.date) -> set[datetime.date]:
        """The federal holidays and the practice's closed days from ``start`` to ``end`` (both included), in one
        query: the days no call is offered and no reply is due. Weekends are not listed."""
        own = self.closed_days.filter(day__range=(start, end)).values_list("day", flat=True)
        return BusinessCalendar(frozenset(own)).closed_between(start, end)


class ClosedDay(Orderable):
    """A day the practice is closed besides weekends and federal holidays, e.g. the Friday after Thanksgiving."""

    settings = ParentalKey(PracticeSettings, on_delete=models.CASCADE, related_name="closed_days")
    # One settings row holds every closed day, so a date is unique on its own: the admin's form then says so.
    day = models.DateField(unique=True)
    reason = models.CharField(max_length=100, blank=True, help_text="For staff, e.g. “Day after Thanksgiving”.")

    panels = [FieldPanel("day"), FieldPanel("reason")]

    def __str__(self):
        return f"{self.day:%Y-%m-%d}"


class ListingQuerySet(PageQuerySet):
    """What every page type's ``listed()`` is built from, so listings never query per item."""

    def visible(self):
        """Live pages with no view restriction on them or an ancestor: Wagtail's ``live().public()``, with the
        restricted sections read once per content version while a page is served."""
        restricted = Q()
        for path in restricted_paths():
            restricted |= Q(path__startswith=path)
        return (self.live().exclude(restricted) if restricted else self.live()).defer_streamfields()

    def with_picture(self, image_field: str, spec: str):
        """Join the image and prefetch just the renditions a ``{% picture %}`` tag with this spec asks for.

        ``spec`` is the tag's filter spec joined by "|", e.g. "format-{avif,webp}|fill-{400x225,800x450}".
        """
        renditions = get_image_model().get_rendition_model().objects.filter(filter_spec__in=Filter.expand_spec(spec))
        return self.select_related(image_field).prefetch_related(
            # Wagtail's Image.prefetch_renditions() stores them under this name, where the picture tag looks.
            Prefetch(f"{image_field}__renditions", queryset=renditions, to_attr="prefetched_renditions")
        )


class BasePage(Page):
    """Every public page type: Wagtail's SEO title and description plus a social card."""

    social_image = models.ForeignKey(
        "wagtailimages.Image",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="Shown when the page is shared; falls back to the page's own image.",
    )
    social_text = models.CharField(
        max_length=255, blank=True, help_text="Shown when the page is shared; falls back to the search description."
    )

    promote_panels = Page.promote_panels + [
        MultiFieldPanel([FieldPanel("social_image"), FieldPanel("social_text")], heading="Social sharing"),
    ]

    class Meta:
        abstract = True

    # Page types with an image of their own name it here, so a shared link shows it by default.
    own_image_field = ""
    # Page types whose pages, when kept out of the main menu, are linked from the footer instead.
    listed_in_footer = False
    # The query parameters the page type reads: the page cache keys its pages by these alone (others never
    # create an entry), so a type that reads one must name it.
    cache_query_parameters: tuple[str, ...] = ()
    # True for a page type shown in the site-wide fragments only as its own card, whose key holds the page's
    # publication (templates/includes/card.html), and by name where a card's key holds that name: publishing one
    # keeps the header, the footer and every other card (practice_site/pagecache/invalidation.py).
    publish_changes_only_its_card = False

    @classmethod
    def serving_queryset(cls):
        """How a page of this type is read to be served: with the pictures a shared link shows; page types join
        what else their template shows."""
        return cls.objects.select_related("social_image", *([cls.own_image_field] if cls.own_image_field else []))

    def route(self, request, path_components):
        """Wagtail's routing, with the page a path names found in one query instead of two for each level.

        The pages at each prefix of the path are read together (url_path is the chain of slugs), and only the
        one that answers is read in full. As in Wagtail, a routable page on the way gets the rest of the path
        first when one of its routes matches it.
        """
        if not path_components:
            if self.depth == 2:
                # A site's home page: its one ancestor, the tree's root, is never an alias.
                self.alias_on_the_way = self.alias_of_id is not None
            return super().route(request, path_components)
        prefixes = [self.url_path + "/".join(path_components[:end]) + "/" for end in range(1, len(path_components) + 1)]
        found = (
            Page.objects.filter(slug__in=path_components, url_path__in=prefixes)
            .order_by("depth")
            .values_list("pk", "content_type_id", "depth", "alias_of_id")
        )
        answering = None
        # An alias takes its source's view restrictions, so one on the way means the full check.
        alias_on_the_way = getattr(self, "alias_on_the_way", self.alias_of_id is not None)
        for pk, content_type_id, depth, alias_of_id in found:
            model = ContentType.objects.get_for_id(content_type_id).model_class()
            alias_on_the_way = alias_on_the_way or alias_of_id is not None
            answering = (pk, model, path_components[depth - self.depth :], alias_on_the_way)
            if answering[2] and routes_to(model, answering[2]):
                break
        if answering is None:
            raise Http404
        pk, model, remaining, page_alias_on_the_way = answering
        page = getattr(model, "serving_queryset", model.objects.all)().get(pk=pk)
        page.alias_on_the_way = page_alias_on_the_way
        return page.route(request, remaining)

    def get_view_restrictions(self):
        """Wagtail's, in one query: the restrictions on this page and its ancestors, or on the pages they alias."""
        if getattr(self, "alias_on_the_way", True) is False and not any(
            self.path.startswith(path) for path in restricted_paths()
        ):
            return PageViewRestriction.objects.none()
        step = self.steplen
        chain = Page.objects.filter(path__in=[self.path[:end] for end in range(step, len(self.path) + 1, step)])
        return PageViewRestriction.objects.filter(
            Q(page__in=chain.values("pk")) | Q(page__in=chain.filter(alias_of__isnull=False).values("alias_of"))
        )

    def _get_site_root_paths(self, cache_object=None):
        # URLs built without the request would read the root paths from the database cache once per page;
        # while a page is served they are kept with the site-wide objects.
        return (None if cache_object else sitewide.site_root_paths()) or super()._get_site_root_paths(cache_object)

    @property
    def meta_description(self) -> str:
        return self.search_description or self.social_text

    @property
    def share_text(self) -> str:
        return self.social_text or self.search_description

    @property
    def share_image(self):
        return self.social_image or (getattr(self, self.own_image_field) if self.own_image_field else None)


def restricted_paths() -> list[str]:
    """The tree paths of the pages with a view restriction (each restricts its whole section)."""
    return sitewide.kept_while_serving(
        "restricted paths", lambda: list(PageViewRestriction.objects.values_list("page__path", flat=True))
    )


def routes_to(model, path_components) -> bool:
    """Whether a routable page type has a route of its own for the rest of a path (no instance needed)."""
    if not hasattr(model, "get_resolver"):
        return False
    try:
        model.get_resolver().resolve("/" + "/".join(path_components) + "/")
    except Resolver404:
        return False
    return True


class SectionIndexPage(BasePage):
    """One of the site's sections (services, team, articles): a short introduction above its listing."""

    introduction = RichTextField(editor="intro", blank=True)

    parent_page_types = ["home.HomePage"]
    max_count = 1

    content_panels = BasePage.content_panels + [FieldPanel("introduction")]

    class Meta:
        abstract = True
