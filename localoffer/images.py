"""Pictures uploaded through Wagtail: refused unless they really are a small enough picture.

Wired in with `WAGTAILIMAGES_IMAGE_FORM_BASE`, so the admin's add, multiple upload,
"replace file" and the image chooser's upload tab all use it; a form of our own that takes
a picture can use `CheckedImageField` directly.

Wagtail's own field checks the format and the extension without decoding, but its pixel
check asks Willow for the size, which decodes every pixel: a PNG of a few bytes whose
header claims 7,000 by 7,000 pixels takes 147 MB of memory (and then a server error)
before it is refused. This field checks, in the order that costs least:

1. the size, before the file is handed to any image library (a 50 MB file is refused
   without being parsed);
2. the extension, and markup (SVG, HTML) before any parser sees it: SVG can carry script;
3. Wagtail's format checks (a real picture whose format matches its extension);
4. the pixel count from the header alone (Pillow's `open` reads only the header, and
   refuses a header over twice `PIL.Image.MAX_IMAGE_PIXELS` outright);
5. Pillow's `verify()`, which walks the file's structure (for PNG every chunk's checksum)
   without decoding pixels, so a picture with something else spliced in is refused.

The messages say what is wrong and what to do, in the words of the GOV.UK file upload
pattern: a provider is a small charity's volunteer, not a developer.
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

ACCEPTED = "Upload a JPEG, PNG, GIF or WebP picture"
FORMAT_NAMES = {"jpeg": "JPEG", "png": "PNG", "gif": "GIF", "webp": "WebP"}


def _million(pixels: int) -> str:
    return f"{pixels / 1_000_000:g} million"


class CheckedImageField(WagtailImageField):
    """Wagtail's image field with the size checked first, a structure check and plain words."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        size = self.max_upload_size_text
        self.error_messages.update(
            {
                "invalid_image": f"The file is not a picture, or it is damaged. {ACCEPTED}",
                "invalid_image_extension": f"This type of file is not accepted. {ACCEPTED}",
                "file_too_large_unknown_size": f"The file must be smaller than {size}",
            }
        )
        if self.max_image_pixels:
            self.help_text = (
                f"{ACCEPTED}, smaller than {size} and at most "
                f"{_million(self.max_image_pixels)} pixels (for example 6000 by 4000)."
            )

    def to_python(self, data: Any) -> Any:
        size = getattr(data, "size", None)
        if self.max_upload_size is not None and size is not None and size > self.max_upload_size:
            raise ValidationError(
                f"The file is {filesizeformat(size)}. "
                f"It must be smaller than {self.max_upload_size_text}",
                code="file_too_large",
            )
        if data is not None:
            self._refuse_before_parsing(data)
        upload = super().to_python(data)
        if upload is not None:
            self._verify_structure(upload)
        return upload

    def _refuse_before_parsing(self, data: Any) -> None:
        """Refuse a name that is not a picture's, and SVG, HTML and other markup, before
        an image library parses the file.

        Willow takes any file starting with "<" for SVG and would parse it as XML; SVG can
        carry script, so it is not accepted under any name, and saying "SVG" to someone
        who uploaded a web page would only confuse them.
        """
        extension = _extension(data)
        if extension == "svg":
            raise ValidationError(
                f"SVG pictures are not accepted. {ACCEPTED}", code="invalid_image_extension"
            )
        if extension not in self.allowed_image_extensions:
            raise ValidationError(
                self.error_messages["invalid_image_extension"], code="invalid_image_extension"
            )
        if not hasattr(data, "read"):
            return
        data.seek(0)
        head = data.read(2048)
        data.seek(0)
        if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            if b"<svg" in head.lower():
                message = f"The file is an SVG picture, which is not accepted. {ACCEPTED}"
            else:
                message = self.error_messages["invalid_image"]
            raise ValidationError(message, code="invalid_image")

    def check_image_file_format(self, f: Any) -> None:
        try:
            super().check_image_file_format(f)
        except ValidationError as error:
            if error.code != "invalid_image_known_format":
                raise
            found = FORMAT_NAMES.get(f.image.format_name, f.image.format_name.upper())
            rename_to = "jpg" if found == "JPEG" else found.lower()
            raise ValidationError(
                f"The file's name ends in .{_extension(f)} but it is a {found} picture. "
                f"Rename it to end in .{rename_to} and upload it again",
                code="invalid_image_known_format",
            ) from None

    def check_image_pixel_size(self, f: Any) -> None:
        """Refuse a picture with too many pixels, from its header alone.

        Wagtail's own check asks Willow for the size, which converts the picture to a
        Pillow image and decodes every pixel: a PNG of a few bytes claiming 7,000 by 7,000
        pixels would take 147 MB before being refused. Pillow's `open` reads only the
        header (and refuses outright a header over twice `PIL.Image.MAX_IMAGE_PIXELS`).
        """
        f.seek(0)
        try:
            with PILImage.open(f) as image:
                width, height = image.size
                frames = getattr(image, "n_frames", 1)
        except PILImage.DecompressionBombError:
            raise self._too_many_pixels() from None
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for bad files
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        finally:
            f.seek(0)
        if self.max_image_pixels is not None and width * height * frames > self.max_image_pixels:
            raise self._too_many_pixels()

    def _too_many_pixels(self) -> ValidationError:
        limit = int(self.max_image_pixels or PILImage.MAX_IMAGE_PIXELS or 0)
        return ValidationError(
            f"The picture has too many pixels. It must be at most {_million(limit)} "
            "pixels (for example 6000 by 4000). Make it smaller and upload it again",
            code="file_too_many_pixels",
        )

    def _verify_structure(self, upload: Any) -> None:
        upload.seek(0)
        try:
            with PILImage.open(upload) as image:
                image.verify()
        except Exception as error:  # noqa: BLE001 - Pillow raises many kinds for bad files
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from error
        finally:
            upload.seek(0)


def _extension(upload: Any) -> str:
    return os.path.splitext(getattr(upload, "name", "") or "")[1].lower().lstrip(".")


class CheckedImageForm(BaseImageForm):
    """Wagtail's image form whose file field is `CheckedImageField`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields.get("file")
        if field is not None and not isinstance(field, CheckedImageField):
            checked = CheckedImageField(
                label=field.label, required=field.required, widget=field.widget
            )
            self.fields["file"] = checked
