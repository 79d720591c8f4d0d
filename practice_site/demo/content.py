"""The Rooted Therapy demo practice, written for this project.

Every step looks up what it would create first, so loading twice creates nothing new, and nothing an editor
has already changed is overwritten. Images are drawn here with Pillow, never downloaded.
"""

import random
from datetime import timedelta
from io import BytesIO

from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from PIL import ImageDraw, ImageFilter
from wagtail.images import get_image_model
from wagtail.models import Site

from blog.models import ArticlePage, ArticleRelatedLink, BlogIndexPage, Topic
from practice_site.core.models import PracticeSettings
from practice_site.demo import data as demo_data
from practice_site.demo.articles import ARTICLES, TOPICS
from practice_site.directory.models import Concern, InsurancePlan
from practice_site.home.models import HomeFeaturedService, HomePage
from practice_site.pages.models import (
    ClinicianLicense,
    ClinicianOpening,
    ClinicianPage,
    FAQPage,
    ServiceIndexPage,
    ServicePage,
    StandardPage,
    TeamIndexPage,
)

PRACTICE = {
    "practice_name": "Rooted Therapy",
    "tagline": "Trauma-informed counseling in Houston and by telehealth throughout Texas",
    "phone": "(713) 555-0142",
    "email": "hello@rootedtherapy.example",
    "street_address": "2100 West Loop South, Suite 900\nHouston, TX 77027",
    "service_area": "In person in Houston; telehealth anywhere in Texas.",
    "hours": "Monday–Thursday, 9 am – 7 pm\nFriday, 9 am – 3 pm",
}

HOME_INTRODUCTION = (
    "<p>Rooted Therapy is a small group of licensed counselors who work gently and at your pace. "
    "We see adults, teens and couples in our Houston office and by secure video anywhere in Texas.</p>"
)

# Calm palettes (sage, sand, clay, dusk) for the generated pictures.
PALETTES = [
    ((221, 231, 220), (140, 170, 150), (60, 100, 88)),
    ((243, 233, 214), (214, 180, 140), (150, 105, 80)),
    ((226, 232, 240), (150, 170, 200), (70, 90, 130)),
    ((240, 228, 224), (200, 150, 140), (120, 80, 90)),
]

IMAGES = {
    "home-hero": ("Soft overlapping circles in sage green and sand, like ripples on still water.", 1600, 1200),
    "article-roots": ("Abstract gradient of deep green fading to pale sand, with soft rounded shapes.", 1600, 900),
    "article-water": ("Pale blue abstract waves with gentle round highlights.", 1600, 900),
    "article-stones": ("Smooth sand-coloured circles stacked like river stones on a soft background.", 1600, 900),
    "article-path": ("A warm gradient with soft shapes suggesting a path toward light.", 1600, 900),
    "article-two-circles": ("Two soft overlapping circles in clay and rose tones.", 1600, 900),
    "article-moon": ("Dusky blue abstract sky with a pale round glow.", 1600, 900),
    "figure-rhythm": ("Soft circles placed left and right, like a gentle back-and-forth rhythm.", 1200, 800),
}


