"""WordPress (and Squarespace) exports: WXR, read with entities and DTDs refused."""

import hashlib
import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.text import slugify

from .bundle import Asset, Bundle, Folder, ImportRefused, Item, clip, plain
from .html import clean, lead_from, summary_from
from .shortcodes import SHORTCODE, autop, expand_shortcodes, uses_contact_form

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
SIZED_VARIANT = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")
NO_ID = {"", "0"}
CONTACT_NAMES = {"contact", "contact us", "contact me", "get in touch", "reach out"}
# Beside its form, a contact page says little more than "get in touch": a heading and a sentence or two.
CONTACT_PAGE_TEXT = 120
WP_STATUS = {"publish": "live", "draft": "draft", "pending": "draft", "future": "draft", "auto-draft": None}


def local_name(tag: str) -> str:
    """'{http://wordpress.org/export/1.2/}post_id' → 'wp:post_id', whichever WXR version wrote it."""
    if not tag.startswith("{"):
        return tag
    namespace, name = tag[1:].split("}", 1)
    if namespace.startswith("http://wordpress.org/export/"):
        return ("excerpt:" if "/excerpt/" in namespace else "wp:") + name
    if "purl.org/rss/1.0/modules/content" in namespace:
        return "content:" + name
    if "purl.org/dc/elements" in namespace:
        return "dc:" + name
    return name


def child_text(element, name: str) -> str:
    for child in element:
        if local_name(child.tag) == name:
            return (child.text or "").strip() if name != "content:encoded" else (child.text or "")
    return ""


def children(element, name: str):
    return [child for child in element if local_name(child.tag) == name]


def gmt(value: str) -> datetime | None:
    if not value or value.startswith("0000"):
        return None
    try:
        return datetime.strptime(value, "%Y-%m-%d %H:%M:%S").replace(tzinfo=UTC)
    except ValueError:
        return None


def rss_date(value: str) -> datetime | None:
    try:
        return parsedate_to_datetime(value) if value else None
    except (TypeError, ValueError):
        return None


def uploads_path(url: str) -> str:
    """The part of an upload's address after /uploads/, which is also its path in wp-content/uploads."""
    path = urlsplit(url).path
    return path.split("/uploads/", 1)[1] if "/uploads/" in path else ""


def fetcher(url: str, download) -> Callable[[], bytes | None]:
    return lambda: download(url) if download and url.startswith(("http://", "https://")) else None


def upload_loaders(relative: str, url: str, folder: Folder, media_dir: Path | None, download):
    loaders = []
    if media_dir is not None and relative:
        loaders.append(lambda: Folder(root=media_dir).get(relative))
    if relative:
        loaders.append(lambda: folder.ending_with("uploads/" + relative) or folder.get(relative))
    loaders.append(fetcher(url, download))
    return loaders


