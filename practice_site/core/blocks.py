"""StreamField blocks shared by every page type that has a body."""

from wagtail import blocks
from wagtail.images.blocks import ImageBlock

from practice_site.core.models import PracticeSettings


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(max_length=120)
    level = blocks.ChoiceBlock(choices=[("h2", "Section heading (h2)"), ("h3", "Subheading (h3)")], default="h2")

    class Meta:
        icon = "title"
        template = "blocks/heading.html"


class PullQuoteBlock(blocks.StructBlock):
    quote = blocks.TextBlock(max_length=400)
    attribution = blocks.CharBlock(required=False, max_length=120)

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote.html"


class CaptionedImageBlock(blocks.StructBlock):
    # Wagtail's ImageBlock carries the alt text (or marks the image as decorative) with the image.
    image = ImageBlock()
    caption = blocks.CharBlock(required=False, max_length=250)

    class Meta:
        icon = "image"
        template = "blocks/captioned_image.html"


class CalloutBlock(blocks.StructBlock):
    heading = blocks.CharBlock(required=False, max_length=120)
    text = blocks.RichTextBlock(editor="default")

    class Meta:
        icon = "info-circle"
        template = "blocks/callout.html"


class QuestionAnswerBlock(blocks.StructBlock):
    question = blocks.CharBlock(max_length=200)
    answer = blocks.RichTextBlock(editor="default")

    class Meta:
        icon = "help"
        template = "blocks/question_answer.html"


class GoodFaithEstimateBlock(blocks.StaticBlock):
    """The No Surprises Act notice, written once in the practice settings and shown wherever it is placed."""

    class Meta:
        icon = "doc-full"
        label = "Good Faith Estimate notice"
        admin_text = "Shows the Good Faith Estimate notice from the practice settings."
        template = "blocks/good_faith_estimate.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        request = (parent_context or {}).get("request")
        context["notice"] = PracticeSettings.load(request_or_site=request).good_faith_estimate_notice
        return context


class BodyBlock(blocks.StreamBlock):
    """Long-form prose: rich text with lists and links, h2/h3 headings, pull quotes, captioned images, callouts."""

    # Headings are their own block, not a rich-text feature, so the outline stays h2/h3 and never skips a level.
    paragraph = blocks.RichTextBlock(editor="default", icon="pilcrow")
    heading = HeadingBlock()
    quote = PullQuoteBlock()
    image = CaptionedImageBlock()
    callout = CalloutBlock()
