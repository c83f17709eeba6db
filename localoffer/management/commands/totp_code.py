"""manage.py totp_code <email>: the current two-factor code of a demo account.

Demo council staff accounts share a published authenticator secret
(localoffer.demo.users.DEMO_TOTP_SECRET) so that anyone trying the demo can sign in as
them. This prints that secret's current code. It refuses any account whose authenticator
is not the demo one: a real person's code must come only from their own app.
"""

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import decrypt
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from localoffer.demo.users import DEMO_TOTP_SECRET, demo_totp_code


class Command(BaseCommand):
    help = "Print the current two-factor code of a demo account (demo secret only)."

    def add_arguments(self, parser):
        parser.add_argument("email", help="The demo account, e.g. moderator@northbridge.example")

    def handle(self, *args, email: str, **options):
        user = get_user_model().objects.filter(email__iexact=email.strip()).first()
        if user is None:
            raise CommandError(f"There is no account for {email}.")
        authenticator = Authenticator.objects.filter(
            user=user, type=Authenticator.Type.TOTP
        ).first()
        if authenticator is None:
            raise CommandError(f"{email} has no authenticator app set up.")
        if decrypt(authenticator.data["secret"]) != DEMO_TOTP_SECRET:
            raise CommandError(
                f"{email} does not use the published demo secret. Its codes come only from "
                "its owner's authenticator app."
            )
        code, seconds_left = demo_totp_code()
        self.stdout.write(code)
        self.stderr.write(f"Valid for another {seconds_left} seconds (and the 30 after that).")
