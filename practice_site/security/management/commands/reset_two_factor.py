from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from practice_site.security.two_factor import remove_two_factor


class Command(BaseCommand):
    help = (
        "Remove a person's authenticator and recovery codes (for an owner locked out of the admin). "
        "They set up a new authenticator at their next sign-in. To lift a sign-in lockout after failed "
        "passwords, use axes_reset_username USERNAME (or axes_reset_ip ADDRESS, axes_reset for everyone)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        try:
            user = User.objects.get_by_natural_key(username)
        except User.DoesNotExist:
            raise CommandError(f"No user is called {username!r}.") from None
        removed = remove_two_factor(user)
        if not removed:
            self.stdout.write(f"{username} had no two-factor devices; nothing to reset.")
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Two-factor sign-in for {username} was reset. "
                "They will set up a new authenticator when they next sign in."
            )
        )
