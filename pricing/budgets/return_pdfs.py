"""A sent quarterly return's PDF: printed once in the background, kept in the private
storage, served from there.

Printing a return of a few hundred lines takes seconds, too long to make the family or
the officer wait on every download. A sent return cannot change, but what its PDF shows
moves on with it: questions from the officer, the family's answers, the return sent
again, then accepted. So a PDF is kept for each of those states (`ReturnDocument`, keyed
by `state_of`); each service that moves a return enqueues `make_return_pdf` once its
change commits, and a download serves the copy of the present state, printing it then if
the task has not run yet (never an error). Earlier copies are kept: what the family
declared the first time stays on file. A draft is the family's to check and change, so
its PDF is printed on each request and never kept.

The task and a download may print the same state at the same moment: the first row
written wins (unique per return and state) and the other's file is removed, as for
invoices (`pricing.invoices.pdf.stored_pdf`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from io import BytesIO
from typing import IO

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from pricing.budgets.enums import ReturnStatus
from pricing.budgets.models import QuarterlyReturn, Receipt, ReturnDocument, ReturnLine
from pricing.budgets.returns_documents import base_name, render_pdf

# Printing again while the return moves on under us is retried this many times, then the
# last print is kept (it is what the return showed a moment ago).
ATTEMPTS = 3


def _iso(moment: dt.datetime | None) -> str | None:
    return moment.isoformat() if moment is not None else None


def state_of(ret: QuarterlyReturn) -> str:
    """A name for everything the PDF of a sent return shows that can still change: its
    status, declaration and decision, the questions and answers, and the receipts of its
    lines (a receipt may be added after the spending). Figures and lines are fixed when
    it is sent, and each sending changes `submitted_at`."""
    receipts = Receipt.objects.filter(
        entry__in=ReturnLine.objects.filter(ret=ret).values("entry")
    ).aggregate(count=Count("pk"), last=Max("pk"))
    shown = {
        "status": ret.status,
        "made_at": _iso(ret.made_at),
        "submitted_at": _iso(ret.submitted_at),
        "declared_by": ret.declared_by_id,
        "accepted_at": _iso(ret.accepted_at),
        "decided_by": ret.decided_by_id,
        "queries": [
            [pk, _iso(answered_at)]
            for pk, answered_at in ret.queries.order_by("pk").values_list("pk", "answered_at")
        ],
        "receipts": [receipts["count"], receipts["last"]],
    }
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def _usable(document: ReturnDocument | None) -> bool:
    if document is None or not document.file.name:
        return False
    return document.file.storage.exists(document.file.name)


def _reloaded(ret: QuarterlyReturn) -> QuarterlyReturn:
    fresh = QuarterlyReturn.objects.get(pk=ret.pk)
    fresh.budget = ret.budget
    return fresh


def _keep(ret: QuarterlyReturn, state: str, pdf: bytes) -> ReturnDocument:
    name = f"{base_name(ret)}-{ret.status}.pdf"
    existing = ReturnDocument.objects.filter(ret=ret, state=state).first()
    if existing is not None:
        # The row outlived its file (a restore without the private files): print it again.
        existing.file.save(name, ContentFile(pdf), save=False)
        existing.size = len(pdf)
        existing.save(update_fields=["file", "size"])
        return existing
    made = ReturnDocument(
        ret=ret, state=state, status=ret.status, size=len(pdf), made_at=timezone.now()
    )
    made.file.save(name, ContentFile(pdf), save=False)
    try:
        with transaction.atomic():
            made.save()
    except IntegrityError:
        made.file.delete(save=False)
        return ReturnDocument.objects.get(ret=ret, state=state)
    return made


def stored_pdf(ret: QuarterlyReturn) -> ReturnDocument:
    """The kept PDF of the sent return as it is now, printed now if it is not kept yet."""
    if ret.status == ReturnStatus.DRAFT:
        raise ValueError("A draft's PDF is never kept: it can still change")
    for attempt in range(1, ATTEMPTS + 1):
        state = state_of(ret)
        found = ReturnDocument.objects.filter(ret=ret, state=state).first()
        if found is not None and _usable(found):
            return found
        pdf = render_pdf(ret)
        fresh = _reloaded(ret)
        if state_of(fresh) != state and attempt < ATTEMPTS:
            ret = fresh  # it moved on while printing: print what it is now
            continue
        return _keep(ret, state, pdf)
    raise AssertionError("unreachable")  # pragma: no cover


def pdf_bytes(ret: QuarterlyReturn) -> bytes:
    """The return's PDF: the kept copy once it is sent, printed afresh while a draft."""
    if ret.status == ReturnStatus.DRAFT:
        return render_pdf(ret)
    with stored_pdf(ret).file.open("rb") as handle:
        return handle.read()


def open_pdf(ret: QuarterlyReturn) -> IO[bytes]:
    """The PDF to stream in a response (which closes it)."""
    if ret.status == ReturnStatus.DRAFT:
        return BytesIO(render_pdf(ret))
    return stored_pdf(ret).file.open("rb")


def make_current(return_id: int) -> bool:
    """The background task's work: keep the PDF of a sent return's present state. True
    if it was printed now, False if it was kept already (or the return is a draft)."""
    ret = (
        QuarterlyReturn.objects.select_related("budget__officer", "budget__child__family")
        .filter(pk=return_id)
        .first()
    )
    if ret is None or ret.status == ReturnStatus.DRAFT:
        return False
    kept = _usable(ReturnDocument.objects.filter(ret=ret, state=state_of(ret)).first())
    stored_pdf(ret)
    return not kept
