"""Background work of the panel: the decision letter, printed and emailed once the
decision commits, so the member's click does not wait for WeasyPrint or the mail server
and a worker never reads a decision that is not there yet."""

from __future__ import annotations

from django.db import transaction
from django_tasks import task

from pricing.allocation.models import DecisionLetter


@task()
def make_decision_letter(letter_id: int) -> bool:
    """Print the decision letter and email it to the family (once)."""
    from pricing.allocation.letters import make_letter_and_send  # noqa: PLC0415

    return make_letter_and_send(letter_id)


def enqueue_letter(letter: DecisionLetter) -> None:
    letter_id = letter.pk
    transaction.on_commit(lambda: make_decision_letter.enqueue(letter_id))
