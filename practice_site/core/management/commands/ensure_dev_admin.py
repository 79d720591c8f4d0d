import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Create a development superuser with a generated password, only if no superuser exists yet."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("ensure_dev_admin is for local development only; use createsuperuser elsewhere.")
        User = get_user_model()
        if User.objects.filter(is_superuser=True).exists():
            self.stdout.write("An admin account already exists; keeping it.")
            return
        password = secrets.token_urlsafe(15)
        User.objects.create_superuser(username="admin", email="admin@localhost", password=password)
        self.stdout.write(
            self.style.SUCCESS("Created a development admin account (shown once, keep it somewhere safe):")
        )
        self.stdout.write(f"  username: admin\n  password: {password}\n  sign in at http://127.0.0.1:8000/admin/")
        self.stdout.write(
            "  The first sign-in asks you to set up two-factor sign-in: scan the QR code with any\n"
            "  authenticator app (or run `oathtool --totp -b KEY` with the key shown), then keep the\n"
            "  recovery codes it gives you."
        )
