from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from practice_site.directory.models import Concern, InsurancePlan


class ConcernViewSet(SnippetViewSet):
    model = Concern
    icon = "tag"
    menu_label = "Concerns treated"
    list_display = ["name"]
    search_fields = ["name"]


class InsurancePlanViewSet(SnippetViewSet):
    model = InsurancePlan
    icon = "doc-full"
    menu_label = "Insurance plans"
    list_display = ["name", "network", "accepted"]
    list_filter = ["network", "accepted"]
    search_fields = ["name"]


class DirectoryViewSetGroup(SnippetViewSetGroup):
    items = (ConcernViewSet, InsurancePlanViewSet)
    menu_icon = "group"
    menu_label = "Finding a clinician"
    menu_name = "directory"


register_snippet(DirectoryViewSetGroup)
