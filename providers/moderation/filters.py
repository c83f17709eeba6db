"""The filters of the moderators' queues and of the decisions list, as django-filter sets.

Wagtail's generic index views show them in the header's filter menu and keep the chosen
values in the address, so a filtered queue can be bookmarked. The parameter names
(`cycle`, `status`, `organisation`, `age`, `decision`) are the ones the screens have
always used: links elsewhere in the admin and people's bookmarks carry them.
"""

from __future__ import annotations

import django_filters
from django.db.models import QuerySet
from wagtail.admin.filters import WagtailFilterSet

from providers.moderation.enums import AGE_BANDS, DECIDED_STATUSES, CycleStatus, SubmissionStatus
from providers.moderation.models import Submission, SubmissionCycle
from providers.moderation.selectors import age_band_q, organisations_with_submissions


class CycleChoiceField(django_filters.fields.ModelChoiceField):
    """A cycle shown with its state, so "Spring 2027 (open)" stands out from closed ones."""

    def label_from_instance(self, obj: SubmissionCycle) -> str:
        return f"{obj.name} ({obj.get_status_display().lower()})"


class CycleChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = CycleChoiceField


class _SubmissionFilterSet(WagtailFilterSet):
    organisation = django_filters.ChoiceFilter(
        label="Organisation",
        field_name="organisation_id",
        empty_label="All organisations",
        # Called on each request, so an organisation appears once it has submitted.
        choices=organisations_with_submissions,
    )


class QueueFilterSet(_SubmissionFilterSet):
    """State, organisation and age band, as on every queue."""

    status = django_filters.ChoiceFilter(
        label="State", choices=SubmissionStatus.choices, empty_label="All states"
    )
    age = django_filters.ChoiceFilter(
        label="Age",
        choices=[(value, label) for value, label, _youngest, _oldest in AGE_BANDS],
        empty_label="All ages",
        method="filter_age",
    )

    class Meta:
        model = Submission
        fields = ["status", "organisation", "age"]

    def filter_age(self, queryset: QuerySet[Submission], name: str, value: str):
        return queryset.filter(age_band_q(value))


class CycleQueueFilterSet(QueueFilterSet):
    """One cycle's queue: the cycle itself is chosen here too (every cycle that has opened)."""

    cycle = CycleChoiceFilter(
        label="Cycle",
        queryset=SubmissionCycle.objects.exclude(status=CycleStatus.SCHEDULED).order_by(
            "-opens_on"
        ),
        # The view always names a cycle (the open one by default): there is no "all".
        empty_label=None,
    )

    class Meta:
        model = Submission
        fields = ["cycle", "status", "organisation", "age"]


class DecisionFilterSet(_SubmissionFilterSet):
    cycle = django_filters.ModelChoiceFilter(
        label="Cycle",
        queryset=SubmissionCycle.objects.order_by("-opens_on"),
        empty_label="All cycles",
    )
    decision = django_filters.ChoiceFilter(
        label="Decision",
        field_name="status",
        choices=[(value, SubmissionStatus(value).label) for value in DECIDED_STATUSES],
        empty_label="All decisions",
    )

    class Meta:
        model = Submission
        fields = ["cycle", "organisation", "decision"]
