"""Background work for documents: the PDF, made and sent after the document is issued."""

from __future__ import annotations

from django_tasks import task


@task()
def make_and_send_document(document_id: int) -> None:
    """Make the document's PDF, store it privately and email it to the customer."""
    from pricing.invoices.pdf import make_pdf_and_send  # noqa: PLC0415

    make_pdf_and_send(document_id)
