"""Postcodes with coordinates, so a family's postcode becomes a point to measure from.

There is no geocoding service: the table is loaded from a CSV in the ONS layout by
`manage.py import_postcodes`. Districts (outward codes such as "W5") are enough for
"within 5 miles"; full postcodes are used when loaded.
"""

from django.db import models


class Postcode(models.Model):
    # Normalised: upper case, one space before the inward code ("NB1 4AA"), or the
    # outward code alone for a district ("NB1").
    postcode = models.CharField(max_length=8, unique=True)
    is_district = models.BooleanField(default=False)
    latitude = models.FloatField()
    longitude = models.FloatField()
    source = models.CharField(max_length=60, blank=True, help_text="Where the row came from.")

    class Meta:
        ordering = ["postcode"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(
                    latitude__gte=49, latitude__lte=61, longitude__gte=-9, longitude__lte=2.5
                ),
                name="postcode_in_great_britain",
            )
        ]

    def __str__(self) -> str:
        return self.postcode
