"""Reads for 'You said, we did': the public page's published comments, grouped and filtered."""

from collections.abc import Mapping
from itertools import groupby
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.db.models.functions import ExtractYear
from django.http import HttpRequest

from localoffer.feedback.enums import FeedbackTopic
from localoffer.feedback.models import Feedback, YouSaidWeDidPage

PAGE_SIZE = 50
TOPIC_ORDER = {value: position for position, value in enumerate(FeedbackTopic.values)}


def _published_with_year() -> QuerySet[Feedback]:
    # The year a response was published, in the council's time zone (USE_TZ), is the year
    # the public page files it under: that is when the council answered. (django-stubs
    # does not follow this annotation into the callers: their ignores are for that.)
    return Feedback.objects.published().annotate(published_year=ExtractYear("published_at"))


def published_years() -> list[int]:
    years = _published_with_year().values_list("published_year", flat=True).distinct()  # type: ignore[misc]
    return sorted({year for year in years if year is not None}, reverse=True)


def published_topics() -> list[tuple[str, str]]:
    """Topics with at least one published comment, in the order of the topic list."""
    present = set(Feedback.objects.published().values_list("topic", flat=True).distinct())
    return [(value, str(label)) for value, label in FeedbackTopic.choices if value in present]


def _parse_year(value: str | None, allowed: list[int]) -> int | None:
    try:
        year = int(value or "")
    except ValueError:
        return None
    return year if year in allowed else None


def _group(items: list[Feedback]) -> list[dict]:
    """[{year, topics: [{value, label, items}]}] from items already sorted by year and topic."""
    groups = []
    for year, in_year in groupby(items, key=lambda item: item.published_year):  # type: ignore[attr-defined]
        topics = [
            {
                "value": topic,
                "label": FeedbackTopic(topic).label,
                "items": list(in_topic),
            }
            for topic, in_topic in groupby(in_year, key=lambda item: item.topic)
        ]
        groups.append({"year": year, "topics": topics})
    return groups


def published_feedback_context(params: Mapping[str, str]) -> dict:
    """Context for YouSaidWeDidPage: published comments by year (newest first), then topic.

    `params` is request.GET. Only published rows are read, and the template is given the
    published wording only: the original comment may identify a family and never leaves
    the admin. Unknown filter values are ignored rather than answered with an error.
    """
    years = published_years()
    topics = published_topics()
    selected_year = _parse_year(params.get("year"), years)
    selected_topic = params.get("topic") or ""
    if selected_topic not in dict(topics):
        selected_topic = ""

    items = _published_with_year().annotate(
        topic_order=Case(
            *[When(topic=value, then=Value(position)) for value, position in TOPIC_ORDER.items()],
            default=Value(len(TOPIC_ORDER)),
            output_field=IntegerField(),
        )
    )
    if selected_year is not None:
        items = items.filter(published_year=selected_year)  # type: ignore[misc]
    if selected_topic:
        items = items.filter(topic=selected_topic)
    items = items.order_by(  # type: ignore[misc]
        "-published_year", "topic_order", "-published_at", "-pk"
    ).only("topic", "published_comment", "response", "action", "published_at")

    page = Paginator(items, PAGE_SIZE).get_page(params.get("page"))
    filters = {
        key: value
        for key, value in (("year", selected_year), ("topic", selected_topic))
        if value not in (None, "")
    }
    return {
        "feedback_groups": _group(list(page.object_list)),
        "feedback_page": page,
        "feedback_total": page.paginator.count,
        "feedback_years": years,
        "feedback_topics": topics,
        "selected_year": selected_year,
        "selected_topic": selected_topic,
        "is_filtered": bool(filters),
        # Page links keep the filters; "&" is added in the template before page=.
        "filter_query": urlencode(filters),
    }


def you_said_we_did_url(request: HttpRequest) -> str | None:
    page = YouSaidWeDidPage.objects.live().public().first()
    return page.get_url(request=request) if page else None
