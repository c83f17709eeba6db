"""Serving a receipt's file: only to the family of the budget's child, the budget's
officer, or a superuser.

Anyone else signed in is told the address does not exist (404, never 403), so receipt
ids cannot be probed to learn which exist. Staff see receipts only with two-factor
sign-in set up, as the admin requires of them (this page lives outside /admin/, where
that is checked). The file is streamed from private storage as the type its bytes were
checked to be when it was uploaded, with headers that stop a browser guessing another
type and keep it out of every cache.
"""

from __future__ import annotations

from typing import Any

from allauth.mfa.models import Authenticator
from django.contrib.auth.views import redirect_to_login
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.views.decorators.http import require_safe

from pricing.budgets.models import Receipt

# The types `pricing.budgets.receipts.check_receipt` accepts, shown in the browser.
INLINE_TYPES = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}


def _staff_with_two_factor(user: Any) -> bool:
    return Authenticator.objects.filter(user_id=user.pk, type=Authenticator.Type.TOTP).exists()


def may_see_receipt(user: Any, receipt: Receipt) -> bool:
    """The family of the budget's child, the budget's officer, or a superuser."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    budget = receipt.entry.budget
    if budget.child is not None and budget.child.family_id == user.pk:
        return True
    if budget.officer_id == user.pk or user.is_superuser:
        return _staff_with_two_factor(user)
    return False


@require_safe
def receipt_file(request: HttpRequest, receipt: int) -> HttpResponse | FileResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    found = Receipt.objects.select_related("entry__budget__child").filter(pk=receipt).first()
    if found is None or not may_see_receipt(request.user, found):
        raise Http404("No such receipt")
    try:
        handle = found.file.open("rb")
    except (FileNotFoundError, OSError) as error:
        raise Http404("The receipt's file is missing") from error
    extension = INLINE_TYPES.get(found.content_type)
    response = FileResponse(
        handle,
        as_attachment=extension is None,
        filename=f"receipt-{found.entry.occurred_on:%Y-%m-%d}-{found.pk}{extension or ''}",
        content_type=found.content_type if extension else "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
