"""Remove a user's second factor (a lost phone): they set it up again at their next login."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from core.twofactor import reset_devices


class Command(BaseCommand):
    help = "Reset a user's two-factor authentication (they enrol again at their next login)."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(f"No user {username!r}.")
        removed = reset_devices(user)
        self.stdout.write(f"Removed {removed} device(s); {username} enrols again at next login.")
