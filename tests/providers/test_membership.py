"""Membership rows, the groups kept in step with them, and the reads built on them."""

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from providers.enums import TeamRole
from providers.models import Membership, ServicePage
from providers.moderation.freshness.models import ListingFreshness
from providers.organisations.access import (
    grant_organisation_access,
    is_organisation_admin,
    is_organisation_member,
    provider_group,
    revoke_organisation_access,
)
from providers.organisations.selectors import organisation_statuses, team_of
from providers.selectors import (
    organisation_members,
    organisations_by_page,
    organisations_of_user,
    published_services,
)
from tests.factories import (
    MembershipFactory,
    OrganisationPageFactory,
    ServicePageFactory,
    UserFactory,
)


@pytest.fixture
def riverside(organisation_index):
    return OrganisationPageFactory(parent=organisation_index, title="Riverside Youth")


def test_granting_writes_the_row_and_the_groups(organisation):
    person = UserFactory()
    grant_organisation_access(organisation=organisation, user=person, admin=True)
    membership = Membership.objects.get(organisation=organisation, user=person)
    assert membership.role == TeamRole.ADMIN
    assert set(person.groups.all()) == {
        provider_group(organisation),
        provider_group(organisation, admin=True),
    }
    # Granting again with the other role changes the role and the groups with it.
    grant_organisation_access(organisation=organisation, user=person, admin=False)
    assert Membership.objects.get(pk=membership.pk).role == TeamRole.MEMBER
    assert set(person.groups.all()) == {provider_group(organisation)}
    assert is_organisation_member(person, organisation)
    assert not is_organisation_admin(person, organisation)


def test_revoking_removes_the_row_and_the_groups(organisation):
    person = MembershipFactory(organisation=organisation, admin=True).user
    revoke_organisation_access(organisation=organisation, user=person)
    assert not Membership.objects.filter(user=person).exists()
    assert not person.groups.exists()
    assert not is_organisation_member(person, organisation)


def test_a_person_may_belong_to_several_organisations_once_each(organisation, riverside):
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person)
    MembershipFactory(organisation=riverside, user=person, admin=True)
    assert set(organisations_of_user(person)) == {organisation, riverside}
    assert [status.is_admin for status in organisation_statuses(person)] == [False, True]
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(organisation=organisation, user=person)


def test_the_role_is_checked_by_the_database(organisation):
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(organisation=organisation, user=UserFactory(), role="owner")


def test_deactivated_people_are_not_in_the_team(organisation):
    active = MembershipFactory(organisation=organisation, admin=True).user
    gone = MembershipFactory(organisation=organisation).user
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert [member.user for member in team_of(organisation)] == [active]
    assert list(organisation_members(organisation)) == [active]
    assert list(organisation_members(organisation, admins_only=True)) == [active]
    assert not is_organisation_member(gone, organisation)


def test_organisation_statuses_take_one_query(organisation, riverside, django_assert_num_queries):
    person = UserFactory()
    MembershipFactory(organisation=organisation, user=person, admin=True)
    MembershipFactory(organisation=riverside, user=person)
    with django_assert_num_queries(1):
        statuses = organisation_statuses(person)
    assert [(s.organisation.title, s.is_admin) for s in statuses] == [
        ("Northbridge Play Club", True),
        ("Riverside Youth", False),
    ]


def test_the_organisation_of_a_listing(organisation, riverside, service):
    other = ServicePageFactory(parent=riverside, title="River rafting")
    annotated = {
        page.pk: (page.organisation_id, page.organisation_title)
        for page in ServicePage.objects.with_organisation()
    }
    assert annotated == {
        service.pk: (organisation.pk, organisation.title),
        other.pk: (riverside.pk, riverside.title),
    }
    assert organisations_by_page([service, other]) == {
        service.pk: organisation,
        other.pk: riverside,
    }
    assert service.organisation == organisation


def test_cards_say_a_flagged_listing_may_be_out_of_date(service, organisation):
    kept = ServicePageFactory(parent=organisation, title="Kept up to date")
    ListingFreshness.objects.update_or_create(
        page=service, defaults={"flagged_at": timezone.now(), "missed_cycles": 2}
    )
    flags = {page.pk: page.may_be_out_of_date for page in published_services()}
    assert flags == {service.pk: True, kept.pk: False}
    ListingFreshness.objects.filter(page=service).update(unpublished_at=timezone.now())
    assert published_services().get(pk=service.pk).may_be_out_of_date is False
