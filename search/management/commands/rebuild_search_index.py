"""manage.py rebuild_search_index — index every published service again, from scratch.

Needed after bulk loads that publish without Wagtail's signals (generate_listings, the
demo), after changing how documents are built, and to recover from a lost index.
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from search.backends import get_backend
from search.indexing import live_service_ids


class Command(BaseCommand):
    help = "Rebuild the directory search index from every published service."

    def handle(self, *args, **options):
        backend = get_backend()
        total = len(live_service_ids())
        with tqdm(
            total=total,
            unit="service",
            desc=f"Indexing ({backend.name})",
            disable=options["verbosity"] == 0,
        ) as bar:
            indexed = backend.rebuild(progress=bar.update)
        if options["verbosity"]:
            self.stdout.write(self.style.SUCCESS(f"Indexed {indexed} published services."))
