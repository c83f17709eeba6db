"""The demo's working out of budgets: Northbridge's questionnaire, the provision map and
its standard unit costs, the panel's seats, and assessments at every stage."""

from __future__ import annotations

import datetime as dt

from wagtail.models import Site

from localoffer.demo.assessments import ensure_demo_assessments
from localoffer.demo.provision import ensure_demo_provision
from localoffer.demo.questionnaire import ensure_demo_questionnaire_made


def ensure_demo_allocation(*, now: dt.datetime) -> dict[str, int]:
    """Add what is missing; returns what was made, by name, for the loader's summary."""
    made: dict[str, int] = {}
    # First: the assessments are made with the questionnaire.
    made.update(ensure_demo_questionnaire_made(Site.objects.get(is_default_site=True)))
    made.update(ensure_demo_provision(Site.objects.get(is_default_site=True)))
    made.update(ensure_demo_assessments(Site.objects.get(is_default_site=True), now))
    return made
