"""``{% picture %}``: Wagtail's tag, with its filters parsed once per template instead of on every render.

Wagtail builds a Filter for each of the tag's specs (six for format-{avif,webp,jpeg}|fill-{A,B}) each time
the tag renders, and parsing them was a third of the time of a listing's card. A template is compiled once
per process, so its nodes keep the parsed filters; the filters hold nothing about the image they are used on.
"""

from django import template
from django.utils.functional import cached_property
from wagtail.images.templatetags import wagtailimages_tags

register = template.Library()


class PictureNode(wagtailimages_tags.PictureNode):
    @cached_property
    def parsed_filters(self):
        return super().get_filters()

    def get_filters(self):
        return self.parsed_filters


@register.tag
def picture(parser, token):
    # Wagtail's parser, which picks its node class by the tag's name.
    node = wagtailimages_tags.image(parser, token)
    return PictureNode(node.image_expr, node.filter_specs, output_var_name=node.output_var_name, attrs=node.attrs)
