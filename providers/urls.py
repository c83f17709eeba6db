from django.urls import path

from providers import views

app_name = "providers"

urlpatterns = [
    # The directory's home, /services/, is the search page (search.urls, "search:services").
    path("category/<slug:slug>/", views.category, name="category"),
]
