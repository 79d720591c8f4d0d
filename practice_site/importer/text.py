"""Plain text as it is pasted from a web page: see README "Importing content" for the rules."""

import re

from .bundle import Bundle, ImportRefused, document_bundle
from .html import Findings, clean

SHORT_LINE = 80
CLOSING_PUNCTUATION = tuple(".!?…:;,\"”’)")
SENTENCE_END = tuple(".!?…")
BULLET = re.compile(r"^\s*(?:[-*•–]|\d+[.)])\s+")


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def is_heading(body: list[str], index: int) -> bool:
    line = body[index]
    following = body[index + 1] if index + 1 < len(body) else ""
    return len(line) <= SHORT_LINE and not line.endswith(CLOSING_PUNCTUATION) and (
        len(following) > SHORT_LINE or following.endswith(CLOSING_PUNCTUATION)
    )


def is_list_item(body: list[str], index: int) -> bool:
    """Short and not a sentence; a heading is told apart by the paragraph (a long line) after it."""
    line = body[index]
    following = body[index + 1] if index + 1 < len(body) else ""
    heading = is_heading(body, index) and len(following) > SHORT_LINE
    return len(line) <= SHORT_LINE and not line.endswith(SENTENCE_END) and not heading


def text_to_html(body: list[str]) -> str:
    parts, index = [], 0
    while index < len(body):
        line = body[index]
        if line.endswith(":") and index + 1 < len(body):
            parts.append(f"<p>{escape(line)}</p>")
            items = []
            index += 1
            while index < len(body) and is_list_item(body, index):
                items.append(f"<li>{escape(BULLET.sub('', body[index]))}</li>")
                index += 1
            parts.append(f"<ul>{''.join(items)}</ul>" if items else "")
            continue
        parts.append(f"<h2>{escape(line)}</h2>" if is_heading(body, index) else f"<p>{escape(line)}</p>")
        index += 1
    return "".join(parts)


def read_plain_text(name: str, text: str) -> Bundle:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ImportRefused(f"{name} is empty.")
    findings = Findings.empty()
    return document_bundle(name, lines[0], clean(text_to_html(lines[1:]), findings), findings=findings)
