"""Who sees which waitlist entries: exactly whoever sees their requests (contact/review/permissions.py).

Coordinators see every entry, clinicians those whose request is assigned to them, editors none.
"""

from django.contrib.auth import get_user_model
from wagtail.permission_policies import ModelPermissionPolicy

from contact.models.waitlist import WaitlistEntry
from contact.review.permissions import consultation_request_policy

WORK_PERMISSIONS = ["view", "change"]


def may_work(user) -> bool:
    return consultation_request_policy.user_has_any_permission(user, WORK_PERMISSIONS)


def visible_entries(user):
    if not may_work(user):
        return WaitlistEntry.objects.none()
    if consultation_request_policy.sees_every_request(user):
        return WaitlistEntry.objects.all()
    return WaitlistEntry.objects.filter(consultation__assigned_to=user.pk)


class WaitlistPermissionPolicy(ModelPermissionPolicy):
    """Entries are listed, never added, edited or deleted as such: a request joins and leaves the list."""

    def user_has_permission(self, user, action):
        return action == "view" and may_work(user)

    def users_with_any_permission(self, actions):
        if "view" not in actions:
            return get_user_model().objects.none()
        return consultation_request_policy.users_with_any_permission(WORK_PERMISSIONS)

    def instances_user_has_any_permission_for(self, user, actions):
        return visible_entries(user) if "view" in actions else WaitlistEntry.objects.none()

    def user_has_permission_for_instance(self, user, action, instance):
        return action == "view" and visible_entries(user).filter(pk=instance.pk).exists()


waitlist_policy = WaitlistPermissionPolicy(WaitlistEntry)
