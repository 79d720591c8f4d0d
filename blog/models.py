from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage, Paginator
from django.db import models
from django.db.models import Exists, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager
from wagtail.search import index

from blog.feeds import LatestArticlesFeed
from practice_site.core.blocks import BodyBlock
from practice_site.core.models import LINK_FIELDS, RELATED_ARTICLE_COUNT, BasePage, ListingQuerySet, SectionIndexPage
from practice_site.pages.models import ClinicianPage

ARTICLES_PER_PAGE = 12
WORDS_PER_MINUTE = 220


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True, help_text="Part of the topic's address: /blog/topic/<slug>/.")
    description = models.TextField(max_length=300, blank=True)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description")]

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class ArticleQuerySet(ListingQuerySet):
    def listed(self):
        """What visitors may see in any listing: newest first, ready for includes/article_card.html."""
        return (
            self.visible()
            .with_picture("hero_image", "format-{avif,webp,jpeg}|fill-{400x225,800x450}")
            # A card names the author: their title, not two more tables joined into every listing query.
            .annotate(author_name=Subquery(Page.objects.filter(pk=OuterRef("author_id")).values("title")[:1]))
            .order_by("-first_published_at", "-pk")
        )


class BlogIndexPage(RoutablePageMixin, SectionIndexPage):
    subpage_types = ["blog.ArticlePage"]

    class Meta:
        verbose_name = "blog index"

    cache_query_parameters = ("page",)

    def articles(self):
        return ArticlePage.objects.listed().child_of(self)

    def topics(self):
        """Topics with at least one article a visitor can read."""
        # For each topic, the first of its articles a visitor may read, as a scalar subquery: PostgreSQL walks
        # the topic's links and stops at one, where a semi-join would first list every readable article.
        readable = ArticlePage.objects.visible().child_of(self).values("pk")
        first_readable = ArticlePage.topics.through.objects.filter(
            topic=OuterRef("pk"), articlepage__in=readable
        ).values("articlepage_id")[:1]
        return Topic.objects.annotate(first_readable=Subquery(first_readable)).filter(first_readable__isnull=False)

    def get_cached_paths(self):
        """Every listing this index serves, so that a CDN purge after publishing an article reaches them all."""
        return ["/", "feed/", *(f"topic/{slug}/" for slug in Topic.objects.values_list("slug", flat=True))]

    def paginate(self, request, articles):
        try:
            return Paginator(articles, ARTICLES_PER_PAGE).page(request.GET.get("page") or 1)
        except InvalidPage as error:
            raise Http404("No such page of articles.") from error

    @path("")
    def index_view(self, request):
        return self.render(
            request,
            context_overrides={"articles": self.paginate(request, self.articles()), "topics": self.topics()},
        )

    @path("topic/<slug:slug>/")
    def topic_view(self, request, slug):
        topic = get_object_or_404(Topic, slug=slug)
        articles = self.paginate(request, self.articles().filter(topics=topic))
        return self.render(
            request, context_overrides={"articles": articles, "topics": self.topics(), "current_topic": topic}
        )

    @path("feed/")
    def feed_view(self, request):
        return LatestArticlesFeed()(request, blog_index=self)


