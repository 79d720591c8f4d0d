"""From someone else's HTML to this site's StreamField blocks, keeping nothing that could run or track.

Three steps: WordPress's own markup (shortcodes, classic-editor paragraphs) becomes plain HTML; a cleaning
pass turns embeds into links, drops what can run or track and counts it for the report, and nh3 sanitises what is
left; then the clean HTML is walked into the article body's blocks (paragraph, heading, quote, image).
"""

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

import nh3
from bs4 import BeautifulSoup, Comment, NavigableString, Tag

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

HEADING_MAX = 120
ATTRIBUTION_DASHES = ("—", "–", "-", "~")
QUOTE_MAX = 400
CAPTION_MAX = 250

# Shortcodes the importer understands; any other is removed and named in the report.
KNOWN_SHORTCODES = {"caption", "wp_caption", "gallery", "embed", "video", "audio", "youtube", "vimeo", "playlist"}
CONTACT_FORM_SHORTCODES = {
    "contact-form-7", "contact-form", "wpforms", "gravityform", "gravityforms", "ninja_form", "ninja_forms",
    "formidable", "caldera_form", "fluentform", "forminator_form",
}
SHORTCODE = re.compile(r"\[(/?)([a-zA-Z][\w-]*)((?:\s[^\]]*)?)\]")
CAPTION = re.compile(r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.DOTALL | re.IGNORECASE)
EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.IGNORECASE)
ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))""")
BARE_URL = re.compile(r"^\s*(https?://\S+)\s*$")
TRACKER_HINTS = ("facebook.com/tr", "google-analytics.com", "doubleclick.net", "/pixel", "pixel.", "analytics")

BLOCK_START = re.compile(
    r"^\s*<(?:p|h[1-6]|ul|ol|li|blockquote|figure|div|table|pre|hr|section|iframe|script|style|form|!--)[\s>/]",
    re.IGNORECASE,
)


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


def shortcode_attributes(text: str) -> dict:
    return {match[0].lower(): match[1] or match[2] or match[3] for match in ATTRIBUTE.findall(text or "")}


def uses_contact_form(raw: str) -> bool:
    return any(name.lower() in CONTACT_FORM_SHORTCODES for _, name, _ in SHORTCODE.findall(raw or ""))


def expand_shortcodes(raw: str, findings: Findings, gallery: Callable[[dict], list[str]]) -> str:
    """Captions become figures, embeds links, galleries images; unknown shortcodes go, their inner text stays.

    ``gallery(attributes)`` returns the image addresses a ``[gallery]`` shows.
    """

    def caption(match):
        inner = match.group(2)
        image_html = re.search(r"(<a\b[^>]*>\s*)?<img\b[^>]*>(\s*</a>)?", inner, re.IGNORECASE)
        if not image_html:
            return inner
        text = (inner[: image_html.start()] + inner[image_html.end():]).strip()
        text = text or shortcode_attributes(match.group(1)).get("caption", "")
        return f"<figure>{image_html.group(0)}<figcaption>{text}</figcaption></figure>"

    raw = CAPTION.sub(caption, raw)
    raw = EMBED.sub(lambda match: link_paragraph(match.group(1).strip()), raw)

    def shortcode(match):
        closing, name, attributes = match.group(1), match.group(2).lower(), match.group(3)
        if name == "gallery" and not closing:
            sources = gallery(shortcode_attributes(attributes))
            return "".join(f'<figure><img src="{html_lib.escape(src)}"></figure>' for src in sources)
        if name in {"video", "audio", "youtube", "vimeo"} and not closing:
            params = shortcode_attributes(attributes)
            url = params.get("src") or params.get("url") or params.get("mp4") or attributes.strip().strip("=")
            return link_paragraph(url) if url.startswith(("http://", "https://")) else ""
        if name in KNOWN_SHORTCODES:
            return ""
        if not looks_like_shortcode(raw, match):
            return match.group(0)
        if not closing:
            findings.unknown_shortcodes[name] = findings.unknown_shortcodes.get(name, 0) + 1
        return ""

    return SHORTCODE.sub(shortcode, raw)


def looks_like_shortcode(raw: str, match) -> bool:
    """[sic] or [1] in prose stays; a shortcode has attributes, a closing tag or a plugin-style name."""
    closing, name, attributes = match.group(1), match.group(2), match.group(3)
    return bool(closing or attributes.strip() or "_" in name or "-" in name or f"[/{name}]" in raw)


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


def autop(raw: str) -> str:
    """WordPress's classic editor stores paragraphs as blank-line-separated text, as wpautop() renders them."""
    chunks = re.split(r"\n\s*\n", raw.replace("\r\n", "\n"))
    out = []
    for chunk in chunks:
        chunk = chunk.strip()
        if not chunk:
            continue
        if BLOCK_START.match(chunk):
            out.append(chunk)
        else:
            out.append("<p>" + re.sub(r"\s*\n\s*", "<br>\n", chunk) + "</p>")
    return "\n".join(out)


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


