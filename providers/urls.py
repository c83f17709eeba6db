from django.urls import path

from providers import views
from search import views as search_views

app_name = "providers"

urlpatterns = [
    # The directory's home is the search page (search.urls, matched first); the name is
    # kept so links to "providers:directory" reach it.
    path("", search_views.services, name="directory"),
    path("category/<slug:slug>/", views.category, name="category"),
]
