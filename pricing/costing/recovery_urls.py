"""The addresses of a costing's recovery page and its CSV, under /admin/costing/ (see
pricing/costing/wagtail_hooks.py)."""

from __future__ import annotations

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.costing import recovery_views as views

recovery_urls = (
    [
        path("<id:costing>/recovery/", views.RecoveryView.as_view(), name="page"),
        path("<id:costing>/recovery/csv/", views.RecoveryCsvView.as_view(), name="csv"),
    ],
    "costing_recovery",
)
