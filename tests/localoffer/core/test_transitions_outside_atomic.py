"""transition() refuses to run outside the caller's transaction.

A test of its own module: it needs a real transaction (pytest-django flushes the database
after it), and transactional tests live apart so they run after every other test
(tests/conftest.py keeps the two kinds in separate modules).
"""

import pytest

from localoffer.core.transitions import transition
from localoffer.feedback.enums import FEEDBACK_TRANSITIONS, FeedbackStatus
from localoffer.feedback.models import Feedback
from tests.factories import UserFactory


@pytest.fixture
def superuser():
    return UserFactory(email="admin@northbridge.example", superuser=True)


@pytest.fixture
def feedback():
    return Feedback.objects.create(topic="health", comment="The clinic moved.")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_move_outside_a_transaction_is_refused(feedback, superuser):
    # Without the caller's transaction the lock would end at once, before its other writes.
    with pytest.raises(RuntimeError, match="inside transaction.atomic"):
        transition(
            feedback,
            table=FEEDBACK_TRANSITIONS,
            to=FeedbackStatus.NOT_PUBLISHED,
            user=superuser,
            action="localoffer.feedback.withdraw",
        )
    assert Feedback.objects.get(pk=feedback.pk).status == FeedbackStatus.NEW
