from tests.public_site_fixtures import small_site  # noqa: F401
