"""manage.py import_postcodes FILE — load postcodes and coordinates from an ONS-layout CSV."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from search.gazetteer import PostcodeError, import_rows, read_rows


class Command(BaseCommand):
    help = (
        "Load postcodes (full or district) with latitude and longitude from a CSV in the ONS "
        "layout: columns pcds/lat/long (ONS Postcode Directory, NSPL) or "
        "outcode/latitude/longitude "
        "(district centroids). Re-importing is safe."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)

    def handle(self, *args, file: Path, **options):
        if not file.is_file():
            raise CommandError(f"No such file: {file}")
        with file.open("rb") as handle:
            total = sum(1 for _ in handle) - 1
        try:
            with tqdm(total=total, unit="postcode", disable=options["verbosity"] == 0) as bar:
                summary = import_rows(read_rows(file), source=file.name, progress=bar.update)
        except PostcodeError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"{summary.created} added, {summary.updated} updated, {summary.skipped} unchanged "
                f"from {file.name}"
            )
        )
