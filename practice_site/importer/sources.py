"""Reading what people bring: the format is recognised from the content, and bad input is refused in one line.

Every reader turns a file into a ``Bundle``: the items (articles and pages, their HTML already cleaned), the
images they refer to, and what was skipped. Nothing here touches the database.
"""

import hashlib
import html as html_lib
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit
from xml.etree.ElementTree import ParseError

import frontmatter
import mammoth
from bs4 import BeautifulSoup
from defusedxml import DefusedXmlException
from defusedxml import ElementTree as SafeET
from django.utils.text import slugify
from markdown_it import MarkdownIt

from .html import Findings, autop, clean, expand_shortcodes, summary_from, uses_contact_form

MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 50 * MEGABYTE
MAX_ZIP_TOTAL_BYTES = 200 * MEGABYTE
# Text and XML compress around ten to one; far beyond that is a zip built to exhaust memory or disk.
MAX_ZIP_RATIO = 100
IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif"}
SIZED_VARIANT = re.compile(r"-\d+x\d+(?=\.[A-Za-z0-9]+$)")


class ImportRefused(Exception):
    """Input the importer will not take; the message is the one line shown to the person."""


@dataclass
class Asset:
    """An image the source refers to, and the ways to get its bytes, tried in order."""

    source_id: str
    title: str
    alt: str
    filename: str
    loaders: list[Callable[[], bytes | None]] = field(default_factory=list)


@dataclass
class Item:
    source_id: str
    kind: str  # "article" or "page"
    title: str
    slug: str
    html: str
    status: str  # "live" or "draft", as the source had it
    published_at: datetime | None = None
    modified_at: datetime | None = None
    parent_id: str = ""
    author: str = ""
    summary: str = ""
    search_description: str = ""
    topics: list[str] = field(default_factory=list)
    image_src: str = ""
    old_paths: list[str] = field(default_factory=list)


@dataclass
class Bundle:
    name: str
    is_export: bool
    items: list[Item] = field(default_factory=list)
    # src as written in the HTML → the asset; ``find_image`` resolves what is not listed here.
    assets: dict[str, Asset] = field(default_factory=dict)
    find_image: Callable[[str], Asset | None] = lambda src: None
    old_hosts: set[str] = field(default_factory=set)
    contact_paths: set[str] = field(default_factory=set)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    other_types: dict[str, int] = field(default_factory=dict)
    comments: int = 0
    findings: Findings = field(default_factory=Findings.empty)


class Folder:
    """Files beside the one being read: a folder on disk or the other members of a zip."""

    def __init__(self, files: dict[str, Callable[[], bytes]] | None = None, root: Path | None = None):
        self.files = files or {}
        self.root = root

    def get(self, relative: str) -> bytes | None:
        relative = str(PurePosixPath(relative.split("?")[0].split("#")[0]))
        if relative.startswith("/") or ".." in PurePosixPath(relative).parts:
            return None
        if self.root is not None:
            path = (self.root / relative).resolve()
            if path.is_relative_to(self.root.resolve()) and path.is_file() and path.stat().st_size <= MAX_FILE_BYTES:
                return path.read_bytes()
            return None
        loader = self.files.get(relative)
        return loader() if loader else None

    def ending_with(self, suffix: str) -> bytes | None:
        """A zip of a WordPress site holds wp-content/uploads/2021/03/photo.jpg under some folder of its own."""
        for name, loader in self.files.items():
            if name == suffix or name.endswith("/" + suffix):
                return loader()
        return None


def check_size(name: str, size: int):
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"{name} is larger than 50 MB; split the export into smaller files.")


