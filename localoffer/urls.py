"""URL configuration: our own views first, then Wagtail's page tree."""

from django.conf import settings
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from localoffer import views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", views.site_search, name="site_search"),
    path("feedback/", include("localoffer.feedback.urls")),
    path("api/oruk/", include("search.api.urls")),
    # The search page and shortlist first: /services/ is the directory's search page.
    path("services/", include("search.urls")),
    path("services/", include("providers.urls")),
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
