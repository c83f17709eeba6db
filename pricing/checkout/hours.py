"""Asking for hours of support: the answers kept so far, and the question still to answer.

The questions, one a page: which child, how many units, the days and times that suit;
then, when the child has a personal budget the family has linked, whether to pay from it
(and from which part) and which agreed outcome it serves, in the words and with the rules
of the session journey (`pricing.checkout.budget`); then how to pay, when the provider
takes more than one way and the family pays (the council or a third party paying from
the budget pays the provider's invoice, so the question is not asked); then "Check your
answers".

The answers wait in the signed-in session under the listing's id until the request is
sent. The check page's form carries an idempotency key made when the questions began, so
a double-submitted "Send request" makes one request (`request_hours` returns the first)
and a submit after the answers were cleared finds the request already made. Every page
reads the child, the budget and what it has available again, so an answer that stopped
being valid (a child removed, a budget ended, a provider that stopped taking invoices)
is asked again.

These pages are the checkout's, beside the session journey, because they pay from a
personal budget and budgets sit above bookings (the budgets package imports bookings).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from pricing.bookings.services.common import price
from pricing.budgets.models import BudgetOutcome, PersonalBudget
from pricing.checkout import budget as budgets
from pricing.families.models import Child
from pricing.families.selectors import children_of
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer
from pricing.offers.selectors import offer_for_service
from pricing.payments.models import PaymentMethod
from pricing.payments.selectors import card_payments_ready
from providers.models import ServicePage

ZERO = Decimal("0.00")
STEPS = ["ask", "ask_units", "ask_times", "ask_budget", "ask_outcome", "ask_method", "ask_check"]


def hours_offer(service_id: int) -> BookableOffer:
    """The listing's hours offer; any other listing (or one without an offer) is 404."""
    service = get_object_or_404(ServicePage.objects.live(), pk=service_id)
    offer = offer_for_service(service)
    if offer is None or offer.kind != OfferKind.HOURS:
        raise Http404("This listing does not take requests for hours of support")
    return offer


def _key(service_id: int) -> str:
    return f"bookings.ask.{service_id}"


@dataclass
class Asking:
    """One family's request being asked: the offer, the answers, and what they name now."""

    request: HttpRequest
    offer: BookableOffer
    data: dict[str, Any]
    child: Child | None = None
    # The child's personal budget, if it has one, and how it pays ("" when it does not).
    budget: PersonalBudget | None = None
    pots: list[budgets.Pot] = field(default_factory=list)
    pot: str = ""
    outcome: BudgetOutcome | None = None

    @classmethod
    def load(cls, request: HttpRequest, offer: BookableOffer) -> Asking:
        data = request.session.get(_key(offer.service_id))
        if not isinstance(data, dict) or "token" not in data:
            data = {"token": uuid.uuid4().hex}
        return cls(request=request, offer=offer, data=dict(data))

    def set(self, **values: Any) -> None:
        self.data.update(values)
        self.request.session[_key(self.offer.service_id)] = self.data

    def clear(self) -> None:
        self.request.session.pop(_key(self.offer.service_id), None)

    # --- money -----------------------------------------------------------------------

    @property
    def unit_price(self) -> Decimal:
        return self.offer.unit_price if self.offer.unit_price is not None else ZERO

    @property
    def is_free(self) -> bool:
        return self.unit_price == 0

    @property
    def units(self) -> int:
        return int(self.data.get("units") or 0)

    @property
    def total(self) -> Decimal:
        """What the request costs, worked out as its booking's total will be (with any VAT
        added to the listing's price)."""
        return price(self.offer, self.units) if self.units and not self.is_free else ZERO

    @property
    def from_budget(self) -> bool:
        return self.budget is not None and self.pot not in ("", budgets.NO_BUDGET)

    @property
    def paid_by_others(self) -> bool:
        return self.from_budget and budgets.paid_by_others(self.pot)

    def methods(self) -> list[tuple[str, str]]:
        """The ways the provider takes payment, as the method question offers them."""
        labels = dict(PaymentMethod.choices)
        labels[PaymentMethod.INVOICE] = "Pay later, on an invoice from the provider"
        ready = card_payments_ready(self.offer.organisation)
        return [(m, labels[m]) for m in self.offer.payment_methods(card_ready=ready)]

    @property
    def asks_method(self) -> bool:
        return not self.is_free and not self.paid_by_others and len(self.methods()) > 1

    @property
    def method(self) -> str:
        """The way the family pays: its answer, the provider's only way, or the invoice
        the council (or the third party) pays."""
        if self.paid_by_others:
            return PaymentMethod.INVOICE.value
        if "method" in self.data:
            return str(self.data["method"])
        methods = self.methods()
        return methods[0][0] if methods else ""

    # --- which question is next ------------------------------------------------------

    def first_missing(self) -> str | None:
        """The first question whose answer is missing or no longer valid (None if none)."""
        self.child = None
        if "child" in self.data:
            self.child = children_of(self.request.user).filter(pk=self.data["child"]).first()
        if self.child is None:
            return "ask"
        if "units" not in self.data:
            return "ask_units"
        if "times" not in self.data:
            return "ask_times"
        missing = self._budget_answers()
        if missing is not None:
            return missing
        if self.asks_method and self.data.get("method") not in dict(self.methods()):
            return "ask_method"
        return None

    def _budget_answers(self) -> str | None:
        """The budget question still to answer, if the child has a budget.

        The answer is kept with the child it was given for: choosing another child asks
        again, so one child's budget never pays for another's support.
        """
        self.budget, self.pots, self.pot, self.outcome = None, [], "", None
        if self.is_free:
            return None
        assert self.child is not None
        self.budget = budgets.budget_for(self.request.user, self.child)
        if self.budget is None:
            return None
        self.pots = budgets.pots(self.budget, self.offer, self.child.first_name)
        pot = self.data.get("pot")
        if self.data.get("pot_child") != self.child.pk:
            return "ask_budget"
        if pot == budgets.NO_BUDGET:
            self.pot = pot
            return None
        if pot not in budgets.choosable(self.pots):
            return "ask_budget"
        self.pot = pot
        key = self.data.get("outcome")
        self.outcome = next((o for o in budgets.outcomes(self.budget) if o.key == key), None)
        return "ask_outcome" if self.outcome is None else None

    def url(self, step: str) -> str:
        return reverse(f"bookings:{step}", kwargs={"service": self.offer.service_id})

    def next_page(self) -> HttpResponse:
        """After an answer: the first question still to answer, else "Check your answers"
        (where a "Change" link comes back to)."""
        return redirect(self.url(self.first_missing() or "ask_check"))

    def guard(self, step: str) -> HttpResponse | None:
        """Send someone who skipped ahead back to the first question not yet answered."""
        missing = self.first_missing()
        if missing is not None and STEPS.index(missing) < STEPS.index(step):
            return redirect(self.url(missing))
        return None

    def previous_url(self, step: str) -> str | None:
        """The question asked before `step` in this request (for the back link)."""
        asked = {"ask", "ask_units", "ask_times"}
        if self.budget is not None:
            asked.add("ask_budget")
        if self.from_budget:
            asked.add("ask_outcome")
        if self.asks_method:
            asked.add("ask_method")
        earlier = [name for name in STEPS[: STEPS.index(step)] if name in asked]
        return self.url(earlier[-1]) if earlier else None
