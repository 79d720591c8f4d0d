import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission

PASSWORD = "correct horse battery staple"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"staff{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@rootedtherapy.example")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def permissions(user, create, extracted, **kwargs):
        """``permissions=["wagtailadmin.access_admin", "contact.view_consultationrequest"]``"""
        for dotted in extracted or ():
            app_label, codename = dotted.split(".")
            user.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
        user.save()


class SuperuserFactory(UserFactory):
    is_staff = True
    is_superuser = True


def editor(**kwargs):
    """May use the admin, but cannot see consultation requests."""
    return UserFactory(permissions=["wagtailadmin.access_admin"], **kwargs)


def intake_coordinator(**kwargs):
    return UserFactory(
        permissions=["wagtailadmin.access_admin", "contact.view_consultationrequest"], **kwargs
    )
