from wagtail import blocks

from practice_site.core.blocks import GoodFaithEstimateBlock, QuestionAnswerBlock, body_blocks


class StandardBodyBlock(blocks.StreamBlock):
    """About, fees, privacy and other practice pages: prose plus the notices those pages need."""

    def __init__(self, **kwargs):
        super().__init__(
            [
                *body_blocks(),
                ("question", QuestionAnswerBlock()),
                ("good_faith_estimate", GoodFaithEstimateBlock()),
            ],
            **kwargs,
        )


class HomeSectionBlock(blocks.StreamBlock):
    """Optional sections an editor adds below the home page's listings."""

    def __init__(self, **kwargs):
        super().__init__(body_blocks(), **kwargs)


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionAnswerBlock()
