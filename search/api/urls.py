"""URLs of the Open Referral UK 3.0 API, mounted at /api/oruk/ by localoffer/urls.py."""

from django.urls import path, re_path

from search.api import organizations, views

app_name = "oruk"

urlpatterns = [
    path("", views.about, name="about"),
    path("openapi.json", views.openapi, name="openapi"),
    # Both ".../services" (the standard's form) and ".../services/" are answered.
    re_path(r"^services/?$", views.services, name="services"),
    re_path(r"^services/(?P<pk>[^/]+)/?$", views.service_detail, name="service"),
    re_path(r"^service_at_locations/?$", views.service_at_locations, name="service_at_locations"),
    re_path(
        r"^service_at_locations/(?P<pk>[^/]+)/?$",
        views.service_at_location_detail,
        name="service_at_location",
    ),
    re_path(r"^organizations/?$", organizations.organizations, name="organizations"),
    re_path(
        r"^organizations/(?P<pk>[^/]+)/?$",
        organizations.organization_detail,
        name="organization",
    ),
    re_path(r"^taxonomies/?$", views.taxonomies, name="taxonomies"),
    re_path(r"^taxonomies/(?P<pk>[^/]+)/?$", views.taxonomy_detail, name="taxonomy"),
    re_path(r"^taxonomy_terms/?$", views.taxonomy_terms, name="taxonomy_terms"),
    re_path(r"^taxonomy_terms/(?P<pk>[^/]+)/?$", views.taxonomy_term_detail, name="taxonomy_term"),
    # Anything else under /api/oruk/ is a JSON 404, not the site's HTML page.
    re_path(r"^(?P<rest>.*)$", views.not_found, name="not_found"),
]
