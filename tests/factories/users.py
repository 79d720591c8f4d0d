"""Staff accounts for tests: by group (as the data migrations set them up) or by single permissions."""

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    first_name = factory.Sequence(lambda n: f"Staff{n}")
    last_name = "Member"
    email = factory.LazyAttribute(lambda user: f"{user.username}@rootedtherapy.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def groups(user, create, extracted, **kwargs):
        """``groups=["Intake coordinators"]``"""
        user.save()
        for name in extracted or ():
            user.groups.add(Group.objects.get(name=name))

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        """``permissions=["wagtailadmin.access_admin", "contact.view_consultationrequest"]``"""
        for dotted in extracted or ():
            app_label, codename = dotted.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


def editor(**kwargs):
    """Edits pages in the admin, and cannot see consultation requests."""
    return UserFactory(groups=["Editors"], **kwargs)


def coordinator(**kwargs):
    """Works with every consultation request (the "triage" permission)."""
    return UserFactory(groups=["Intake coordinators"], **kwargs)


def clinician(**kwargs):
    """Works only with the consultation requests assigned to them."""
    return UserFactory(groups=["Clinicians"], **kwargs)
