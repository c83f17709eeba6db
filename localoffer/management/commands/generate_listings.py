"""manage.py generate_listings --count N: synthetic live listings at scale, for benchmarks."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from localoffer.demo.directory import bulk
from localoffer.demo.directory.listings import Place, demo_places
from localoffer.demo.directory.postcodes import SHARED_DISTRICTS_CSV, read_districts
from localoffer.demo.pages import load_site
from localoffer.demo.site import ensure_home, ensure_organisation_index, ensure_site
from providers.models import Category, OrganisationIndexPage


class Command(BaseCommand):
    help = (
        "Insert COUNT realistic, live service listings (20 per generated organisation) in "
        "bulk, spread over Great Britain's postcode districts, for benchmarks. Adds to what "
        "is there; run load_demo first for the full site (this creates the bare minimum)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--count", type=int, required=True, help="How many services.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (default 1).")
        parser.add_argument(
            "--batch", type=int, default=1000, help="Services per transaction (default 1000)."
        )
        parser.add_argument(
            "--per-organisation",
            type=int,
            default=bulk.SERVICES_PER_ORGANISATION,
            help="Services per generated organisation (default 20).",
        )
        parser.add_argument(
            "--postcodes",
            type=Path,
            default=SHARED_DISTRICTS_CSV,
            help="CSV of postcode districts (outcode, area, latitude, longitude, "
            "postcode_count); the demo's NB postcodes are used if it is missing.",
        )
        parser.add_argument(
            "--no-index",
            action="store_true",
            help="Do not add the new services to the directory's search index.",
        )

    def handle(self, *args, **options):
        count = options["count"]
        if not 1 <= count <= 1_000_000:
            raise CommandError("--count must be between 1 and 1,000,000")
        if options["batch"] < 1 or options["per_organisation"] < 1:
            raise CommandError("--batch and --per-organisation must be positive")
        quiet = options["verbosity"] == 0
        places = self._places(options["postcodes"])
        index = self._organisation_index()
        with tqdm(total=count, unit="service", desc="Generating", disable=quiet) as bar:
            result = bulk.generate(
                index=index,
                count=count,
                seed=options["seed"],
                batch_size=options["batch"],
                places=places,
                per_organisation=options["per_organisation"],
                progress=bar.update,
            )
        self.stdout.write(
            f"Created {result.organisations:,} organisations and {result.services:,} live "
            f"services in {result.seconds:.1f} s ({result.rate:,.0f} services per second)."
        )
        if not options["no_index"]:
            seconds = bulk.index_services(result.service_ids)
            self.stdout.write(
                f"Indexed them for search in {seconds:.1f} s "
                f"({result.services / seconds if seconds else 0:,.0f} services per second)."
            )

    def _places(self, path: Path) -> list[Place]:
        districts = read_districts(path)
        if districts:
            self.stdout.write(f"Spreading locations over {len(districts):,} postcode districts")
            return [Place(d.postcode, d.locality, d.latitude, d.longitude) for d in districts]
        self.stdout.write(f"{path} not found: using the demo's Northbridge postcodes")
        return demo_places()

    def _organisation_index(self) -> OrganisationIndexPage:
        index = OrganisationIndexPage.objects.first()
        if index is not None:
            return index
        home = ensure_home(
            load_site().home,
            report=self.stdout.write,
            category_ids=dict(Category.objects.values_list("slug", "pk")),
        )
        ensure_site(home)
        return ensure_organisation_index(home)