def read_document(name: str, data: bytes, folder: Folder, *, media_dir: Path | None, download) -> list[Bundle]:
    """Recognise the format from the bytes (the file name only has to agree) and read it."""
    check_size(name, len(data))
    suffix = PurePosixPath(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        try:
            archive = zipfile.ZipFile(io.BytesIO(data))
            names = set(archive.namelist())
        except zipfile.BadZipFile as error:
            raise ImportRefused(f"{name} is a damaged zip file ({error}).") from error
        if "word/document.xml" in names:
            if suffix not in {".docx", ""}:
                raise ImportRefused(f"{name} is a Word document, not the {suffix} file its name says.")
            return [read_docx(name, data)]
        if suffix == ".docx":
            raise ImportRefused(f"{name} is not a Word document: it is a zip without one inside.")
        return read_zip(name, archive, media_dir=media_dir, download=download)
    if suffix in {".zip", ".docx"}:
        kind = "Word document" if suffix == ".docx" else "zip file"
        raise ImportRefused(f"{name} is not a {kind}: its content is something else.")
    if b"\x00" in data[:8192]:
        raise ImportRefused(f"{name} is not a text file, XML export, Word document or zip.")
    start = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:200].lower()
    if start.startswith((b"<?xml", b"<rss")):
        return [read_wxr(name, data, folder, media_dir=media_dir, download=download)]
    if suffix == ".xml":
        raise ImportRefused(f"{name} is not XML: a WordPress export starts with <?xml.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            f"{name} is not UTF-8 text (byte {error.start} cannot be read); save it as UTF-8 and try again."
        ) from error
    if suffix in {".md", ".markdown"} or (suffix != ".txt" and looks_like_markdown(text)):
        return [read_markdown(name, text, folder)]
    return [read_plain_text(name, text)]


def looks_like_markdown(text: str) -> bool:
    return text.startswith("---\n") or bool(re.search(r"^(#{1,6} |\* |- |> )|!\[[^\]]*\]\(|\]\(", text, re.M))


def read_zip(name: str, archive: zipfile.ZipFile, *, media_dir, download) -> list[Bundle]:
    infos = [info for info in archive.infolist() if not info.is_dir()]
    total = 0
    for info in infos:
        member = info.filename
        parts = PurePosixPath(member.replace("\\", "/")).parts
        if member.startswith(("/", "\\")) or re.match(r"^[A-Za-z]:", member) or ".." in parts:
            raise ImportRefused(f"{name} holds a file with an unsafe path ({member}); nothing was imported.")
        if info.file_size > MAX_FILE_BYTES:
            raise ImportRefused(f"{name} holds a file over 50 MB ({member}); nothing was imported.")
        total += info.file_size
    if total > MAX_ZIP_TOTAL_BYTES:
        raise ImportRefused(f"{name} expands to more than 200 MB; import it in smaller parts.")
    for info in infos:
        member = info.filename
        if info.file_size > MEGABYTE and info.file_size > MAX_ZIP_RATIO * max(info.compress_size, 1):
            raise ImportRefused(f"{name} expands far more than any real export ({member}); nothing was imported.")

    def loader(info):
        def load():
            # The sizes above come from the zip's own directory, which can lie: read no more than it claimed.
            with archive.open(info) as handle:
                data = handle.read(info.file_size + 1)
            if len(data) > info.file_size:
                raise ImportRefused(f"{name} is damaged: {info.filename} is larger than the zip says.")
            return data

        return load

    files = {info.filename: loader(info) for info in infos if not info.filename.startswith("__MACOSX/")}
    bundles = []
    for member, load in sorted(files.items()):
        path = PurePosixPath(member)
        if path.name.startswith(".") or path.suffix.lower() not in {".xml", ".md", ".markdown", ".txt", ".docx"}:
            continue
        siblings = {
            str(PurePosixPath(other).relative_to(path.parent)): other_load
            for other, other_load in files.items()
            if PurePosixPath(other).is_relative_to(path.parent)
        }
        siblings.update(files if path.suffix.lower() == ".xml" else {})
        try:
            data = load()
        except (zipfile.BadZipFile, EOFError, OSError) as error:
            raise ImportRefused(f"{name} is damaged: {member} cannot be read ({error}).") from error
        bundles += read_document(f"{name}/{member}", data, Folder(siblings), media_dir=media_dir, download=download)
    if not bundles:
        raise ImportRefused(f"{name} holds no WordPress export, Markdown, text or Word file to import.")
    return bundles


# WordPress export --------------------------------------------------------------------------------------------


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


NO_ID = {"", "0"}
WP_STATUS = {"publish": "live", "draft": "draft", "pending": "draft", "future": "draft", "auto-draft": None}


