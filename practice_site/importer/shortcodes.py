"""WordPress's own markup made plain HTML: shortcodes (captions, galleries, embeds) and classic-editor paragraphs."""

import html as html_lib
import re
from collections.abc import Callable

from .html import Findings, link_paragraph

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

# The block-level tags WordPress's wpautop() keeps out of paragraphs.
ALL_BLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre|form|map|area|blockquote"
    r"|address|math|style|p|h[1-6]|hr|fieldset|legend|section|article|aside|hgroup|header|footer|nav|figure"
    r"|figcaption|details|menu|summary|iframe|script|noscript|video|audio|object|embed)"
)
BLOCK_OPEN = re.compile(rf"(<{ALL_BLOCKS}[\s/>])", re.IGNORECASE)
BLOCK_CLOSE = re.compile(rf"(</{ALL_BLOCKS}>)", re.IGNORECASE)
PARAGRAPH_AROUND_BLOCK = re.compile(rf"<p>\s*(</?{ALL_BLOCKS}[^>]*>)|(</?{ALL_BLOCKS}[^>]*>)\s*</p>", re.IGNORECASE)
BREAK_BESIDE_BLOCK = re.compile(rf"(</?{ALL_BLOCKS}[^>]*>)\s*<br>|<br>(\s*</?{ALL_BLOCKS}[^>]*>)", re.IGNORECASE)
PRE = re.compile(r"<pre\b.*?</pre>", re.IGNORECASE | re.DOTALL)


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
        if name in KNOWN_SHORTCODES or name in CONTACT_FORM_SHORTCODES:
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


def autop(raw: str) -> str:
    """WordPress's classic editor stores paragraphs as blank-line-separated text; this is wpautop()'s reading.

    Block tags stand apart from the paragraphs around them, a single line break inside a paragraph is a <br>,
    and inline markup (<em>, <strong>, <a>, <br>) stays where it was.
    """
    text = re.sub(r"<!--.*?-->", "", raw.replace("\r\n", "\n").replace("\r", "\n"), flags=re.DOTALL)
    kept = PRE.findall(text)
    text = PRE.sub("<pre></pre>", text)
    text = BLOCK_CLOSE.sub(r"\1\n\n", BLOCK_OPEN.sub(r"\n\n\1", text))
    chunks = [chunk.strip() for chunk in re.split(r"\n\s*\n", text) if chunk.strip()]
    text = "\n".join(f"<p>{chunk}</p>" for chunk in chunks)
    text = PARAGRAPH_AROUND_BLOCK.sub(lambda match: match.group(1) or match.group(2), text)
    text = re.sub(r"(?<!<br>)\s*\n", "<br>\n", text)
    text = BREAK_BESIDE_BLOCK.sub(lambda match: match.group(1) or match.group(2), text)
    for block in kept:
        text = text.replace("<pre></pre>", block, 1)
    return text
