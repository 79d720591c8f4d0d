"""The admin of consultation schedules: who may see and edit which, and the form a schedule is edited with.

Every decision follows the rules of the app that books calls (asked through scheduling/parties.py): coordinators
work with every schedule; anyone else who works with calls, with their own; everyone else (editors), with none.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import get_object_or_404
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import BasePermissionPolicy

from practice_site.core.staff_choice import StaffChoiceField

from .. import parties
from ..models import ConsultationSchedule
from . import hours


class SchedulePermissionPolicy(BasePermissionPolicy):
    """Coordinators manage every schedule; anyone else who works on requests, only their own."""

    OWN_ACTIONS = {"add", "change", "view"}

    def user_has_permission(self, user, action):
        if parties.owner().is_coordinator(user):
            return True
        return parties.owner().works_with_calls(user) and action in self.OWN_ACTIONS

    def users_with_any_permission(self, actions):
        return parties.owner().staff_working_with_calls()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return parties.owner().is_coordinator(user) or instance.host_id == user.pk

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def instances_user_has_any_permission_for(self, user, actions):
        schedules = ConsultationSchedule.objects.all()
        if not self.user_has_any_permission(user, actions):
            return schedules.none()
        return schedules if parties.owner().is_coordinator(user) else schedules.filter(host=user.pk)

    def users_with_any_permission_for_instance(self, actions, instance):
        return self.users_with_any_permission(actions).filter(Q(pk=instance.host_id) | Q(is_superuser=True))


schedule_policy = SchedulePermissionPolicy(ConsultationSchedule)


class ConsultationScheduleForm(WagtailAdminModelForm):
    host = StaffChoiceField(queryset=get_user_model().objects.none(), label="Host",
                            help_text="The staff member taking the calls.")

    def __init__(self, *args, for_user=None, **kwargs):
        super().__init__(*args, for_user=for_user, **kwargs)
        self.by_coordinator = for_user is not None and parties.owner().is_coordinator(for_user)
        if not self.by_coordinator and self.instance.pk is None:
            # Joining the hosts who are offered (and assigned) requests is a coordinator's decision.
            self.fields["takes_calls"].initial = False
        users = get_user_model().objects.order_by("first_name", "last_name", "username")
        if self.by_coordinator:
            staff = parties.owner().assignable_staff().values("pk")
            users = users.filter(Q(pk__in=staff) | Q(pk=self.instance.host_id))
        else:
            users = users.filter(pk=getattr(for_user, "pk", None))
        self.fields["host"].queryset = users
        if users.count() == 1:
            self.fields["host"].initial = users.first().pk

    def clean_clinician_page(self):
        page = self.cleaned_data.get("clinician_page")
        # Whoever chose that clinician would be routed (and their request assigned) to this host.
        if not self.by_coordinator and getattr(page, "pk", None) != self.instance.clinician_page_id:
            raise ValidationError("Only a coordinator can link a schedule to a clinician page.")
        return page

    def clean_takes_calls(self):
        takes_calls = self.cleaned_data.get("takes_calls")
        was_taking = self.instance.pk is not None and self.instance.takes_calls
        if takes_calls and not was_taking and not self.by_coordinator:
            raise ValidationError("Only a coordinator can add a host to those taking calls; please ask one.")
        return takes_calls

    def clean(self):
        cleaned = super().clean()
        hours.refuse_overlaps(self.formsets.get("weekly_hours"), self.formsets.get("exceptions"))
        return cleaned


class OwnSchedulesMixin:
    """Every schedule view reaches only the schedules the policy allows, so a guessed URL gives 404."""

    def get_base_queryset(self):
        return schedule_policy.instances_user_has_any_permission_for(self.request.user, ["change", "view"])

    def get_object(self, queryset=None):
        return get_object_or_404(self.get_base_queryset(), pk=self.kwargs["pk"])


class ScheduleIndexView(OwnSchedulesMixin, generic.IndexView):
    pass


class ScheduleEditView(OwnSchedulesMixin, generic.EditView):
    pass


class ScheduleDeleteView(OwnSchedulesMixin, generic.DeleteView):
    pass


class ConsultationScheduleViewSet(ModelViewSet):
    model = ConsultationSchedule
    name = "consultation_schedules"
    url_prefix = "consultation-schedules"
    icon = "date"
    menu_label = "Consultation schedules"
    menu_order = 160
    add_to_admin_menu = True
    add_to_reference_index = False
    copy_view_enabled = False
    inspect_view_enabled = False
    permission_policy = schedule_policy
    index_view_class = ScheduleIndexView
    edit_view_class = ScheduleEditView
    delete_view_class = ScheduleDeleteView
    list_display = ["__str__", "takes_calls", "clinician_page"]

    def get_edit_handler(self):
        return ObjectList(ConsultationSchedule.panels, base_form_class=ConsultationScheduleForm).bind_to_model(
            self.model
        )
