"""The demo's pictures and council logo as Wagtail images, drawn locally (no downloads)."""

import io

from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.images.models import AbstractImage
from wagtail.models import Collection

from localoffer.demo.directory.images import DEMO_PICTURES, draw_logo, draw_picture

DEMO_COLLECTION = "Demo pictures"
LOGO_TITLE = "Northbridge Borough Council logo"


def demo_collection() -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=DEMO_COLLECTION).first()
    return existing or root.add_child(name=DEMO_COLLECTION)


def _save_image(*, title: str, filename: str, data: bytes, collection: Collection) -> AbstractImage:
    Image = get_image_model()
    image = Image(
        title=title, collection=collection, file=ImageFile(io.BytesIO(data), name=filename)
    )
    image._set_image_file_metadata()
    image.save()
    return image


def ensure_pictures() -> dict[str, object]:
    """Every demo picture, by slug; pictures already there are reused, not drawn again."""
    Image = get_image_model()
    collection = demo_collection()
    existing = {image.title: image for image in Image.objects.filter(collection=collection)}
    pictures: dict[str, object] = {}
    for index, picture in enumerate(DEMO_PICTURES):
        image = existing.get(picture.title)
        if image is None:
            image = _save_image(
                title=picture.title,
                filename=f"{picture.slug}.png",
                data=draw_picture(picture.label, seed=index + 1, palette_index=index),
                collection=collection,
            )
        pictures[picture.slug] = image
    return pictures


def ensure_logo(council_name: str) -> AbstractImage:
    Image = get_image_model()
    collection = demo_collection()
    logo = Image.objects.filter(collection=collection, title=LOGO_TITLE).first()
    return logo or _save_image(
        title=LOGO_TITLE,
        filename="northbridge-logo.png",
        data=draw_logo(council_name),
        collection=collection,
    )
