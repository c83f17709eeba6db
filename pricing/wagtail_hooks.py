"""Wagtail finds this module in each app; the marketplace's sub-packages register here."""

import pricing.payments.wagtail_hooks  # noqa: F401
