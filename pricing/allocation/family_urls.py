"""The family's assessment pages, included at /account/assessments/ (namespace
"assessments"); "start/" comes before the references it would otherwise look like."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.allocation import family_views

app_name = "assessments"

urlpatterns = [
    path("", family_views.assessment_list, name="list"),
    path("start/", family_views.start, name="start"),
    path("<str:reference>/", family_views.detail, name="detail"),
    path("<str:reference>/questions/<id:number>/", family_views.questions, name="questions"),
    path("<str:reference>/check/", family_views.check, name="check"),
    path("<str:reference>/letter/", family_views.letter, name="letter"),
    path("<str:reference>/look-again/", family_views.look_again, name="look_again"),
]
