"""The costing area of the provider workspace, one module per page group."""

from pricing.costing.admin_views.costing_page import CostingView, DriversView
from pricing.costing.admin_views.index import CostingIndexView, CostingListView, NewDraftView
from pricing.costing.admin_views.results import FinaliseView, ResultsView, UsePriceView
from pricing.costing.admin_views.rows import (
    LineFormView,
    LineRemoveView,
    ServiceFormView,
    ServiceRemoveView,
)

__all__ = [
    "CostingIndexView",
    "CostingListView",
    "CostingView",
    "DriversView",
    "FinaliseView",
    "LineFormView",
    "LineRemoveView",
    "NewDraftView",
    "ResultsView",
    "ServiceFormView",
    "ServiceRemoveView",
    "UsePriceView",
]
