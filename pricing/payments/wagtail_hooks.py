"""The "Payments" page of the provider workspace, and the payment actions in audit logs."""

from __future__ import annotations

from typing import Any

from django.urls import include, path, reverse
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.log_actions import LogActionRegistry

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.payments import admin_views, services

payments_urls = (
    [
        path("", admin_views.PaymentsIndexView.as_view(), name="index"),
        path("<id:pk>/", admin_views.PaymentsStatusView.as_view(), name="status"),
        path("<id:pk>/return/", admin_views.OnboardingReturnView.as_view(), name="returned"),
        path("<id:pk>/refresh/", admin_views.OnboardingRefreshView.as_view(), name="refresh"),
    ],
    "organisation_payments",
)


@hooks.register("register_admin_urls")
def register_payments_admin_urls() -> list:
    return [path("payments/", include(payments_urls))]


class PaymentsMenuItem(MenuItem):
    def is_shown(self, request: Any) -> bool:
        return bool(admin_views.organisations_administered(request.user))


@hooks.register("register_admin_menu_item")
def register_payments_menu_item() -> MenuItem:
    return PaymentsMenuItem(
        "Payments",
        reverse("organisation_payments:index"),
        name="payments",
        icon_name="form",
        order=160,
    )


@hooks.register("register_log_actions")
def register_payment_log_actions(actions: LogActionRegistry) -> None:
    actions.register_action(services.ACTION_STATUS, "Payment status", "Payment status changed")
    actions.register_action(services.ACTION_REFUND, "Refund", "Refunded part of the payment")
    actions.register_action(
        services.ACTION_REFUND_STATUS, "Refund status", "The refund's status changed"
    )
    actions.register_action(
        services.ACTION_OFFLINE, "Payment recorded", "Recorded the payment as received"
    )
    actions.register_action(
        services.ACTION_CONNECT, "Connect Stripe", "Connected a Stripe account for card payments"
    )
    actions.register_action(
        services.ACTION_ACCOUNT, "Stripe account", "Stripe changed whether card payments are ready"
    )
