"""Markdown with optional YAML front matter (title, slug, summary, author, topics or tags, date, image)."""

import re

import frontmatter
from django.utils.text import slugify
from markdown_it import MarkdownIt

from .bundle import (
    Bundle,
    Folder,
    ImportRefused,
    as_datetime,
    content_identity,
    document_bundle,
    local_images,
    title_from_name,
)
from .html import Findings, clean


def looks_like_markdown(text: str) -> bool:
    return text.startswith("---\n") or bool(re.search(r"^(#{1,6} |\* |- |> )|!\[[^\]]*\]\(|\]\(", text, re.M))


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
    title = title or title_from_name(name)
    findings = Findings.empty()
    html = clean(MarkdownIt("commonmark", {"html": True}).render(content), findings)
    topics = post.get("topics") or post.get("tags") or []
    if isinstance(topics, str):
        topics = topics.split(",")
    published = as_datetime(post.get("date"))
    identity = f"id:{post['id']}" if str(post.get("id") or "").strip() else content_identity(text.encode())
    bundle = document_bundle(
        name, title, html, findings=findings, identity=identity,
        slug=slugify(str(post.get("slug") or "")),
        summary=str(post.get("summary") or ""),
        search_description=str(post.get("summary") or ""),
        author=str(post.get("author") or ""),
        topics=[str(topic).strip() for topic in topics if str(topic).strip()],
        published_at=published,
        modified_at=published,
    )
    local_images(bundle, folder)
    bundle.items[0].image_src = str(post.get("image") or "")
    return bundle
