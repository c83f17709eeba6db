"""Form bases shared across the site."""

import os

from wagtail.documents.forms import BaseDocumentForm

from localoffer.uploads import check_upload_content


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their name."""

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            extension = os.path.splitext(upload.name)[1]
            check_upload_content(upload, extension)
        return upload
