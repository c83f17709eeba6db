"""The costing spreadsheet's addresses in the provider workspace, and its audit label.

Imported by pricing/costing/wagtail_hooks.py (Wagtail loads only the app's own hooks
module). Every view checks who asks (`pricing.costing.spreadsheet.views`).
"""

from __future__ import annotations

from typing import Any

from django.urls import include, path
from wagtail import hooks

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.costing.importing import LOG_ACTIONS
from pricing.costing.spreadsheet import views

spreadsheet_urls = (
    [
        path("<id:costing>/export/xlsx/", views.ExportXlsxView.as_view(), name="xlsx"),
        path("<id:costing>/export/csv/", views.ExportCsvView.as_view(), name="csv"),
        path("<id:costing>/import/", views.ImportView.as_view(), name="import"),
    ],
    "costing_spreadsheet",
)


@hooks.register("register_admin_urls")
def register_costing_spreadsheet_urls() -> list:
    return [path("costing/", include(spreadsheet_urls))]


@hooks.register("register_log_actions")
def register_costing_spreadsheet_log_actions(actions: Any) -> None:
    for action, label in LOG_ACTIONS.items():
        actions.register_action(action, label, label)
