"""Deleting pictures and documents: only with the delete grant, never while used live.

Content editors hold add, change and choose on pictures and documents but no delete, yet
Wagtail let "change" delete: an editor deleted a picture used by a live listing and two
providers' uploads. These are those requests.
"""

import pytest
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.models import ReferenceIndex

from providers.organisations.access import organisation_collection
from tests.factories import DocumentFactory, ImageFactory, ServiceImageFactory

pytestmark = pytest.mark.django_db


def delete_image(client, image):
    return client.post(reverse("wagtailimages:delete", args=[image.pk]))


def test_a_content_editor_cannot_delete_a_providers_upload(client_for, users_by_role, organisation):
    upload = ImageFactory(
        collection=organisation_collection(organisation),
        uploaded_by_user=users_by_role["provider"],
    )
    document = DocumentFactory(
        collection=organisation_collection(organisation),
        uploaded_by_user=users_by_role["provider"],
    )
    client = client_for("content_editor")
    delete_image(client, upload)
    client.post(reverse("wagtaildocs:delete", args=[document.pk]))
    bulk = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
    client.post(f"{bulk}?id={upload.pk}", {})
    assert Image.objects.filter(pk=upload.pk).exists()
    assert Document.objects.filter(pk=document.pk).exists()


def test_a_content_editor_still_deletes_their_own_unused_upload(client_for, users_by_role):
    own = ImageFactory(uploaded_by_user=users_by_role["content_editor"])
    assert delete_image(client_for("content_editor"), own).status_code == 302
    assert not Image.objects.filter(pk=own.pk).exists()


def test_a_moderator_with_the_delete_grant_deletes_an_unused_picture(client_for):
    unused = ImageFactory()
    delete_image(client_for("moderator"), unused)
    assert not Image.objects.filter(pk=unused.pk).exists()


@pytest.mark.parametrize("role", ["moderator", "superuser"])
def test_a_picture_on_a_live_listing_is_not_deleted_and_its_uses_are_shown(
    client_for, service, role
):
    picture = ImageFactory(title="Children painting")
    ServiceImageFactory(service=service, image=picture)
    ReferenceIndex.create_or_update_for_object(service)
    client = client_for(role)

    confirmation = client.get(reverse("wagtailimages:delete", args=[picture.pk]), follow=True)
    text = confirmation.content.decode()
    assert "Saturday sensory club" in text  # where it is used
    assert "cannot be deleted" in text

    response = delete_image(client, picture)
    assert response.status_code == 302
    assert response["Location"] == reverse("wagtailimages:image_usage", args=[picture.pk])
    assert Image.objects.filter(pk=picture.pk).exists()
    # Nor through the bulk action, which the screen above does not stand in front of.
    bulk = reverse("wagtail_bulk_action", args=["wagtailimages", "image", "delete"])
    client.post(f"{bulk}?id={picture.pk}", {})
    assert Image.objects.filter(pk=picture.pk).exists()
