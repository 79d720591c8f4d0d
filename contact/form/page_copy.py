"""The last-known copy of the consultation page: what the form, its thank-you page and the body limit need
when PostgreSQL is unreachable. Refreshed whenever the form is shown."""

from django import forms
from wagtail.rich_text import expand_db_html

from practice_site.outage import lastknown

PAGE_COPY = "consultation-page"


def remember_page(page, request, form, privacy_url: str) -> None:
    """Keep what the form and its thank-you page need without the database. Written only when it changed."""
    _site_id, _root_url, path = page.get_url_parts(request) or (None, None, None)
    if path is None:
        return
    lastknown.save_copy(PAGE_COPY, {
        "path": path,
        "thank_you_path": path + page.reverse_subpage("thank_you").lstrip("/"),
        "title": page.title,
        "thank_you_text": expand_db_html(page.thank_you_text),
        "privacy_url": privacy_url,
        "choices": {
            name: [(str(value), str(label)) for value, label in field.choices]
            for name, field in form.fields.items()
            if isinstance(field, forms.ChoiceField)
        },
    })


def page_copy() -> dict | None:
    return lastknown.load_copy(PAGE_COPY)