@dataclass
class BodyContext:
    """How the walk resolves what it meets: links to pages, images to Wagtail images."""

    link: Callable[[str], tuple[str, str] | None]  # href → ("page", id) / ("url", href) / None to drop
    # (src, alt, class) → (image id, alt text), or None when the image could not be had
    image: Callable[[str, str, str], tuple[int, str] | None]


INLINE_TAGS = {"a", "b", "strong", "i", "em", "span", "code", "br", "img", "cite"}
HEADING_LEVELS = {"h1": "h2", "h2": "h2", "h3": "h3", "h4": "h3", "h5": "h3", "h6": "h3"}


def to_blocks(clean_html: str, context: BodyContext) -> list[dict]:
    return BlockWriter(context).convert(BeautifulSoup(clean_html, "html.parser").contents)


def plain_text(node) -> str:
    return re.sub(r"\s+", " ", node.get_text(" ") if isinstance(node, Tag) else str(node)).strip()


class BlockWriter:
    def __init__(self, context: BodyContext):
        self.context = context
        self.blocks: list[dict] = []
        self.rich: list[str] = []
        self.inline_run: list = []

    def convert(self, nodes) -> list[dict]:
        self.walk(nodes)
        self.flush()
        return self.blocks

    # Consecutive paragraphs and lists share one rich text block, as an editor would write them.
    def flush_inline(self):
        if self.inline_run:
            text = "".join(self.inline(node) for node in self.inline_run).strip()
            self.inline_run = []
            if text:
                self.rich.append(f"<p>{text}</p>")

    def flush(self):
        self.flush_inline()
        if self.rich:
            self.blocks.append({"type": "paragraph", "value": "".join(self.rich)})
            self.rich = []

    def walk(self, nodes):
        for node in list(nodes):
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self.inline_run.append(node)
                continue
            if not isinstance(node, Tag):
                continue
            name = node.name
            if name in INLINE_TAGS and not (name == "img" or node.find("img")):
                self.inline_run.append(node)
                continue
            self.flush_inline()
            if name in HEADING_LEVELS:
                self.heading(node)
            elif name == "p":
                self.paragraph(node)
            elif name in {"ul", "ol"}:
                if items := self.list_html(node):
                    self.rich.append(items)
            elif name == "blockquote":
                self.quote(node)
            elif name == "figure":
                self.figure(node)
            elif name == "img" or (name == "a" and node.find("img")):
                self.images(node, caption="")
            elif name == "tr":
                cells = [self.inline(cell).strip() for cell in node.find_all(["td", "th"], recursive=False)]
                if any(cells):
                    self.rich.append("<p>" + " · ".join(cell for cell in cells if cell) + "</p>")
            elif name == "pre":
                lines = [html_lib.escape(line) for line in node.get_text().strip("\n").splitlines()]
                self.rich.append("<p>" + "<br/>".join(lines) + "</p>")
            else:
                self.walk(node.contents)
        self.flush_inline()

    def heading(self, node):
        text = plain_text(node)
        if not text:
            return
        if len(text) > HEADING_MAX:
            self.rich.append(f"<p><b>{html_lib.escape(text)}</b></p>")
            return
        self.flush()
        self.blocks.append({"type": "heading", "value": {"text": text, "level": HEADING_LEVELS[node.name]}})

    def paragraph(self, node):
        images = node.find_all("img")
        for image in images:
            (image.parent if image.parent.name == "a" and image.parent is not node else image).extract()
        text = "".join(self.inline(child) for child in node.contents).strip()
        if text:
            self.rich.append(f"<p>{text}</p>")
        for image in images:
            self.images(image, caption="")

    def quote(self, node):
        citations = [plain_text(cite) for cite in node.find_all("cite")]
        for cite in node.find_all("cite"):
            cite.decompose()
        paragraphs = [plain_text(child) for child in node.find_all("p")] or [plain_text(node)]
        if not citations and len(paragraphs) > 1 and paragraphs[-1].startswith(ATTRIBUTION_DASHES):
            # Markdown and plain HTML have no <cite>: "— Name" on the quote's last line is the attribution.
            citations = [paragraphs.pop()]
        text = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
        attribution = " ".join(citations).lstrip("—–- ").strip()
        if not text:
            return
        if len(text) > QUOTE_MAX or len(attribution) > 120:
            # Too long for a pull quote: it stays readable as paragraphs.
            for paragraph in paragraphs:
                self.rich.append(f"<p><i>{html_lib.escape(paragraph)}</i></p>")
            return
        self.flush()
        self.blocks.append({"type": "quote", "value": {"quote": text, "attribution": attribution}})

    def figure(self, node):
        if node.find("blockquote") or node.find("figure"):
            self.walk(node.contents)
            return
        figcaption = node.find("figcaption")
        caption = plain_text(figcaption) if figcaption else ""
        if figcaption:
            figcaption.decompose()
        if node.find("img"):
            self.images(node, caption=caption)
        else:
            self.walk(node.contents)

    def images(self, node, caption):
        found = [node] if node.name == "img" else node.find_all("img")
        for image in found:
            resolved = self.context.image(image.get("src", ""), image.get("alt", ""), " ".join(image.get("class", [])))
            if resolved is None:
                continue
            image_id, alt = resolved
            self.flush()
            self.blocks.append(
                {
                    "type": "image",
                    "value": {
                        "image": {"image": image_id, "decorative": False, "alt_text": alt},
                        "caption": caption[:CAPTION_MAX],
                    },
                }
            )

    def list_html(self, node) -> str:
        items = []
        for item in node.find_all("li", recursive=False):
            nested = [self.list_html(child) for child in item.find_all(["ul", "ol"], recursive=False)]
            for child in item.find_all(["ul", "ol"], recursive=False):
                child.extract()
            text = self.inline(item).strip()
            if text or any(nested):
                items.append(f"<li>{text}{''.join(nested)}</li>")
        return f"<{node.name}>{''.join(items)}</{node.name}>" if items else ""

    def inline(self, node) -> str:
        """Wagtail's stored rich text: <b>, <i>, <br/>, and links as <a href> or <a linktype="page" id>."""
        if isinstance(node, NavigableString):
            return html_lib.escape(re.sub(r"[ \t\r\n]+", " ", str(node)), quote=False)
        if not isinstance(node, Tag):
            return ""
        if node.name == "br":
            return "<br/>"
        if node.name == "img":
            return ""
        inner = "".join(self.inline(child) for child in node.contents)
        if node.name in {"b", "strong"}:
            return f"<b>{inner}</b>" if inner.strip() else inner
        if node.name in {"i", "em", "cite"}:
            return f"<i>{inner}</i>" if inner.strip() else inner
        if node.name == "a":
            target = self.context.link(node.get("href", ""))
            if target is None or not inner.strip():
                return inner
            kind, value = target
            if kind == "page":
                return f'<a linktype="page" id="{int(value)}">{inner}</a>'
            return f'<a href="{html_lib.escape(value)}">{inner}</a>'
        if node.name == "p":
            return inner + "<br/>"
        return inner


def summary_from(html: str, limit: int = 300) -> str:
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

