from django.apps import AppConfig


class PricingConfig(AppConfig):
    name = "pricing"
    verbose_name = "Pricing, bookings and budgets"

    def ready(self) -> None:
        # Bookings sit above payments: they learn of a payment's moves by listening
        # (pricing.payments.listeners), so payments never imports bookings.
        # Likewise the private calendar feeds are filled by the bookings they list.
        from pricing.bookings.calendar import booking_events_for_feed  # noqa: PLC0415
        from pricing.bookings.listeners import register_booking_listener  # noqa: PLC0415
        from pricing.bookings.services.invoicing import invoice_paid  # noqa: PLC0415
        from pricing.bookings.services.paying import payment_changed  # noqa: PLC0415
        from pricing.budgets.services.approvals import (  # noqa: PLC0415
            invoice_addressee,
            third_party_may_read,
        )
        from pricing.budgets.services.funding import (  # noqa: PLC0415
            invoice_payment_recorded,
            settle_booking,
        )
        from pricing.calendars.sources import feed_events  # noqa: PLC0415
        from pricing.invoices.listeners import register_invoice_payment_listener  # noqa: PLC0415
        from pricing.invoices.selectors import register_document_reader  # noqa: PLC0415
        from pricing.invoices.services.issuing import register_addressee_finder  # noqa: PLC0415
        from pricing.payments.listeners import register_payment_listener  # noqa: PLC0415
        from pricing.sharing.services.hooks import connect as connect_sharing  # noqa: PLC0415

        register_payment_listener(payment_changed)
        register_invoice_payment_listener(invoice_paid)
        # Budgets sit above bookings and invoices: a booking paid from a budget keeps
        # its ledger in step by listening to both.
        register_booking_listener(settle_booking)  # every move settles its budget
        # Other times for hours of support are accepted only if the budget covers them.
        from pricing.bookings.listeners import register_proposal_check  # noqa: PLC0415
        from pricing.budgets.services.proposals import check_proposal  # noqa: PLC0415

        register_proposal_check(check_proposal)
        register_invoice_payment_listener(invoice_payment_recorded)
        # A booking the council or a third party pays for is invoiced to it, for the child.
        register_addressee_finder(invoice_addressee)
        # ... and the third party it is made out to downloads it through the same check.
        register_document_reader(third_party_may_read)
        feed_events.register(booking_events_for_feed)
        # Shared bookings sit above bookings: a share's booking is confirmed with its
        # group (a confirmation gate), and shares not joined yet keep their places.
        connect_sharing()
        # The provision map follows publishing as search does (pricing/provision/).
        from pricing.provision.signal_handlers import connect as connect_provision  # noqa: PLC0415

        connect_provision()
        # Referrals sit above bookings: an accepted referral is booked when the family's
        # booking for the child at the listing is confirmed.
        from pricing.referrals.services import booking_changed as referral_booked  # noqa: PLC0415

        register_booking_listener(referral_booked)