def draw_picture(key: str, width: int, height: int, initials: str = "") -> bytes:
    """A calm abstract picture: a vertical gradient with blurred circles, seeded by its key so it is repeatable."""
    rng = random.Random(key)
    light, middle, dark = PALETTES[rng.randrange(len(PALETTES))]
    picture = PillowImage.new("RGB", (width, height), light)
    draw = ImageDraw.Draw(picture)
    for y in range(height):
        share = y / height
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(light[i] * (1 - share) + middle[i] * share) for i in range(3)),
        )
    shapes = PillowImage.new("RGBA", (width, height), (0, 0, 0, 0))
    shape_draw = ImageDraw.Draw(shapes)
    for _ in range(6):
        radius = rng.randint(min(width, height) // 8, min(width, height) // 2)
        x, y = rng.randint(0, width), rng.randint(0, height)
        colour = rng.choice([middle, dark, light])
        shape_draw.ellipse([x - radius, y - radius, x + radius, y + radius], fill=(*colour, rng.randint(60, 140)))
    picture = PillowImage.alpha_composite(picture.convert("RGBA"), shapes.filter(ImageFilter.GaussianBlur(40)))
    if initials:
        text_draw = ImageDraw.Draw(picture)
        size = width // 3
        text_draw.text((width / 2, height / 2), initials, fill=(*dark, 255), anchor="mm", font_size=size)
    output = BytesIO()
    picture.convert("RGB").save(output, format="JPEG", quality=85)
    return output.getvalue()


def ensure_image(key: str, description: str, width: int, height: int, initials: str = ""):
    Image = get_image_model()
    existing = Image.objects.filter(title=key).first()
    if existing:
        return existing
    data = draw_picture(key, width, height, initials)
    image = Image(title=key, description=description)
    image.file = ImageFile(BytesIO(data), name=f"{key}.jpg")
    image.save()
    return image


def ensure_child(parent, model, slug: str, **fields):
    """The child page with this slug, created and published only if there is none yet."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def in_sentence(title: str) -> str:
    """“Trauma therapy” reads “trauma therapy” mid-sentence; “EMDR therapy” keeps its capitals."""
    return title if title[:2].isupper() else title[0].lower() + title[1:]


def stream_from_parts(parts, links=None, images=None):
    """Turn the readable part lists of the demo text into StreamField data."""
    links = links or {}
    stream = []
    paragraph = []

    def html(text):
        for slug, page in links.items():
            text = text.replace(
                "{service:" + slug + "}", f'<a linktype="page" id="{page.pk}">{in_sentence(page.title)}</a>'
            )
        return text

    def flush():
        if paragraph:
            stream.append({"type": "paragraph", "value": "".join(paragraph)})
            paragraph.clear()

    for kind, *values in parts:
        if kind == "p":
            paragraph.append(f"<p>{html(values[0])}</p>")
        elif kind in ("ul", "ol"):
            items = "".join(f"<li>{html(item)}</li>" for item in values[0])
            paragraph.append(f"<{kind}>{items}</{kind}>")
        else:
            flush()
            if kind in ("h2", "h3"):
                stream.append({"type": "heading", "value": {"text": values[0], "level": kind}})
            elif kind == "quote":
                stream.append({"type": "quote", "value": {"quote": values[0], "attribution": values[1] or ""}})
            elif kind == "callout":
                stream.append({"type": "callout", "value": {"heading": values[0], "text": html(values[1])}})
            elif kind == "image":
                image = images[values[0]]
                stream.append({
                    "type": "image",
                    "value": {
                        "image": {"image": image.pk, "alt_text": image.description, "decorative": False},
                        "caption": values[1],
                    },
                })
            elif kind == "gfe":
                stream.append({"type": "good_faith_estimate", "value": None})
            elif kind == "plans":
                stream.append({"type": "insurance_plans", "value": None})
            elif kind == "qa":
                stream.append({"type": "question", "value": {"question": values[0], "answer": values[1]}})
            else:
                raise ValueError(f"Unknown demo part {kind!r}")
    flush()
    return stream


def questions(pairs):
    return [{"type": "question", "value": {"question": question, "answer": answer}} for question, answer in pairs]


def load_settings() -> PracticeSettings:
    practice = PracticeSettings.load()
    for field, value in PRACTICE.items():
        if not getattr(practice, field):
            setattr(practice, field, value)
    practice.save()
    site = Site.objects.get(is_default_site=True)
    if site.site_name != PRACTICE["practice_name"]:
        site.site_name = PRACTICE["practice_name"]
        site.save()
    return practice


def load_services(home, concerns):
    index, _ = ensure_child(
        home, ServiceIndexPage, "services", title="Services", show_in_menus=True,
        introduction="<p>We offer individual, couples and trauma-focused therapy for adults and teens, in person "
        "in Houston and by telehealth anywhere in Texas.</p>",
    )
    services = {}
    for data in demo_data.SERVICES:
        fields = {key: value for key, value in data.items() if key not in ("slug", "faq")}
        services[data["slug"]], _ = ensure_child(
            index, ServicePage, data["slug"], faq=questions(data["faq"]),
            concerns=[concerns[name] for name in demo_data.SERVICE_CONCERNS.get(data["slug"], [])], **fields,
        )
    return services


def load_directory():
    """The concerns and insurance plans, each added only if staff have no entry of that name."""
    concerns = {name: Concern.objects.get_or_create(name=name)[0] for name in demo_data.CONCERNS}
    plans = {
        name: InsurancePlan.objects.get_or_create(
            name=name, defaults={"network": network, "notes": notes, "accepted": accepted}
        )[0]
        for name, network, notes, accepted in demo_data.INSURANCE_PLANS
    }
    return concerns, plans


def load_team(home, services, concerns, plans):
    index, _ = ensure_child(
        home, TeamIndexPage, "team", title="Our team", show_in_menus=True,
        introduction="<p>Every Rooted clinician is licensed in Texas. Associates practise under the supervision of "
        "an approved supervisor, as Texas requires.</p>",
    )
    clinicians = {}
    for data in demo_data.CLINICIANS:
        initials = "".join(word[0] for word in data["title"].split())
        photo = ensure_image(
            f"photo-{data['slug']}", f"Illustrated initials of {data['title']} on a soft abstract background.",
            800, 800, initials,
        )
        related = ("slug", "specialties", "concerns", "insurance_plans", "licenses", "openings")
        fields = {key: value for key, value in data.items() if key not in related}
        clinicians[data["slug"]], _ = ensure_child(
            index, ClinicianPage, data["slug"], photo=photo,
            specialties=[services[slug] for slug in data["specialties"]],
            concerns=[concerns[name] for name in data["concerns"]],
            insurance_plans=[plans[name] for name in data["insurance_plans"]],
            licenses=[
                ClinicianLicense(
                    state=state, license_type=kind, number=number, verification_url=demo_data.TEXAS_LICENSE_LOOKUP
                )
                for state, kind, number in data["licenses"]
            ],
            openings=[
                ClinicianOpening(session_format=session_format, age_group=age, status=status,
                                 expected_open=months_ahead(months), note=note)
                for session_format, age, status, months, note in data["openings"]
            ],
            **fields,
        )
    return clinicians


def months_ahead(months: int | None):
    """The first of the month that many months from now (None stays None), so the demo never expects the past."""
    if months is None:
        return None
    today = timezone.localdate()
    years, month = divmod(today.month - 1 + months, 12)
    return today.replace(year=today.year + years, month=month + 1, day=1)


def load_blog(home, services, clinicians):
    blog, _ = ensure_child(
        home, BlogIndexPage, "blog", title="Articles", show_in_menus=True,
        introduction="<p>Gentle, practical reading from our clinicians about trauma, anxiety, relationships and "
        "starting therapy.</p>",
    )
    topics = {}
    for name, slug, description in TOPICS:
        topics[slug], _ = Topic.objects.get_or_create(slug=slug, defaults={"name": name, "description": description})
    images = {key: ensure_image(key, *spec) for key, spec in IMAGES.items() if key != "home-hero"}
    articles = {}
    now = timezone.now()
    for data in ARTICLES:
        reviewer = clinicians.get(data["reviewer"]) if data["reviewer"] else None
        published = now - timedelta(days=data["days_ago"])
        article, created = ensure_child(
            blog, ArticlePage, data["slug"],
            title=data["title"],
            summary=data["summary"],
            hero_image=images[data["image"]],
            content_note=data["content_note"],
            body=stream_from_parts(data["body"], links=services, images=images),
            author=clinicians[data["author"]],
            reviewed_by=reviewer,
            reviewed_on=(published + timedelta(days=3)).date() if reviewer else None,
            topics=[topics[slug] for slug in data["topics"]],
            related_services=[services[slug] for slug in data["services"]],
            related_links=[ArticleRelatedLink(article=articles[slug]) for slug in data.get("related", [])],
        )
        if created:
            # Spread the demo articles over recent months, as a real blog would be.
            ArticlePage.objects.filter(pk=article.pk).update(first_published_at=published, last_published_at=published)
        articles[data["slug"]] = article
    return blog


def load_practice_pages(home, practice):
    pages = {}
    for data in demo_data.STANDARD_PAGES:
        pages[data["slug"]], _ = ensure_child(
            home, StandardPage, data["slug"],
            title=data["title"], show_in_menus=data["show_in_menus"], introduction=data["introduction"],
            body=stream_from_parts(data["body"]),
        )
    ensure_child(
        home, FAQPage, demo_data.FAQ["slug"], title=demo_data.FAQ["title"], show_in_menus=True,
        introduction=demo_data.FAQ["introduction"], questions=questions(demo_data.FAQ["questions"]),
    )
    if practice.privacy_notice_page_id is None:
        practice.privacy_notice_page = pages["notice-of-privacy-practices"]
        practice.save(update_fields=["privacy_notice_page"])


def fill_home(home, services):
    # A home page without revisions has never been touched by an editor, so it is safe to fill.
    if home.latest_revision_id is not None:
        return
    home.introduction = HOME_INTRODUCTION
    home.hero_image = ensure_image("home-hero", *IMAGES["home-hero"])
    home.featured_service_links = [HomeFeaturedService(service=services[slug]) for slug in demo_data.HOME_SERVICES]
    home.save_revision().publish()


def load() -> None:
    practice = load_settings()
    home = HomePage.objects.get(depth=2)
    concerns, plans = load_directory()
    services = load_services(home, concerns)
    clinicians = load_team(home, services, concerns, plans)
    load_blog(home, services, clinicians)
    load_practice_pages(home, practice)
    fill_home(home, services)
