"""manage.py load_demo: build the Northbridge demo site (safe to run again)."""

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from localoffer.demo.builder import build_demo
from localoffer.demo.users import DEMO_PASSWORD, DEMO_TOTP_SECRET


class Command(BaseCommand):
    help = (
        "Build the Northbridge demo: home page and default site, the statutory Local Offer "
        "pages, about 60 organisations with about 200 services, demo users for every role "
        "and published 'You said, we did' comments. Running it again changes nothing."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--services",
            type=int,
            default=None,
            help="Create at most this many services (tests use a small directory).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Do not show progress bars.")

    def handle(
        self, *args: Any, services: int | None = None, no_progress: bool = False, **options: Any
    ) -> None:
        # The demo creates accounts with a published password: never on a live site.
        if settings.SETTINGS_MODULE.endswith(".production"):
            raise CommandError("load_demo makes accounts with a known password: not in production")
        show_progress = not no_progress and options.get("verbosity", 1) > 0
        summary = build_demo(
            services=services,
            report=lambda message: self.stdout.write(message),
            show_progress=show_progress,
        )
        created = ", ".join(f"{count} {name}" for name, count in summary.created.items())
        self.stdout.write(f"Created: {created}")
        self.stdout.write("The demo now has:")
        for name, count in summary.counts.items():
            self.stdout.write(f"  {name}: {count}")
        self.stdout.write(f"\nDemo users (password '{DEMO_PASSWORD}'):")
        width = max(len(user.email) for user in summary.users)
        for user in summary.users:
            self.stdout.write(f"  {user.email.ljust(width)}  {user.role}")
        self.stdout.write(
            "\nCouncil staff (moderator, editor, finance, coordinator, panel, admin) also give "
            "a code from an authenticator app.\nGet the current code with:  manage.py totp_code "
            "moderator@northbridge.example\nor add this demo-only setup key to an "
            f"authenticator app: {DEMO_TOTP_SECRET}"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"\nDemo ready in {summary.seconds:.1f} s. Sign in at /account/login/."
            )
        )
