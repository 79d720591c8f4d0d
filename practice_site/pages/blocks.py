from wagtail import blocks

from practice_site.core.blocks import BodyBlock, GoodFaithEstimateBlock, QuestionAnswerBlock
from practice_site.directory.models import InsurancePlan


class InsurancePlansBlock(blocks.StaticBlock):
    """The plans the practice accepts, from the insurance plan snippets: edited there, never retyped on a page."""

    class Meta:
        icon = "list-ul"
        label = "Accepted insurance plans"
        admin_text = "Lists the insurance plans marked “accepted” under Snippets › Insurance plans."
        template = "blocks/insurance_plans.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        plans = list(InsurancePlan.objects.accepted())
        context["in_network"] = [plan for plan in plans if plan.network == InsurancePlan.Network.IN_NETWORK]
        context["superbill"] = [plan for plan in plans if plan.network == InsurancePlan.Network.SUPERBILL]
        return context


class StandardBodyBlock(BodyBlock):
    """About, fees, privacy and other practice pages: prose plus the notices those pages need."""

    question = QuestionAnswerBlock()
    good_faith_estimate = GoodFaithEstimateBlock()
    insurance_plans = InsurancePlansBlock()


class QuestionsBlock(blocks.StreamBlock):
    question = QuestionAnswerBlock()
