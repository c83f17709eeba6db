"""The provider's form to make a listing bookable and change how it is booked.

The price is chosen from the listing's own cost options, never typed. Card is offered
only when the organisation's Stripe account is ready (the view says so and links to the
Payments page); otherwise the card box is disabled and saved as not taken.
"""

from __future__ import annotations

from typing import Any

from django import forms

from pricing.offers.enums import CancellationPolicy, OfferKind
from pricing.offers.models import BookableOffer
from providers.models import CostOption, ServicePage


class CostOptionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CostOption) -> str:
        return str(obj)


class OfferForm(forms.Form):
    kind = forms.ChoiceField(
        label="How families book",
        choices=OfferKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose sessions or hours of support"},
    )
    cost_option = CostOptionChoiceField(
        label="Price",
        queryset=CostOption.objects.none(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text="Families pay the price of one of your listing's costs. "
        "To change a price, edit the listing's costs.",
        error_messages={
            "required": "Choose the price families pay",
            "invalid_choice": "Choose one of this listing's prices",
        },
    )
    accepts_card = forms.BooleanField(label="Card", required=False)
    accepts_invoice = forms.BooleanField(
        label="Pay later on invoice",
        required=False,
        help_text="By bank transfer, or a direct-payment card over the phone. "
        "You record the payment when it arrives.",
    )
    booking_opens_days_before = forms.IntegerField(
        label="Booking opens, days before the start",
        min_value=0,
        max_value=366,
        error_messages={"required": "Enter how many days before the start booking opens"},
    )
    booking_closes_hours_before = forms.IntegerField(
        label="Booking closes, hours before the start",
        min_value=0,
        max_value=24 * 14,
        error_messages={"required": "Enter how many hours before the start booking closes"},
    )
    cancellation_policy = forms.ChoiceField(
        label="Cancellation policy",
        choices=CancellationPolicy.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose a cancellation policy"},
    )
    is_active = forms.BooleanField(
        label="Taking bookings",
        required=False,
        help_text="Untick to stop taking new bookings. Bookings already made stay.",
    )
    # Sessions only: families may share the cost of one session for a group of children.
    group_price = forms.DecimalField(
        label="Group price (optional)",
        required=False,
        max_digits=12,
        decimal_places=2,
        help_text="A price for a whole session for a group of children, such as £80 for up "
        "to 4. Families then share the cost, each paying its share. Leave empty if you do "
        "not offer one.",
        error_messages={
            "invalid": "Enter the group price in pounds, like 80 or 79.50",
            "max_decimal_places": "Enter the group price in pounds and pence, like 79.50",
            "max_digits": "Enter a smaller group price",
            "max_whole_digits": "Enter a smaller group price",
        },
    )
    group_size = forms.IntegerField(
        label="Most children in a group",
        required=False,
        help_text="From 2 to 30. Each child in a group takes one place on the session.",
        error_messages={"invalid": "Enter the number of children as a whole number, like 4"},
    )

    def __init__(
        self,
        *args: Any,
        service: ServicePage,
        offer: BookableOffer | None,
        card_ready: bool,
        **kwargs: Any,
    ) -> None:
        if offer is not None:
            initial = {
                "kind": offer.kind,
                "cost_option": offer.cost_option_id,
                "accepts_card": offer.accepts_card and card_ready,
                "accepts_invoice": offer.accepts_invoice,
                "booking_opens_days_before": offer.booking_opens_days_before,
                "booking_closes_hours_before": offer.booking_closes_hours_before,
                "cancellation_policy": offer.cancellation_policy,
                "is_active": offer.is_active,
                "group_price": offer.group_price,
                "group_size": offer.group_size,
            }
        else:
            initial = {
                "accepts_card": card_ready,
                "accepts_invoice": not card_ready,
                "booking_opens_days_before": 56,
                "booking_closes_hours_before": 2,
                "cancellation_policy": CancellationPolicy.FREE_48_NONE,
                "is_active": True,
            }
        kwargs["initial"] = initial
        super().__init__(*args, **kwargs)
        self.card_ready = card_ready
        self.fixed_kind = offer.kind if offer is not None else None
        price = self.fields["cost_option"]
        assert isinstance(price, forms.ModelChoiceField)
        price.queryset = service.cost_options.all()
        if offer is not None:
            # Sessions and requests for hours make different bookings: the kind is fixed.
            self.fields["kind"].disabled = True
            self.fields["kind"].help_text = "This cannot change once the listing is bookable."
        if not card_ready:
            self.fields["accepts_card"].disabled = True
            self.fields[
                "accepts_card"
            ].help_text = (
                "Your organisation cannot take card payments until its Stripe account is ready."
            )

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        if not self.card_ready:
            data["accepts_card"] = False
        if not (data.get("accepts_card") or data.get("accepts_invoice")):
            self.add_error("accepts_invoice", "Choose at least one way families can pay")
        self._clean_group(data)
        return data

    def _clean_group(self, data: dict[str, Any]) -> None:
        """Both or neither; sessions only; more than £0; 2 to 30 children."""
        if "group_price" in self.errors or "group_size" in self.errors:
            return
        price, size = data.get("group_price"), data.get("group_size")
        if price is None and size is None:
            return
        if (self.fixed_kind or data.get("kind")) != OfferKind.SESSIONS:
            self.add_error("group_price", "Only sessions can have a group price")
        elif price is None:
            self.add_error("group_price", "Enter the group price, or remove the group size")
        elif size is None:
            self.add_error("group_size", "Enter the most children a group can have")
        else:
            if price <= 0:
                self.add_error("group_price", "Enter a group price of more than £0")
            if not 2 <= size <= 30:
                self.add_error("group_size", "Enter a number of children from 2 to 30")
