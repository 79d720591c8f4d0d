from wagtail import blocks

from practice_site.core.blocks import body_blocks


class ArticleBodyBlock(blocks.StreamBlock):
    """Rich text with lists and links, h2/h3 headings, pull quotes, captioned images and callouts."""

    def __init__(self, **kwargs):
        super().__init__(body_blocks(), **kwargs)
