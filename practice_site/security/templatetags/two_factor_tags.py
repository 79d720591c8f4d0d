from django import template

from ..two_factor import must_verify

register = template.Library()


@register.filter
def fully_signed_in(user) -> bool:
    """False for a session that has passed the password but still owes the second factor: Wagtail's user bar
    would show it admin links (and the page's editing state) the admin itself still refuses."""
    return user.is_authenticated and not must_verify(user)
