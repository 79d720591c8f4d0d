"""Who may do what with consultation requests, down to the single request.

Intake coordinators hold the "triage" permission and work with every request. Clinicians hold view and
change without it, so they reach only the requests assigned to them: in the listing, the export and
through any guessed URL (those give 404). Nobody adds or deletes requests in the admin: they arrive
through the public form and leave through ``manage.py purge_consultation_requests``.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q
from wagtail.permission_policies import ModelPermissionPolicy

from contact.models.request import ConsultationRequest

NEVER_IN_ADMIN = {"add", "delete"}
# Holding any one of these opens requests, which are health information, to a person.
SEEING_ACTIONS = ["view", "change", "export"]


class ConsultationRequestPermissionPolicy(ModelPermissionPolicy):
    def user_has_permission(self, user, action):
        return action not in NEVER_IN_ADMIN and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        actions = set(actions) - NEVER_IN_ADMIN
        if not actions:
            return get_user_model().objects.none()
        return super().users_with_any_permission(actions)

    def sees_every_request(self, user) -> bool:
        return user.is_active and user.has_perm(self._get_permission_name("triage"))

    def instances_user_has_any_permission_for(self, user, actions):
        requests = self.model._default_manager.all()
        if not self.user_has_any_permission(user, actions):
            return requests.none()
        if self.sees_every_request(user):
            return requests
        return requests.filter(assigned_to=user.pk)

    def user_has_permission_for_instance(self, user, action, instance):
        return self.user_has_any_permission_for_instance(user, [action], instance)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        if not self.user_has_any_permission(user, actions):
            return False
        return self.sees_every_request(user) or instance.assigned_to_id == user.pk

    def users_with_any_permission_for_instance(self, actions, instance):
        triage = self._get_users_with_any_permission_codenames_filter(self._get_permission_codenames(["triage"]))
        return self.users_with_any_permission(actions).filter(triage | Q(pk=instance.assigned_to_id))

    def assignable_users(self):
        """Staff a request can be assigned to: whoever may work on requests at all."""
        return self.users_with_permission("change").order_by("first_name", "last_name", "username")


consultation_request_policy = ConsultationRequestPermissionPolicy(ConsultationRequest)


def user_can_see_requests(user) -> bool:
    """Whether this person could open any consultation request; such accounts must use a second factor."""
    return consultation_request_policy.user_has_any_permission(user, SEEING_ACTIONS)
