"""Moments in a submission cycle that other parts of moderation act on.

Sent by `providers.moderation.services` inside the transaction that changes the cycle's status, so
whatever a receiver writes commits or rolls back with it. Receivers send email through
`localoffer.emails.send_email`, which waits for the commit.
"""

from django.dispatch import Signal

# kwargs: cycle (SubmissionCycle)
cycle_opened = Signal()
cycle_closed = Signal()