class ArticlePage(BasePage):
    own_image_field = "hero_image"
    publish_changes_only_its_card = True

    summary = models.TextField(max_length=300, help_text="One or two sentences for listings, search and the feed.")
    hero_image = models.ForeignKey(
        "wagtailimages.Image", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        help_text="Optional. Its description is used as the alt text.",
    )
    content_note = models.TextField(
        max_length=400, blank=True,
        help_text="Optional, e.g. “This article mentions self-harm.” Shown collapsed before the article.",
    )
    body = StreamField(BodyBlock())
    author = models.ForeignKey(
        "pages.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="authored_articles"
    )
    topics = ParentalManyToManyField(Topic, blank=True, related_name="articles")
    related_services = ParentalManyToManyField("pages.ServicePage", blank=True, related_name="articles")
    last_updated = models.DateField(
        null=True, blank=True, help_text="Set when the content changed in a way readers should know about."
    )
    reviewed_by = models.ForeignKey(
        "pages.ClinicianPage", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name="clinically reviewed by",
    )
    reviewed_on = models.DateField("clinically reviewed on", null=True, blank=True)

    objects = PageManager.from_queryset(ArticleQuerySet)()

    parent_page_types = ["blog.BlogIndexPage"]
    subpage_types = []

    search_fields = BasePage.search_fields + [index.SearchField("summary"), index.SearchField("body")]

    content_panels = BasePage.content_panels + [
        FieldPanel("summary"),
        FieldPanel("hero_image"),
        FieldPanel("content_note"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("author"),
                FieldPanel("last_updated"),
                FieldRowPanel([FieldPanel("reviewed_by"), FieldPanel("reviewed_on")]),
            ],
            heading="Authorship and review",
        ),
        FieldPanel("topics"),
        FieldPanel("related_services"),
        InlinePanel("related_links", label="Related articles (shown first)", max_num=RELATED_ARTICLE_COUNT),
    ]

    class Meta:
        verbose_name = "article"

    def clean(self):
        super().clean()
        if bool(self.reviewed_by_id) != bool(self.reviewed_on):
            raise ValidationError(
                {"reviewed_on": "Give both the reviewing clinician and the review date, or neither."}
            )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Author and reviewer in one small query for their name, credentials and address, rather than four
        # more tables joined into the query that reads the article.
        bylines = ClinicianPage.objects.only(*LINK_FIELDS, "credentials").in_bulk(
            {self.author_id, self.reviewed_by_id} - {None}
        )
        if self.author_id in bylines:
            self.author = bylines[self.author_id]
        if self.reviewed_by_id in bylines:
            self.reviewed_by = bylines[self.reviewed_by_id]
        # The blog index's address is this one without the slug: no query for the parent page.
        context["blog_url"] = self.get_url(request=request).removesuffix(f"{self.slug}/")
        return context

    @cached_property
    def reading_time_minutes(self) -> int:
        text = " ".join(self.body.stream_block.get_searchable_content(self.body))
        return max(1, round(len(text.split()) / WORDS_PER_MINUTE))

    def related_articles(self):
        """Hand-picked articles first, then the newest that share a topic; never drafts or private pages.

        The newest sharing a topic are a semi-join on the topic links with a LIMIT, so no DISTINCT over
        the wide article rows and PostgreSQL stops after the first few; both sets come in one listing query.
        """
        links = ArticleRelatedLink.objects.filter(page=self.pk)
        picked_order = links.filter(article=OuterRef("pk")).values("sort_order")[:1]
        shares_topic = ArticlePage.topics.through.objects.filter(
            articlepage=OuterRef("pk"),
            topic__in=ArticlePage.topics.through.objects.filter(articlepage=self.pk).values("topic"),
        )
        newest_sharing = (
            ArticlePage.objects.visible()
            .exclude(pk=self.pk)
            .exclude(related_from__page=self.pk)
            .filter(Exists(shares_topic))
            .order_by("-first_published_at", "-pk")
            .values_list("pk")[:RELATED_ARTICLE_COUNT]
        )
        related = (
            ArticlePage.objects.listed()
            .exclude(pk=self.pk)
            .annotate(picked_order=Subquery(picked_order))
            # One short list of ids (a UNION), so PostgreSQL looks up these few rather than testing every article.
            .filter(pk__in=links.values("article").union(newest_sharing))
        )
        # Hand-picked in the editor's order, then the newest (listed() orders by date).
        hand_picked = sorted((a for a in related if a.picked_order is not None), key=lambda a: a.picked_order)
        return (hand_picked + [a for a in related if a.picked_order is None])[:RELATED_ARTICLE_COUNT]


class ArticleRelatedLink(Orderable):
    page = ParentalKey(ArticlePage, on_delete=models.CASCADE, related_name="related_links")
    article = models.ForeignKey(ArticlePage, on_delete=models.CASCADE, related_name="related_from")

    panels = [FieldPanel("article")]