def read_wxr(name: str, data: bytes, folder: Folder, *, media_dir: Path | None, download) -> Bundle:
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
    key = f"wordpress:{site or hashlib.sha256(data).hexdigest()[:16]}"
    by_upload_path: dict[str, Asset] = {}
    by_id: dict[str, Asset] = {}
    attached_to: dict[str, list[str]] = {}
    raw_items = []

    for element in children(channel, "item"):
        post_type = child_text(element, "wp:post_type")
        post_id = child_text(element, "wp:post_id")
        meta = {
            child_text(entry, "wp:meta_key"): child_text(entry, "wp:meta_value")
            for entry in children(element, "wp:postmeta")
        }
        if post_type == "attachment":
            url = child_text(element, "wp:attachment_url") or child_text(element, "guid")
            relative = meta.get("_wp_attached_file") or uploads_path(url)
            # Squarespace's images live on its CDN, outside any uploads folder: the address names the file.
            file_path = PurePosixPath(relative or urlsplit(url).path)
            if file_path.suffix.lower() not in IMAGE_EXTENSIONS:
                label = "attachment (not an image)"
                bundle.other_types[label] = bundle.other_types.get(label, 0) + 1
                continue
            asset = Asset(
                source_id=f"{key}#{post_id}",
                title=child_text(element, "title") or file_path.stem,
                alt=meta.get("_wp_attachment_image_alt", ""),
                filename=file_path.name,
                loaders=upload_loaders(relative, url, folder, media_dir, download),
            )
            by_id[post_id] = by_upload_path[relative] = asset
            bundle.assets[url] = asset
            attached_to.setdefault(child_text(element, "wp:post_parent"), []).append(url)
            continue
        bundle.comments += len(children(element, "wp:comment"))
        if post_type not in {"post", "page"}:
            bundle.other_types[post_type] = bundle.other_types.get(post_type, 0) + 1
            continue
        raw_items.append((element, post_type, post_id, meta))

    def find_image(src: str) -> Asset | None:
        if match := re.search(r"wp-image-(\d+)", src):
            return by_id.get(match.group(1))
        relative = uploads_path(src)
        if not relative:
            if not src.startswith(("http://", "https://")):
                return None
            # An image the old site showed from elsewhere is copied here, so no public page loads a third party.
            return Asset(
                source_id=f"{key}:{src}"[:255],
                title=PurePosixPath(urlsplit(src).path).stem.replace("-", " "),
                alt="",
                filename=PurePosixPath(urlsplit(src).path).name or "image",
                loaders=[fetcher(src, download)],
            )
        original = SIZED_VARIANT.sub("", relative)
        if asset := by_upload_path.get(relative) or by_upload_path.get(original):
            return asset
        return Asset(
            source_id=f"{key}:{original}",
            title=PurePosixPath(original).stem.replace("-", " "),
            alt="",
            filename=PurePosixPath(original).name,
            loaders=upload_loaders(original, SIZED_VARIANT.sub("", src), folder, media_dir, download),
        )

    bundle.find_image = find_image

    for element, post_type, post_id, meta in raw_items:
        # WordPress writes titles with HTML entities (&#8217;, &amp;); the page title holds the characters.
        title = html_lib.unescape(child_text(element, "title")) or "(untitled)"
        status = child_text(element, "wp:status")
        link = child_text(element, "link")
        raw = child_text(element, "content:encoded")
        label = f"{'Post' if post_type == 'post' else 'Page'} “{title}”"
        if status in {"private", "trash"}:
            bundle.skipped.append((label, f"{status} on the old site"))
            continue
        if status not in WP_STATUS or WP_STATUS[status] is None:
            bundle.skipped.append((label, f"status “{status}”"))
            continue
        old_paths = [path for path in (link, f"/?{'p' if post_type == 'post' else 'page_id'}={post_id}") if path]
        slug = child_text(element, "wp:post_name")
        if post_type == "page" and (uses_contact_form(raw) or slug.startswith("contact")):
            bundle.skipped.append((label, "the old contact page: its addresses lead to the consultation page"))
            bundle.contact_paths.update(old_paths)
            continue

        def gallery(attributes, post_id=post_id):
            ids = [value.strip() for value in attributes.get("ids", "").split(",") if value.strip()]
            if ids:
                return [next((url for url, asset in bundle.assets.items() if asset is by_id.get(i)), "") for i in ids]
            return attached_to.get(post_id, [])

        prepared = expand_shortcodes(raw, bundle.findings, gallery)
        if "<!-- wp:" not in raw:
            prepared = autop(prepared)
        html = clean(prepared, bundle.findings)
        excerpt = child_text(element, "excerpt:encoded")
        description = (
            meta.get("_yoast_wpseo_metadesc") or meta.get("rank_math_description") or meta.get("_aioseo_description")
            or ""
        )
        summary_source = excerpt or description
        published = gmt(child_text(element, "wp:post_date_gmt")) or rss_date(child_text(element, "pubDate"))
        thumbnail = by_id.get(meta.get("_thumbnail_id", ""))
        if thumbnail:
            bundle.assets.setdefault(f"thumbnail:{thumbnail.source_id}", thumbnail)
        bundle.items.append(
            Item(
                source_id=f"{key}#{post_id}",
                kind="article" if post_type == "post" else "page",
                title=title,
                slug=slugify(slug) or slugify(title)[:80] or f"item-{post_id}",
                html=html,
                status=WP_STATUS[status],
                published_at=published,
                modified_at=gmt(child_text(element, "wp:post_modified_gmt")) or published,
                parent_id=f"{key}#{parent}" if (parent := child_text(element, "wp:post_parent")) not in NO_ID else "",
                author=authors.get(child_text(element, "dc:creator"), child_text(element, "dc:creator")),
                summary=clip(plain(summary_source), 300) if summary_source else summary_from(html),
                search_description=clip(plain(description or excerpt), 255),
                topics=[
                    (category.text or "").strip()
                    for category in children(element, "category")
                    if category.get("domain") in {"category", "post_tag"}
                    and category.get("nicename") != "uncategorized"
                    and (category.text or "").strip() not in {"", "Uncategorized"}
                ],
                image_src=f"thumbnail:{thumbnail.source_id}" if thumbnail else "",
                old_paths=old_paths,
            )
        )
    return bundle


