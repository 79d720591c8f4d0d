"""Clean HTML walked into the article body's StreamField blocks: paragraph, heading, quote and image."""

import html as html_lib
import re
from collections.abc import Callable
from dataclasses import dataclass

from bs4 import BeautifulSoup, NavigableString, Tag

from .html import plain_text

HEADING_MAX = 120
ATTRIBUTION_DASHES = ("—", "–", "-", "~")
QUOTE_MAX = 400
CAPTION_MAX = 250


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
