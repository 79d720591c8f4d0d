"""Small factory_boy factories for the public site's pages, images and topics."""

from io import BytesIO

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from django.utils.text import slugify
from PIL import Image as PillowImage
from wagtail.images import get_image_model

from blog.models import ArticlePage, BlogIndexPage, Topic
from practice_site.pages import models as pages


def small_jpeg(colour=(120, 160, 140)) -> ImageFile:
    output = BytesIO()
    PillowImage.new("RGB", (32, 18), colour).save(output, format="JPEG")
    return ImageFile(BytesIO(output.getvalue()), name="test.jpg")


class ImageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_image_model()

    title = factory.Sequence(lambda n: f"Image {n}")
    description = factory.LazyAttribute(lambda image: f"Alt text for {image.title}")
    file = factory.LazyFunction(small_jpeg)


class PageFactory(factory.django.DjangoModelFactory):
    """Creates the page under ``parent`` (required); live unless ``live=False`` is given."""

    class Meta:
        abstract = True

    title = factory.Sequence(lambda n: f"Page {n}")
    slug = factory.LazyAttribute(lambda page: slugify(page.title))
    live = True

    @classmethod
    def _create(cls, model_class, *args, parent, **kwargs):
        page = model_class(*args, **kwargs)
        parent.add_child(instance=page)
        return page


class ServiceIndexFactory(PageFactory):
    class Meta:
        model = pages.ServiceIndexPage

    title = "Services"
    slug = "services"


class ServiceFactory(PageFactory):
    class Meta:
        model = pages.ServicePage

    title = factory.Sequence(lambda n: f"Service {n}")
    summary = "Calm support, at your pace."


class TeamIndexFactory(PageFactory):
    class Meta:
        model = pages.TeamIndexPage

    title = "Team"
    slug = "team"


class ClinicianFactory(PageFactory):
    class Meta:
        model = pages.ClinicianPage

    title = factory.Sequence(lambda n: f"Clinician {n}")
    credentials = "LPC"
    licenses = factory.Sequence(
        lambda n: [pages.ClinicianLicense(state="TX", license_type=pages.LicenseType.LPC, number=f"{70000 + n}")]
    )
    # Open to adults in both formats, as a clinician was by default before openings.
    openings = factory.LazyFunction(lambda: [
        pages.ClinicianOpening(session_format=session_format, age_group="adults")
        for session_format in ("in_person", "telehealth")
    ])
    photo = factory.SubFactory(ImageFactory)


class BlogIndexFactory(PageFactory):
    class Meta:
        model = BlogIndexPage

    title = "Blog"
    slug = "blog"


class TopicFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Topic

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.LazyAttribute(lambda topic: slugify(topic.name))


class ArticleFactory(PageFactory):
    class Meta:
        model = ArticlePage

    title = factory.Sequence(lambda n: f"Article {n}")
    summary = "A short, gentle summary."
    hero_image = factory.SubFactory(ImageFactory)
    first_published_at = factory.LazyFunction(timezone.now)
    body = factory.LazyFunction(
        lambda: [
            {"type": "heading", "value": {"text": "A heading", "level": "h2"}},
            {"type": "paragraph", "value": "<p>" + "word " * 440 + "</p>"},
        ]
    )


class StandardPageFactory(PageFactory):
    class Meta:
        model = pages.StandardPage

    body = factory.LazyFunction(lambda: [{"type": "paragraph", "value": "<p>Practice information.</p>"}])


class FAQPageFactory(PageFactory):
    class Meta:
        model = pages.FAQPage

    title = "FAQ"
    questions = factory.LazyFunction(
        lambda: [{"type": "question", "value": {"question": "Do you take insurance?", "answer": "<p>Yes.</p>"}}]
    )
