"""Form bases shared across the site."""

import os

from wagtail.documents.forms import BaseDocumentForm

from localoffer.uploads import check_upload_content


class CheckedDocumentForm(BaseDocumentForm):
    """Wagtail's document form, refusing files whose content does not match their name.

    Wired in with WAGTAILDOCS_DOCUMENT_FORM_BASE, so the admin's single and multiple upload
    views, the chooser's upload tab and "replace file" on the edit view all run it.
    """

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        if upload and hasattr(upload, "content_type"):  # a new upload, not the stored file
            extension = os.path.splitext(upload.name)[1]
            check_upload_content(upload, extension)
        return upload

    def _post_clean(self):
        # A refused file never reaches the instance, so Document.clean() then checks the
        # extension of an empty file name and adds 'File extension "" is not allowed' under
        # the real reason. Keep only the errors found with the uploaded file itself.
        refused = list(self._errors.get("file", []))
        super()._post_clean()
        if refused:
            self._errors["file"] = self.error_class(refused, renderer=self.renderer)
