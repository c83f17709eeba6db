"""The family's documents, included at /account/documents/ (the PDF of one document is
the invoices app's own `invoices:pdf`, at /account/documents/<id>/pdf/)."""

from django.urls import path

from pricing.invoices import family_views as views

app_name = "documents"

urlpatterns = [
    path("", views.documents, name="list"),
    path("download/", views.documents_zip, name="zip"),
    path("your-details/", views.customer_details, name="details"),
]
