from wagtail import blocks

from practice_site.core.blocks import BodyBlock, GoodFaithEstimateBlock, QuestionAnswerBlock


class StandardBodyBlock(BodyBlock):
    """About, fees, privacy and other practice pages: prose plus the notices those pages need."""

    question = QuestionAnswerBlock()
    good_faith_estimate = GoodFaithEstimateBlock()


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionAnswerBlock()
