from tests.user_factories import PASSWORD, SuperuserFactory, UserFactory  # noqa: F401 (re-exported for tests)


def editor(**kwargs):
    """May use the admin, but cannot see consultation requests."""
    return UserFactory(permissions=["wagtailadmin.access_admin"], **kwargs)


def intake_coordinator(**kwargs):
    return UserFactory(
        permissions=["wagtailadmin.access_admin", "contact.view_consultationrequest"], **kwargs
    )