@dataclass
class Uploads:
    """The export's attachments, found again by id (wp-image-123), by path after /uploads/, or by parent post."""

    key: str
    folder: Folder
    media_dir: Path | None
    download: Callable | None
    by_upload_path: dict[str, Asset] = field(default_factory=dict)
    by_id: dict[str, Asset] = field(default_factory=dict)
    attached_to: dict[str, list[str]] = field(default_factory=dict)

    def add(self, bundle: Bundle, element, post_id: str, meta: dict):
        url = child_text(element, "wp:attachment_url") or child_text(element, "guid")
        relative = meta.get("_wp_attached_file") or uploads_path(url)
        # Squarespace's images live on its CDN, outside any uploads folder: the address names the file.
        file_path = PurePosixPath(relative or urlsplit(url).path)
        if file_path.suffix.lower() not in IMAGE_EXTENSIONS:
            label = "attachment (not an image)"
            bundle.other_types[label] = bundle.other_types.get(label, 0) + 1
            return
        asset = Asset(
            source_id=f"{self.key}#{post_id}",
            title=child_text(element, "title") or file_path.stem,
            alt=meta.get("_wp_attachment_image_alt", ""),
            filename=file_path.name,
            loaders=upload_loaders(relative, url, self.folder, self.media_dir, self.download),
        )
        self.by_id[post_id] = self.by_upload_path[relative] = asset
        bundle.assets[url] = asset
        self.attached_to.setdefault(child_text(element, "wp:post_parent"), []).append(url)

    def find_image(self, src: str) -> Asset | None:
        if match := re.search(r"wp-image-(\d+)", src):
            return self.by_id.get(match.group(1))
        relative = uploads_path(src)
        if not relative:
            if not src.startswith(("http://", "https://")):
                return None
            # An image the old site showed from elsewhere is copied here, so no public page loads a third party.
            return Asset(
                source_id=f"{self.key}:{src}"[:255],
                title=PurePosixPath(urlsplit(src).path).stem.replace("-", " "),
                alt="",
                filename=PurePosixPath(urlsplit(src).path).name or "image",
                loaders=[fetcher(src, self.download)],
            )
        original = SIZED_VARIANT.sub("", relative)
        if asset := self.by_upload_path.get(relative) or self.by_upload_path.get(original):
            return asset
        return Asset(
            source_id=f"{self.key}:{original}",
            title=PurePosixPath(original).stem.replace("-", " "),
            alt="",
            filename=PurePosixPath(original).name,
            loaders=upload_loaders(original, SIZED_VARIANT.sub("", src), self.folder, self.media_dir, self.download),
        )

    def gallery(self, bundle: Bundle, post_id: str) -> Callable[[dict], list[str]]:
        def sources(attributes):
            ids = [value.strip() for value in attributes.get("ids", "").split(",") if value.strip()]
            if ids:
                return [
                    next((url for url, asset in bundle.assets.items() if asset is self.by_id.get(i)), "") for i in ids
                ]
            return self.attached_to.get(post_id, [])

        return sources


def parse_channel(name: str, data: bytes):
    try:
        root = SafeET.fromstring(data, forbid_dtd=True)
    except DefusedXmlException as error:
        raise ImportRefused(
            f"{name} declares XML entities or a DTD, which could be used to read files or exhaust memory; refused."
        ) from error
    except ParseError as error:
        line = error.position[0] if getattr(error, "position", None) else "?"
        raise ImportRefused(
            f"{name} is not well-formed XML (line {line}): it may be truncated, damaged or in the wrong encoding."
        ) from error
    channel = root.find("channel")
    if root.tag != "rss" or channel is None or not child_text(channel, "wp:wxr_version"):
        raise ImportRefused(f"{name} is XML but not a WordPress or Squarespace export (WXR).")
    return channel


def read_wxr(name: str, data: bytes, folder: Folder, *, media_dir: Path | None, download) -> Bundle:
    channel = parse_channel(name, data)
    site = (child_text(channel, "wp:base_blog_url") or child_text(channel, "link") or "").rstrip("/")
    bundle = Bundle(name=name, is_export=True)
    bundle.old_hosts = {
        urlsplit(url).netloc.lower().removeprefix("www.")
        for url in (site, child_text(channel, "wp:base_site_url"), child_text(channel, "link"))
        if url
    }
    authors = {
        child_text(author, "wp:author_login"): child_text(author, "wp:author_display_name")
        for author in children(channel, "wp:author")
    }
    uploads = Uploads(f"wordpress:{site or hashlib.sha256(data).hexdigest()[:16]}", folder, media_dir, download)
    posts = []
    for element in children(channel, "item"):
        post_type = child_text(element, "wp:post_type")
        post_id = child_text(element, "wp:post_id")
        meta = {
            child_text(entry, "wp:meta_key"): child_text(entry, "wp:meta_value")
            for entry in children(element, "wp:postmeta")
        }
        if post_type == "attachment":
            uploads.add(bundle, element, post_id, meta)
            continue
        bundle.comments += len(children(element, "wp:comment"))
        if post_type not in {"post", "page"}:
            bundle.other_types[post_type] = bundle.other_types.get(post_type, 0) + 1
            continue
        posts.append((element, post_type, post_id, meta))
    bundle.find_image = uploads.find_image
    for post in posts:
        read_post(bundle, uploads, authors, *post)
    return bundle


