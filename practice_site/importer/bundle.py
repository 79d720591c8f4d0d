"""What every reader produces: a ``Bundle`` of items (articles and pages, their HTML already cleaned), the images
they refer to, and what was skipped. Nothing here touches the database."""

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

from bs4 import BeautifulSoup
from django.utils.text import slugify

from .html import Findings, lead_from

MEGABYTE = 1024 * 1024
MAX_FILE_BYTES = 50 * MEGABYTE


class ImportRefused(Exception):
    """Input the importer will not take; the message is the one line shown to the person."""


class ImageRefused(Exception):
    """One image not taken (where it points, its size, what it is); the import goes on and the report names it."""


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
    # What the editor should know of an item that was kept, e.g. a contact form taken out of it.
    notes: list[str] = field(default_factory=list)


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


def plain(html: str) -> str:
    return re.sub(r"\s+", " ", BeautifulSoup(html, "html.parser").get_text(" ")).strip()


def clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def title_from_name(name: str) -> str:
    return PurePosixPath(name).stem.replace("-", " ").replace("_", " ").capitalize()


def content_identity(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def document_bundle(name: str, title: str, html: str, *, findings: Findings, identity: str, **fields) -> Bundle:
    """One article from one file, known by ``identity``: its front-matter id, else a hash of its content.

    A second file with the same title is a second article (under a new slug), not an update of the first.
    """
    bundle = Bundle(name=name, is_export=False, findings=findings)
    slug = fields.pop("slug", "") or slugify(title)[:80] or "imported-article"
    summary = fields.pop("summary", "")
    if not summary:
        summary, html = lead_from(html)
    bundle.items.append(
        Item(
            source_id=f"file:{identity}"[:255],
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


def local_images(bundle: Bundle, folder: Folder, images: dict[str, bytes] | None = None):
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