def upload_loaders(relative: str, url: str, folder: Folder, media_dir: Path | None, download):
    loaders = []
    if media_dir is not None and relative:
        loaders.append(lambda: Folder(root=media_dir).get(relative))
    if relative:
        loaders.append(lambda: folder.ending_with("uploads/" + relative) or folder.get(relative))
    loaders.append(fetcher(url, download))
    return loaders


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


# Single documents --------------------------------------------------------------------------------------------


def document_bundle(name: str, title: str, html: str, *, findings: Findings, **fields) -> Bundle:
    bundle = Bundle(name=name, is_export=False, findings=findings)
    slug = fields.pop("slug", "") or slugify(title)[:80] or "imported-article"
    summary = fields.pop("summary", "") or summary_from(html)
    bundle.items.append(
        Item(
            source_id=f"file:{slug}",
            kind="article",
            title=title,
            slug=slug,
            html=html,
            status=fields.pop("status", "draft"),
            summary=clip(summary, 300),
            search_description=clip(fields.pop("search_description", ""), 255),
            **fields,
        )
    )
    return bundle


def local_images(bundle: Bundle, name: str, folder: Folder, images: dict[str, bytes] | None = None):
    """Images beside the file (or inside the Word document), found by the address the text gives them."""

    def find_image(src: str) -> Asset | None:
        if not src or urlsplit(src).scheme or src.startswith("//"):
            return None
        data = (images or {}).get(src) or folder.get(src)
        if data is None:
            return Asset(source_id=f"missing:{src}", title=src, alt="", filename=PurePosixPath(src).name)
        digest = hashlib.sha256(data).hexdigest()
        return Asset(
            source_id=f"file-image:{digest}",
            title=PurePosixPath(src).stem.replace("-", " ").replace("_", " "),
            alt="",
            filename=PurePosixPath(src).name,
            loaders=[lambda: data],
        )

    bundle.find_image = find_image


def as_datetime(value) -> datetime | None:
    if isinstance(value, datetime):
        return value if value.tzinfo else value.replace(tzinfo=UTC)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, 12, tzinfo=UTC)
    if isinstance(value, str) and value.strip():
        try:
            return as_datetime(datetime.fromisoformat(value.strip()))
        except ValueError:
            return None
    return None


def read_markdown(name: str, text: str, folder: Folder) -> Bundle:
    try:
        post = frontmatter.loads(text)
    except Exception as error:  # noqa: BLE001 (YAML's errors have no common base worth naming)
        raise ImportRefused(f"{name} has front matter that cannot be read: {str(error).splitlines()[0]}") from error
    content = post.content
    title = str(post.get("title") or "").strip()
    if not title and (heading := re.match(r"^\s*#\s+(.+)$", content, re.M)):
        title = heading.group(1).strip()
        content = content.replace(heading.group(0), "", 1)
    title = title or PurePosixPath(name).stem.replace("-", " ").replace("_", " ").capitalize()
    findings = Findings.empty()
    html = clean(MarkdownIt("commonmark", {"html": True}).render(content), findings)
    topics = post.get("topics") or post.get("tags") or []
    if isinstance(topics, str):
        topics = topics.split(",")
    published = as_datetime(post.get("date"))
    bundle = document_bundle(
        name, title, html, findings=findings,
        slug=slugify(str(post.get("slug") or "")),
        summary=str(post.get("summary") or ""),
        search_description=str(post.get("summary") or ""),
        author=str(post.get("author") or ""),
        topics=[str(topic).strip() for topic in topics if str(topic).strip()],
        published_at=published,
        modified_at=published,
    )
    local_images(bundle, name, folder)
    bundle.items[0].image_src = str(post.get("image") or "")
    return bundle


