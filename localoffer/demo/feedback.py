"""Published 'You said, we did' comments for the demo, through the feedback services.

Each example is submitted and published with the same service functions staff use, so
the demo has the audit entries a real comment would. The publication date is then moved
into the example's year, since the public page files comments by the year of the reply.
"""

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

import yaml
from django.utils import timezone
from pydantic import BaseModel, ConfigDict

from localoffer.demo.pages import CONTENT_DIR, ContentError
from localoffer.feedback.enums import FeedbackTopic
from localoffer.feedback.models import Feedback
from localoffer.feedback.services import publish_feedback, submit_feedback

EXAMPLES_FILE = CONTENT_DIR / "you-said-we-did.yaml"


class Example(BaseModel):
    """One published comment; a topic the feedback form does not offer fails at load."""

    model_config = ConfigDict(extra="forbid")

    year: int
    topic: FeedbackTopic
    comment: str
    response: str
    action: str = ""


def load_examples() -> list[dict[str, Any]]:
    """The examples in `you-said-we-did.yaml`, in the order the page lists them."""
    entries = yaml.safe_load(EXAMPLES_FILE.read_text(encoding="utf-8"))
    examples = []
    for number, entry in enumerate(entries, start=1):
        try:
            examples.append(Example.model_validate(entry).model_dump(mode="json"))
        except ValueError as error:
            raise ContentError(f"{EXAMPLES_FILE}: entry {number}: {error}") from error
    return examples


def _published_at(year: int, index: int, now: dt.datetime) -> dt.datetime:
    """A weekday morning in `year`, spread over the months and never in the future."""
    month = 1 + (index * 5) % 12
    moment = timezone.make_aware(dt.datetime(year, month, 10 + index % 15, 10, 30))
    if moment > now:
        moment = timezone.make_aware(dt.datetime(year, 1, 5 + index % 20, 10, 30))
    return min(moment, now)


def ensure_published_feedback(items: Sequence[Mapping[str, Any]], *, responder: Any) -> int:
    """Publish each example not already there (matched by its comment); returns how many."""
    now = timezone.now()
    existing = set(Feedback.objects.values_list("comment", flat=True))
    created = 0
    for index, item in enumerate(items):
        if item["comment"] in existing:
            continue
        feedback = submit_feedback(
            topic=item["topic"], comment=item["comment"], page_url=item.get("page_url", "/")
        )
        publish_feedback(
            feedback=feedback,
            user=responder,
            published_comment=item.get("published_comment") or item["comment"],
            response=item["response"],
            action=item.get("action", ""),
        )
        published_at = _published_at(int(item["year"]), index, now)
        Feedback.objects.filter(pk=feedback.pk).update(
            created_at=published_at - dt.timedelta(days=12), published_at=published_at
        )
        created += 1
    return created
