"""Plain text as it is pasted from a web page: see README "Importing content" for the rules."""

import re

from .bundle import Bundle, ImportRefused, content_identity, document_bundle
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


def list_length(body: list[str], start: int) -> int:
    """How many lines from ``start`` (just after a line ending in a colon) form its list.

    Short lines that are not sentences are items (rule 3 in the README). Short lines that are sentences are
    items too when the run of short lines is followed by a paragraph (rule 4): a heading stops the run.
    """
    items = start
    while items < len(body) and is_list_item(body, items):
        items += 1
    run = start
    while run < len(body) and len(body[run]) <= SHORT_LINE and not (
        not body[run].endswith(CLOSING_PUNCTUATION) and run + 1 < len(body) and len(body[run + 1]) > SHORT_LINE
    ):
        run += 1
    if run - start >= 2 and run < len(body) and len(body[run]) > SHORT_LINE:
        return max(run, items) - start
    return items - start


def text_to_html(body: list[str]) -> str:
    parts, index = [], 0
    while index < len(body):
        line = body[index]
        if line.endswith(":") and index + 1 < len(body):
            parts.append(f"<p>{escape(line)}</p>")
            count = list_length(body, index + 1)
            items = [f"<li>{escape(BULLET.sub('', item))}</li>" for item in body[index + 1 : index + 1 + count]]
            parts.append(f"<ul>{''.join(items)}</ul>" if items else "")
            index += 1 + count
            continue
        parts.append(f"<h2>{escape(line)}</h2>" if is_heading(body, index) else f"<p>{escape(line)}</p>")
        index += 1
    return "".join(parts)


def read_plain_text(name: str, text: str) -> Bundle:
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if not lines:
        raise ImportRefused(f"{name} is empty.")
    findings = Findings.empty()
    html = clean(text_to_html(lines[1:]), findings)
    return document_bundle(name, lines[0], html, findings=findings, identity=content_identity(text.encode()))
