"""manage.py refresh_provision_map: work out the whole provision map again from the
published directory (after a bulk import, or to check it), with a progress bar."""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from pricing.provision.services import rebuild_map
from providers.models import ServicePage


class Command(BaseCommand):
    help = "Rebuild the provision map (what each type of provision costs) from live listings."

    def handle(self, *args, **options):
        total = ServicePage.objects.live().public().count()
        with tqdm(
            total=total, unit="listing", desc="Provision map", disable=options["verbosity"] == 0
        ) as bar:
            types = rebuild_map(progress=bar.update)
        self.stdout.write(
            f"The provision map holds {types} types of provision from {total} listings."
        )