# Plain text as it is pasted from a web page: see README "Importing content".
SHORT_LINE = 80
CLOSING_PUNCTUATION = tuple(".!?…:;,\"”’)")
SENTENCE_END = tuple(".!?…")
BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def read_plain_text(name: str, text: str) -> Bundle:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ImportRefused(f"{name} is empty.")
    title, body = lines[0], lines[1:]

    def is_heading(index):
        line = body[index]
        following = body[index + 1] if index + 1 < len(body) else ""
        return len(line) <= SHORT_LINE and not line.endswith(CLOSING_PUNCTUATION) and (
            len(following) > SHORT_LINE or following.endswith(CLOSING_PUNCTUATION)
        )

    def is_list_item(index):
        """Short and not a sentence; a heading is told apart by the paragraph (a long line) after it."""
        line = body[index]
        following = body[index + 1] if index + 1 < len(body) else ""
        heading = is_heading(index) and len(following) > SHORT_LINE
        return len(line) <= SHORT_LINE and not line.endswith(SENTENCE_END) and not heading

    parts, index = [], 0
    while index < len(body):
        line = body[index]
        if line.endswith(":") and index + 1 < len(body):
            parts.append(f"<p>{escape(line)}</p>")
            items = []
            index += 1
            while index < len(body) and is_list_item(index):
                items.append(f"<li>{escape(BULLET.sub('', body[index]))}</li>")
                index += 1
            parts.append(f"<ul>{''.join(items)}</ul>" if items else "")
            continue
        parts.append(f"<h2>{escape(line)}</h2>" if is_heading(index) else f"<p>{escape(line)}</p>")
        index += 1
    findings = Findings.empty()
    return document_bundle(name, title, clean("".join(parts), findings), findings=findings)


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def read_docx(name: str, data: bytes) -> Bundle:
    images: dict[str, bytes] = {}

    def keep_image(image):
        with image.open() as handle:
            content = handle.read()
        extension = (image.content_type or "image/png").split("/")[-1].replace("jpeg", "jpg")
        src = f"word-image-{len(images) + 1}.{extension}"
        images[src] = content
        return {"src": src}

    try:
        result = mammoth.convert_to_html(
            io.BytesIO(data),
            convert_image=mammoth.images.img_element(keep_image),
            style_map="p[style-name='Title'] => h1:fresh",
        )
    except (KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ImportRefused(f"{name} is a damaged Word document ({error}).") from error
    html = result.value
    title_match = re.search(r"<h1>(.*?)</h1>", html, re.S)
    if title_match:
        title = plain(title_match.group(1))
        html = html.replace(title_match.group(0), "", 1)
    else:
        title = PurePosixPath(name).stem.replace("-", " ").replace("_", " ").capitalize()
    findings = Findings.empty()
    bundle = document_bundle(name, title, clean(html, findings), findings=findings)
    local_images(bundle, name, Folder(), images)
    return bundle


def folder_files(path: Path) -> list[Path]:
    return sorted(
        child for child in path.rglob("*")
        if child.is_file() and child.suffix.lower() in {".xml", ".md", ".markdown", ".txt", ".docx", ".zip"}
        and not any(part.startswith(".") for part in child.relative_to(path).parts)
    )


def read_paths(paths: list[Path], *, media_dir: Path | None, download) -> list[Bundle]:
    bundles = []
    for path in paths:
        if path.is_dir():
            files = folder_files(path)
            if not files:
                raise ImportRefused(f"{path} holds no file to import.")
        elif path.is_file():
            files = [path]
        else:
            raise ImportRefused(f"{path} does not exist.")
        for file in files:
            check_size(str(file), file.stat().st_size)
            bundles += read_document(
                file.name, file.read_bytes(), Folder(root=file.parent), media_dir=media_dir, download=download
            )
    return bundles

