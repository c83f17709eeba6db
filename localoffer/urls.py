"""URL configuration: our own views first, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from localoffer import views

urlpatterns = [
    # Matched before Wagtail's own route of the same address (see the view).
    path("admin/reports/page-types-usage/", views.page_types_usage_report),
    path(
        "admin/reports/page-types-usage/results/",
        views.page_types_usage_report,
        {"results_only": True},
    ),
    path("admin/failwhale/", views.admin_error_test),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.site_search, name="site_search"),
    path("feedback/", include("localoffer.feedback.urls")),
    path("account/", include("localoffer.accounts.urls")),
    path("account/children/", include("pricing.families.urls")),
    path("account/calendar/", include("pricing.calendars.urls")),
    path("account/bookings/", include("pricing.checkout.bookings_urls")),
    path("account/referrals/", include("pricing.referrals.urls")),
    path("book/", include("pricing.checkout.urls")),
    path("account/documents/", include("pricing.invoices.urls")),
    path("account/documents/", include("pricing.invoices.family_urls")),
    path("account/budgets/returns/", include("pricing.budgets.return_urls")),
    path("account/budgets/", include("pricing.budgets.family_urls")),
    path("account/third-party/", include("pricing.budgets.third_party_urls")),
    path("account/assessments/", include("pricing.allocation.family_urls")),
    path("what-support-costs/", include("pricing.provision.urls")),
    path("book/together/", include("pricing.sharing.urls")),
    path("account/", include("allauth.urls")),
    path("for-providers/", include("providers.organisations.urls")),
    path("listings/", include("providers.moderation.freshness.urls")),
    path("listings/", include("providers.moderation.reports.urls")),
    path("api/oruk/", include("search.api.urls")),
    path("payments/", include("pricing.payments.urls")),
    path("bookings/", include("pricing.bookings.offer_urls")),
    # The search page and shortlist first: /services/ is the directory's search page.
    path("services/", include("search.urls")),
    path("services/", include("providers.urls")),
    path("calendar/", include("pricing.calendars.feed_urls")),
    path("healthz/", views.healthz, name="healthz"),
]

if settings.DEBUG or getattr(settings, "SERVE_MEDIA", False):
    from django.urls import re_path
    from django.views.static import serve

    urlpatterns += [
        re_path(
            rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$",
            serve,
            {"document_root": settings.MEDIA_ROOT},
        )
    ]

urlpatterns += [path("", include(wagtail_urls))]

handler404 = "localoffer.views.page_not_found"
handler500 = "localoffer.views.server_error"
