"""From someone else's HTML to clean HTML, keeping nothing that could run or track.

A cleaning pass turns embeds into links, drops what can run or track and counts it for the report, and nh3
sanitises what is left. WordPress's own markup is made plain first (shortcodes.py); the clean HTML then becomes
the article body's blocks (blocks.py).
"""

import html as html_lib
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from bs4 import BeautifulSoup, Comment, Tag

# What survives sanitising: enough structure to build blocks from, nothing that runs, styles or loads.
ALLOWED_TAGS = {
    "p", "br", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote", "cite", "figure", "figcaption",
    "img", "a", "strong", "b", "em", "i", "div", "span", "table", "tbody", "thead", "tr", "td", "th", "pre", "code",
}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "img": {"src", "alt", "class"}, "figure": {"class"}}
URL_SCHEMES = {"http", "https", "mailto", "tel"}
DROPPED_WITH_CONTENT = {
    "script", "style", "noscript", "template", "form", "select", "textarea", "button", "object", "svg", "math",
    "iframe", "embed", "video", "audio", "head", "title",
}

BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$")
TRACKER_HINTS = ("facebook.com/tr", "google-analytics.com", "doubleclick.net", "/pixel", "pixel.", "analytics")


@dataclass
class Findings:
    """What cleaning removed or could not keep, for the report."""

    removed: dict
    unknown_shortcodes: dict

    @classmethod
    def empty(cls):
        return cls(removed={}, unknown_shortcodes={})

    def remove(self, reason, count=1):
        self.removed[reason] = self.removed.get(reason, 0) + count


def link_paragraph(url: str, text: str = "") -> str:
    url = url.strip()
    if not url.startswith(("http://", "https://")):
        return ""
    href = html_lib.escape(watch_url(url))
    return f'<p><a href="{href}">{html_lib.escape(text or href)}</a></p>'


def watch_url(url: str) -> str:
    """An embed's player address as the page people can open: youtube.com/embed/ID is youtube.com/watch?v=ID."""
    parts = urlsplit(url)
    host = parts.netloc.lower()
    if "youtube" in host and parts.path.startswith("/embed/"):
        return f"https://www.youtube.com/watch?v={parts.path.removeprefix('/embed/').split('/')[0]}"
    if host.endswith("player.vimeo.com") and parts.path.startswith("/video/"):
        return f"https://vimeo.com/{parts.path.removeprefix('/video/')}"
    return url


def clean(raw: str, findings: Findings) -> str:
    """Counts and removes what may not reach a public page, then lets nh3 make sure of it."""
    soup = BeautifulSoup(raw, "html.parser")
    for comment in soup.find_all(string=lambda text: isinstance(text, Comment)):
        comment.extract()
    for figure in soup.select("figure.wp-block-embed, figure.wp-embed, div.wp-block-embed"):
        url = (figure.find(class_="wp-block-embed__wrapper") or figure).get_text(" ", strip=True).split(" ")[0]
        figure.replace_with(BeautifulSoup(link_paragraph(url), "html.parser"))
        findings.remove("embed replaced by a link")
    for frame in soup.find_all(["iframe", "embed", "video", "audio", "object"]):
        src = frame.get("src") or frame.get("data") or ""
        if not src and frame.find("source"):
            src = frame.find("source").get("src", "")
        if src.startswith("//"):
            src = "https:" + src
        replacement = link_paragraph(src, frame.get("title", ""))
        frame.replace_with(BeautifulSoup(replacement, "html.parser"))
        findings.remove("embed replaced by a link" if replacement else "embed without an address")
    for name, reason in (("script", "script"), ("noscript", "script"), ("style", "style sheet"), ("form", "form")):
        for tag in soup.find_all(name):
            tag.decompose()
            findings.remove(reason)
    for tag in soup.find_all(["link", "meta", "input"]):
        tag.decompose()
        findings.remove("form" if tag.name == "input" else "link to an outside resource")
    for image in soup.find_all("img"):
        if is_tracking_pixel(image):
            image.decompose()
            findings.remove("tracking pixel")
    for tag in soup.find_all(True):
        for attribute in list(tag.attrs):
            if attribute.lower().startswith("on"):
                findings.remove("inline event handler")
            elif attribute.lower() == "style":
                findings.remove("inline style")
    for paragraph in soup.find_all("p"):
        if not paragraph.find(True) and (url := BARE_URL.match(paragraph.get_text())):
            # A URL alone on a line is an oEmbed in WordPress: a player on the old site, a link here.
            paragraph.replace_with(BeautifulSoup(link_paragraph(url.group(1)), "html.parser"))
            findings.remove("embed replaced by a link")
    return nh3.clean(
        str(soup),
        tags=ALLOWED_TAGS,
        clean_content_tags=DROPPED_WITH_CONTENT,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def is_tracking_pixel(image: Tag) -> bool:
    sizes = {image.get("width", "").strip(), image.get("height", "").strip()}
    src = image.get("src", "").lower()
    hidden = "display:none" in image.get("style", "").replace(" ", "").lower()
    return bool(sizes & {"0", "1", "1px", "0px"}) or hidden or any(hint in src for hint in TRACKER_HINTS)


def plain_text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ") if isinstance(node, Tag) else str(node)).strip()


SUMMARY_MAX = 300


def summary_from(html: str, limit: int = SUMMARY_MAX) -> str:
    """The first paragraph's words, cut at a word boundary, for listings when the source gave no summary."""
    soup = BeautifulSoup(html or "", "html.parser")
    for paragraph in soup.find_all("p"):
        text = plain_text(paragraph)
        if len(text) > 20:
            break
    else:
        text = plain_text(soup)
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def lead_from(html: str) -> tuple[str, str]:
    """The summary for a source that gave none, and the body without it when it is the opening paragraph.

    Article pages print the summary above the body; an opening paragraph short enough to be the summary (and with
    no link to lose) moves there rather than showing twice. A longer one stays, and its first words are the summary.
    """
    soup = BeautifulSoup(html or "", "html.parser")
    first = next((node for node in soup.contents if isinstance(node, Tag) or str(node).strip()), None)
    text = plain_text(first) if isinstance(first, Tag) and first.name == "p" else ""
    if 20 < len(text) <= SUMMARY_MAX and not first.find(["a", "img"]):
        first.extract()
        return text, str(soup).strip()
    return summary_from(html), html
