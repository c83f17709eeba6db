"""Removing a child that a kept record points at (PROTECT) is refused, leaving everything.

Bookings and invoice lines will point at children with PROTECT. Until they exist, a
stand-in model with such a foreign key is made for this module only (its table created
and dropped here, its class taken out of the app registry afterwards), so the refusal is
tested against Django's real deletion rules rather than a copy of them.
"""

import pytest
from django.apps import apps
from django.db import connection, models
from django.urls import reverse

from pricing.families import services
from pricing.families.models import Child, OnePageProfile, ProfileShare
from pricing.families.services import FamilyError
from tests.pricing.factories import ChildFactory, OnePageProfileFactory

# serialized_rollback: the flush after each test must give back the rows the migrations
# made (the root page, content types), which the next transactional tests rely on.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(scope="module")
def booking_model():
    class KeptBooking(models.Model):
        child = models.ForeignKey(Child, on_delete=models.PROTECT, related_name="+")

        class Meta:
            app_label = "pricing"
            db_table = "test_kept_booking"
            verbose_name_plural = "bookings"

        def __str__(self) -> str:
            return f"Booking {self.pk}"

    yield KeptBooking
    del apps.all_models["pricing"]["keptbooking"]
    apps.clear_cache()


@pytest.fixture
def booking_table(booking_model, django_db_blocker):
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.create_model(booking_model)
    yield booking_model
    with django_db_blocker.unblock(), connection.schema_editor() as editor:
        editor.delete_model(booking_model)


def test_a_child_with_a_booking_cannot_be_removed(booking_table, organisation) -> None:
    profile = OnePageProfileFactory(child__first_name="Sam")
    child = profile.child
    share = services.share_profile(child=child, organisation=organisation, by=child.family)
    booking_table.objects.create(child=child)
    with pytest.raises(FamilyError, match="You cannot remove Sam because they have bookings"):
        services.remove_child(child=child, by=child.family)
    assert Child.objects.filter(pk=child.pk).exists()
    assert OnePageProfile.objects.filter(child=child).exists()
    assert ProfileShare.objects.filter(pk=share.pk).exists()


def test_the_remove_page_says_why_and_keeps_the_child(booking_table, client) -> None:
    child = ChildFactory(first_name="Sam")
    booking_table.objects.create(child=child)
    client.force_login(child.family)
    response = client.post(reverse("families:remove", kwargs={"pk": child.pk}))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Sam cannot be removed" in page
    assert "You cannot remove Sam because they have bookings. These records must be kept." in page
    assert Child.objects.filter(pk=child.pk).exists()
    # Once the booking is gone, so can the child be.
    booking_table.objects.all().delete()
    response = client.post(reverse("families:remove", kwargs={"pk": child.pk}))
    assert response.status_code == 302
    assert not Child.objects.filter(pk=child.pk).exists()
