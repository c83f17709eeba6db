"""The officer's area, at /admin/budgets/ (registered in pricing/budgets/wagtail_hooks.py).

Budgets are addressed by their reference ("PB-7QX2MA"), which never looks like the fixed
words before it ("new", "reviews").
"""

from django.urls import path

import localoffer.core.converters  # noqa: F401 (registers the <id:...> converter)
from pricing.budgets import admin_views as views

app_name = "budget_admin"

urlpatterns: list = [
    path("", views.CaseloadView.as_view(), name="index"),
    path("reviews/", views.ReviewsView.as_view(), name="reviews"),
    path("new/", views.NewBudgetView.as_view(), name="new"),
    path("<str:reference>/", views.BudgetView.as_view(), name="detail"),
    path("<str:reference>/ledger.csv", views.ExportView.as_view(), name="export"),
    path("<str:reference>/new-version/", views.NewVersionView.as_view(), name="new_version"),
    path("<str:reference>/invite/", views.InviteView.as_view(), name="invite"),
    path("<str:reference>/third-party/", views.ThirdPartyInviteView.as_view(), name="third_party"),
    path(
        "<str:reference>/third-party/resend/",
        views.ThirdPartyResendView.as_view(),
        name="third_party_resend",
    ),
    path(
        "<str:reference>/third-party/remove/",
        views.ThirdPartyRemoveView.as_view(),
        name="third_party_remove",
    ),
    path("<str:reference>/adjust/", views.AdjustView.as_view(), name="adjust"),
    path(
        "<str:reference>/entries/<id:entry>/reverse/",
        views.ReverseView.as_view(),
        name="reverse",
    ),
    path("<str:reference>/clawback/", views.ClawbackView.as_view(), name="clawback"),
    path(
        "<str:reference>/clawbacks/<id:clawback>/repayment/",
        views.RepaymentView.as_view(),
        name="repayment",
    ),
    path("<str:reference>/consent/", views.ConsentView.as_view(), name="consent"),
    path("<str:reference>/exception/", views.ExceptionView.as_view(), name="exception"),
    path("<str:reference>/review/", views.ReviewView.as_view(), name="review"),
    path(
        "<str:reference>/approval-limit/", views.ApprovalLimitView.as_view(), name="approval_limit"
    ),
]
