"""What every page of the journey shares: who may use it, the listing's offer, and
checking the answers given so far against what can be booked now."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from localoffer.core.forms import error_summary_items
from pricing.bookings.services.common import hold_minutes, price
from pricing.budgets.models import BudgetOutcome, PersonalBudget
from pricing.checkout import budget as budgets
from pricing.checkout import selectors
from pricing.checkout.state import Answers
from pricing.families.models import Child
from pricing.families.selectors import active_share, children_of, written_profile
from pricing.families.views import family_page
from pricing.offers.enums import OfferKind
from pricing.offers.models import BookableOffer
from pricing.payments.models import PaymentMethod

STEP_URLS = {
    "session": "checkout:session",
    "child": "checkout:child",
    "profile": "checkout:profile",
    "places": "checkout:places",
    "budget": "checkout:budget",
    "outcome": "checkout:outcome",
    "method": "checkout:method",
    "address": "checkout:address",
    "check": "checkout:check",
}
ORDER = ["session", "child", "profile", "places", "budget", "outcome", "method", "address", "check"]


@dataclass
class Journey:
    """The listing's offer and the answers so far, each read again from the database."""

    request: HttpRequest
    offer: BookableOffer
    answers: Answers
    now: dt.datetime
    choice: selectors.SessionChoice | None = None
    child: Child | None = None
    places: int | None = None
    method: str | None = None
    # The child's personal budget, if it has one, and how it pays ("" when it does not).
    budget: PersonalBudget | None = None
    pots: list[budgets.Pot] | None = None
    pot: str = ""
    outcome: BudgetOutcome | None = None
    # The child's one-page profile: whether the family is asked to share it with the
    # listing's organisation (it has one, not shared there yet), and their answer.
    asks_profile: bool = False
    profile_already_shared: bool = False
    shares_profile: bool = False
    # Whether the family is asked for the name and address its invoices print (it pays
    # and has not given them yet); the answer is saved when it confirms.
    asks_address: bool = False

    @property
    def service_id(self) -> int:
        return self.offer.service_id

    def url(self, step: str) -> str:
        return reverse(STEP_URLS[step], kwargs={"service": self.service_id})

    @property
    def unit_price(self) -> Decimal:
        price = self.offer.unit_price
        assert price is not None  # selectors.bookable_offer refuses an unpriced offer
        return price

    @property
    def is_free(self) -> bool:
        return self.unit_price == 0

    @property
    def most_places(self) -> int:
        left = self.choice.places_left if self.choice else 0
        return min(left, selectors.MAX_PLACES)

    @property
    def total(self) -> Decimal:
        return price(self.offer, self.places or 0)

    def first_unanswered(self) -> str:
        """The first step whose answer is missing or no longer valid ("check" if none).

        Reading it again on every page is what keeps a stale answer (a session that
        filled, a child removed, a provider that stopped taking cards) from reaching the
        last page.
        """
        self.choice = selectors.session_choice(self.offer, self.answers.get("session"), self.now)
        if self.choice is None or not self.choice.can_book:
            return "session"
        child_id = _int(self.answers.get("child")) or 0
        self.child = children_of(self.request.user).filter(pk=child_id).first()
        if self.child is None:
            return "child"
        if self._profile_unanswered():
            return "profile"
        places = _int(self.answers.get("places"))
        if places is None or not 1 <= places <= self.most_places:
            return "places"
        self.places = places
        if self.is_free:
            self.method = ""
            return "check"
        missing = self._budget_answers()
        if missing is not None:
            return missing
        if budgets.paid_by_others(self.pot):
            # The council or the third party pays the provider's invoice.
            self.method = PaymentMethod.INVOICE.value
            return "check"
        method = self.answers.get("method")
        if method not in selectors.payment_methods(self.offer):
            return "method"
        self.method = method
        return "address" if self._address_unanswered() else "check"

    def _address_unanswered(self) -> bool:
        """Whether the name and address for the family's invoices are still to give.

        Every booking the family pays for is invoiced to it, and an invoice names its
        customer's address (HMRC): asked once, the first time, then kept with the
        account ("Your details for invoices")."""
        self.asks_address = not selectors.has_invoice_address(self.request.user)
        return self.asks_address and not (
            self.answers.get("invoice_name") and self.answers.get("invoice_address")
        )

    def _profile_unanswered(self) -> bool:
        """Whether the question of sharing the child's one-page profile is still to answer.

        Asked only when the child has a profile the listing's organisation cannot read
        yet. The answer is kept with the child it was given for: choosing another child
        asks again, so a "yes" for one child never shares another's profile.
        """
        assert self.child is not None
        has_profile = written_profile(self.child) is not None
        self.profile_already_shared = (
            has_profile and active_share(self.child, self.offer.organisation) is not None
        )
        self.asks_profile = has_profile and not self.profile_already_shared
        self.shares_profile = False
        if not self.asks_profile:
            return False
        answer = self.answers.get("share_profile")
        if self.answers.get("profile_child") != self.child.pk or not isinstance(answer, bool):
            return True
        self.shares_profile = answer
        return False

    def _budget_answers(self) -> str | None:
        """The budget questions' step still to answer, if the child has a budget."""
        self.budget = budgets.budget_for(self.request.user, self.child)
        if self.budget is None:
            return None
        assert self.child is not None
        self.pots = budgets.pots(self.budget, self.offer, self.child.first_name)
        pot = self.answers.get("pot")
        if pot == budgets.NO_BUDGET:
            self.pot = pot
            return None
        if pot not in budgets.choosable(self.pots):
            return "budget"
        self.pot = pot
        key = self.answers.get("outcome")
        self.outcome = next((o for o in budgets.outcomes(self.budget) if o.key == key), None)
        return "outcome" if self.outcome is None else None

    @property
    def from_budget(self) -> bool:
        return self.budget is not None and self.pot not in ("", budgets.NO_BUDGET)

    def previous_url(self, step: str) -> str:
        """The question asked before `step` in this journey (for the back link)."""
        asked = {"session", "child", "places"}
        if self.asks_profile:
            asked.add("profile")
        if not self.is_free:
            if self.budget is not None:
                asked.add("budget")
            if self.from_budget:
                asked.add("outcome")
            if not budgets.paid_by_others(self.pot):
                asked.add("method")
            if self.asks_address:
                asked.add("address")
        earlier = [name for name in ORDER[: ORDER.index(step)] if name in asked]
        return self.url(earlier[-1] if earlier else "session")

    def next_page(self) -> HttpResponse:
        return redirect(self.url(self.first_unanswered()))

    def before(self, step: str) -> HttpResponse | None:
        """A redirect to an earlier step still to answer, or None if `step` may be shown."""
        missing = self.first_unanswered()
        if ORDER.index(missing) < ORDER.index(step):
            return redirect(self.url(missing))
        return None


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def journey_page(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Family accounts only (sign in first); the listing must be bookable; hours of
    support go to the request form instead."""

    @family_page
    @wraps(view)
    def wrapped(request: HttpRequest, service: int) -> HttpResponse:
        offer = selectors.bookable_offer(service)
        if offer is None:
            raise Http404("This listing is not taking bookings")
        if offer.kind == OfferKind.HOURS:
            return redirect("bookings:ask", service)
        journey = Journey(
            request=request, offer=offer, answers=Answers(request, service), now=timezone.now()
        )
        return view(request, journey)

    return wrapped


def journey_render(
    request: HttpRequest, journey: Journey, template: str, **context
) -> HttpResponse:
    """A page of the journey, with what every step shows and the form's error summary."""
    form = context.get("form")
    return render(
        request,
        f"pricing/checkout/{template}",
        {
            "journey": journey,
            "offer": journey.offer,
            "service": journey.offer.service,
            "hold_minutes": hold_minutes(),
            **context,
            "errors": context.get("errors") or (error_summary_items(form) if form else []),
        },
    )