def read_post(bundle: Bundle, uploads: Uploads, authors: dict, element, post_type: str, post_id: str, meta: dict):
    """One post or page into the bundle, or into its skipped list with the reason."""
    # WordPress writes titles with HTML entities (&#8217;, &amp;); the page title holds the characters.
    title = html_lib.unescape(child_text(element, "title")) or "(untitled)"
    status = child_text(element, "wp:status")
    raw = child_text(element, "content:encoded")
    label = f"{'Post' if post_type == 'post' else 'Page'} “{title}”"
    if status in {"private", "trash"}:
        bundle.skipped.append((label, f"{status} on the old site"))
        return
    if status not in WP_STATUS or WP_STATUS[status] is None:
        bundle.skipped.append((label, f"status “{status}”"))
        return
    link = child_text(element, "link")
    old_paths = [path for path in (link, f"/?{'p' if post_type == 'post' else 'page_id'}={post_id}") if path]
    slug = child_text(element, "wp:post_name")
    if post_type == "page" and is_contact_page(slug, title, raw):
        bundle.skipped.append((label, "the old contact page: its addresses lead to the consultation page"))
        bundle.contact_paths.update(old_paths)
        return
    if uses_contact_form(raw):
        bundle.notes.append(f"Contact form removed from {label} (requests go through the consultation page)")
    prepared = expand_shortcodes(raw, bundle.findings, uploads.gallery(bundle, post_id))
    if "<!-- wp:" not in raw:
        prepared = autop(prepared)
    html = clean(prepared, bundle.findings)
    thumbnail = uploads.by_id.get(meta.get("_thumbnail_id", ""))
    if thumbnail:
        bundle.assets.setdefault(f"thumbnail:{thumbnail.source_id}", thumbnail)
    parent = child_text(element, "wp:post_parent")
    item = Item(
        source_id=f"{uploads.key}#{post_id}",
        kind="article" if post_type == "post" else "page",
        title=title,
        slug=slugify(slug) or slugify(title)[:80] or f"item-{post_id}",
        html=html,
        status=WP_STATUS[status],
        parent_id=f"{uploads.key}#{parent}" if parent not in NO_ID else "",
        author=html_lib.unescape(authors.get(child_text(element, "dc:creator"), child_text(element, "dc:creator"))),
        topics=post_topics(element),
        image_src=f"thumbnail:{thumbnail.source_id}" if thumbnail else "",
        old_paths=old_paths,
    )
    describe(item, element, meta)
    bundle.items.append(item)


def is_contact_page(slug: str, title: str, raw: str) -> bool:
    """The page that is the contact page: named so, or its form with hardly any text of its own."""
    named = slug.lower().replace("-", " ") in CONTACT_NAMES or title.strip().lower() in CONTACT_NAMES
    if named:
        return True
    if not uses_contact_form(raw):
        return False
    text = plain(SHORTCODE.sub(" ", raw))
    return len(text) < CONTACT_PAGE_TEXT


def describe(item: Item, element, meta: dict):
    """Dates, summary and search description: the excerpt or an SEO plugin's description, else the first words."""
    excerpt = child_text(element, "excerpt:encoded")
    description = (
        meta.get("_yoast_wpseo_metadesc") or meta.get("rank_math_description") or meta.get("_aioseo_description") or ""
    )
    summary_source = excerpt or description
    if summary_source:
        item.summary = clip(plain(summary_source), 300)
    elif item.kind == "article":
        item.summary, item.html = lead_from(item.html)
    else:  # a page shows no summary above its body
        item.summary = summary_from(item.html)
    item.search_description = clip(plain(description or excerpt), 255)
    item.published_at = gmt(child_text(element, "wp:post_date_gmt")) or rss_date(child_text(element, "pubDate"))
    item.modified_at = gmt(child_text(element, "wp:post_modified_gmt")) or item.published_at


def post_topics(element) -> list[str]:
    """Category and tag names as people read them: WordPress writes them with entities (&amp;, &#8217;)."""
    names = [
        html_lib.unescape((category.text or "").strip())
        for category in children(element, "category")
        if category.get("domain") in {"category", "post_tag"} and category.get("nicename") != "uncategorized"
    ]
    return [name for name in names if name not in {"", "Uncategorized"}]
