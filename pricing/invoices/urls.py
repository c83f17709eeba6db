"""A family's and a provider's documents, included at /account/documents/."""

from django.urls import path

import localoffer.core.converters  # noqa: F401  (registers <id:...>)
from pricing.invoices import views

app_name = "invoices"

urlpatterns = [
    path("<id:pk>/pdf/", views.document_pdf, name="pdf"),
]
