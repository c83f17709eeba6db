"""One way to move a state machine: lock the row, check the table, save, audit.

Every machine in the project (feedback, reports, invitations, registrations, cycles,
submissions, and the marketplace's bookings and invoices) is a `TextChoices` status with a
table of allowed moves. Moving one is always the same five steps, so they are written once
here, after Oscar's single `set_status()` over a pipeline table:

1. lock the row (`select_for_update`), so two people acting at once are serialised and the
   second one sees the first one's result;
2. check the move against the table *on the locked row*, never on the caller's stale copy;
3. set the new status and any other changed fields;
4. save only those fields (`update_fields`), so a concurrent write to another column is
   not overwritten with stale values;
5. write a Wagtail audit entry, which the admin shows in the object's history.

It must run inside a transaction (the caller's `transaction.atomic()`): the lock is held
until the caller's other writes (and its `on_commit` mail) are done.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from wagtail.log_actions import log


class DomainError(ValidationError):
    """A business rule refused an action; the message is for the person who tried it.

    `field` names the form field the problem is about, so a view can show the message
    beside it in the GOV.UK error summary (`localoffer.core.forms.add_domain_error`).
    It is a `ValidationError`, so model `clean()` and form code may raise it too.
    """

    def __init__(self, message: str, *, field: str | None = None, code: str | None = None):
        super().__init__(message, code=code)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


def lock[M: models.Model](obj: M) -> M:
    """The row of `obj` again, locked until the transaction ends (fresh from the database)."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def check_transition(
    obj: models.Model,
    *,
    table: Mapping[str, Any],
    to: str,
    field: str = "status",
    error: type[DomainError] = DomainError,
    message: str | None = None,
) -> None:
    """Raise `error` unless the table allows `obj` to move from its status to `to`."""
    current = getattr(obj, field)
    if to in table.get(current, ()):
        return
    if message is None:
        display = getattr(obj, f"get_{field}_display")().lower()
        target = dict(getattr(obj._meta.get_field(field), "choices", None) or []).get(to, to)
        message = f"This is {display}, so it cannot be marked {str(target).lower()}."
    raise error(message)


def transition[M: models.Model](
    obj: M,
    *,
    table: Mapping[str, Any],
    to: str,
    user: Any,
    action: str,
    changes: Mapping[str, Any] | None = None,
    data: Mapping[str, Any] | None = None,
    field: str = "status",
    error: type[DomainError] = DomainError,
    message: str | None = None,
) -> M:
    """Lock `obj`, check `table` allows the move to `to`, save it with `changes`, audit it.

    Returns the locked, saved instance (use it, not `obj`, afterwards). `data` is added to
    the audit entry beside the status moved from. `message` replaces the default refusal.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("transition() must run inside transaction.atomic()")
    locked = lock(obj)
    check_transition(locked, table=table, to=to, field=field, error=error, message=message)
    previous = getattr(locked, field)
    setattr(locked, field, to)
    changes = dict(changes or {})
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.save(update_fields=[field, *changes])
    log(instance=locked, action=action, user=user, data={"from_status": previous, **(data or {})})
    return locked
