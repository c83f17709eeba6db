"""Admin for the marketplace: the council's term dates as a snippet, and audit labels.

Term dates are kept by council staff (content editors and site administrators; see
localoffer/roles.py), and providers' term-time-only session patterns read them.
"""

from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from pricing.allocation import wagtail_hooks as allocation_hooks  # noqa: F401
from pricing.bookings import wagtail_hooks as booking_hooks  # noqa: F401
from pricing.budgets import wagtail_hooks as budget_hooks  # noqa: F401
from pricing.costing import wagtail_hooks as costing_hooks  # noqa: F401
from pricing.families import wagtail_hooks as family_hooks  # noqa: F401
from pricing.invoices import wagtail_hooks as invoice_hooks  # noqa: F401
from pricing.offers import wagtail_hooks as offer_hooks  # noqa: F401
from pricing.offers.models import TermDates
from pricing.payments import wagtail_hooks as payment_hooks  # noqa: F401
from pricing.provision import wagtail_hooks as provision_hooks  # noqa: F401
from pricing.referrals import wagtail_hooks as referral_hooks  # noqa: F401
from pricing.sharing import wagtail_hooks as sharing_hooks  # noqa: F401


class TermDatesViewSet(SnippetViewSet):
    model = TermDates
    icon = "date"
    menu_label = "Term dates"
    menu_name = "term-dates"
    add_to_admin_menu = True
    menu_order = 320
    # A short table: filter with the ORM, no search index to keep up to date.
    search_backend_name = None
    search_fields = ["name"]
    list_display = ["name", "kind", "starts_on", "ends_on", "council"]
    list_filter = ["council", "kind"]
    ordering = ["council", "starts_on"]
    panels = [
        FieldPanel("council"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldRowPanel([FieldPanel("starts_on"), FieldPanel("ends_on")]),
    ]


register_snippet(TermDatesViewSet)

BOOKING_LOG_ACTIONS = {
    "pricing.offer_save": "Bookable offer saved",
    "pricing.sessions_add": "Sessions added",
    "pricing.booking_requested": "Hours of support requested",
    "pricing.booking_proposed": "Other times offered",
    "pricing.booking_accepted": "Request accepted",
    "pricing.booking_proposal_accepted": "Other times accepted",
    "pricing.booking_declined": "Request declined",
    "pricing.booking_held": "Places held",
    "pricing.booking_confirmed": "Booking confirmed",
    "pricing.booking_no_place": "Paid after the place was released: refund owed",
    "pricing.booking_payment_failed": "Payment failed",
    "pricing.booking_expired": "Hold expired",
    "pricing.booking_cancelled": "Booking cancelled",
    "pricing.booking_session_cancelled": "Session cancelled",
    "pricing.booking_refund_owed": "Part refund owed",
    "pricing.booking_refunded": "Refund recorded",
    "pricing.booking_moved": "Booking moved",
    "pricing.booking_attendance": "Attendance recorded",
    "pricing.booking_waiting_joined": "Joined the waiting list",
    "pricing.booking_waiting_offered": "Offered a place from the waiting list",
    "pricing.booking_waiting_accepted": "Took up a waiting-list place",
    "pricing.booking_waiting_lapsed": "Waiting-list offer lapsed",
    "pricing.booking_waiting_withdrawn": "Left the waiting list",
    "pricing.document_issued": "Invoice, credit note or receipt issued",
    "pricing.document_payment_recorded": "Payment recorded against an invoice",
    "pricing.document_billing_details": "Billing details saved",
    "pricing.document_reminder_sent": "Overdue invoice reminder sent",
    "pricing.document_customer_details": "Details for invoices saved",
}


@hooks.register("register_log_actions")
def register_booking_log_actions(actions) -> None:
    for action, label in BOOKING_LOG_ACTIONS.items():
        actions.register_action(action, label, label)
