"""Downloading a document's PDF: only for the customer it is made out to and the
provider's own team.

Anyone else is told the address does not exist (404, never 403), so ids cannot be
probed to learn which documents exist. The PDF is private: it is streamed from private
storage with headers that keep it out of shared caches and out of the browser's cache.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest
from django.views.decorators.http import require_safe

from pricing.invoices.models import Document
from pricing.invoices.pdf import file_name, stored_pdf
from pricing.invoices.selectors import may_read


@require_safe
@login_required
def document_pdf(request: HttpRequest, pk: int) -> FileResponse:
    """The PDF as an attachment; made now if the background task has not made it yet
    (without emailing it: the task still sends the one email)."""
    document = Document.objects.select_related("organisation").filter(pk=pk).first()
    if document is None or not may_read(request.user, document):
        raise Http404("No such document")
    stored = stored_pdf(document)
    response = FileResponse(
        stored.file.open("rb"),
        as_attachment=True,
        filename=file_name(document),
        content_type="application/pdf",
    )
    response["Cache-Control"] = "private, no-store"
    return response
