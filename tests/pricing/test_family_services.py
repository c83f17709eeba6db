"""A family's children, profiles and consent, through the services and selectors."""

import pytest
from wagtail.models import ModelLogEntry

from pricing.families import services
from pricing.families.models import Child, ProfileShare, ProfileView
from pricing.families.selectors import profile_for_provider, shares_of
from pricing.families.services import ChildDetails, FamilyError
from tests.factories import NeedFactory, OrganisationPageFactory, UserFactory
from tests.pricing.factories import ChildFactory, OnePageProfileFactory, born_years_ago

pytestmark = pytest.mark.django_db


def details(**changes) -> ChildDetails:
    values = {"first_name": "Sam", "date_of_birth": born_years_ago(9), "has_ehc_plan": True}
    return ChildDetails(**{**values, **changes})


def test_a_family_adds_a_child_with_needs() -> None:
    family = UserFactory()
    autism, adhd = NeedFactory(name="Autism"), NeedFactory(name="ADHD")
    child = services.add_child(
        family=family, details=details(needs=[autism, adhd], needs_notes="Hates loud hand dryers.")
    )
    child.refresh_from_db()
    assert child.family == family
    assert child.first_name == "Sam"
    assert child.has_ehc_plan is True
    assert set(child.needs.all()) == {autism, adhd}
    assert child.needs_notes == "Hates loud hand dryers."
    assert child.age == 9


@pytest.mark.parametrize(("years", "days"), [(16, 0), (25, 0), (25, 364)])
def test_a_young_person_of_16_to_25_may_say_this_is_me(years: int, days: int) -> None:
    child = services.add_child(
        family=UserFactory(),
        details=details(date_of_birth=born_years_ago(years, days=days), is_account_holder=True),
    )
    assert child.is_account_holder is True


@pytest.mark.parametrize(("years", "days"), [(15, 0), (16, -1), (26, 0), (9, 0)])
def test_outside_16_to_25_this_is_me_is_refused(years: int, days: int) -> None:
    family = UserFactory()
    with pytest.raises(
        FamilyError, match="only say this is you if you are aged 16 to 25"
    ) as caught:
        services.add_child(
            family=family,
            details=details(date_of_birth=born_years_ago(years, days=days), is_account_holder=True),
        )
    assert caught.value.field == "is_account_holder"
    assert not Child.objects.filter(family=family).exists()


def test_an_account_belongs_to_one_young_person_only() -> None:
    family = UserFactory()
    first = services.add_child(
        family=family, details=details(date_of_birth=born_years_ago(17), is_account_holder=True)
    )
    with pytest.raises(FamilyError, match="already said .* is you"):
        services.add_child(
            family=family,
            details=details(
                first_name="Alex", date_of_birth=born_years_ago(18), is_account_holder=True
            ),
        )
    # Changing the young person's own record keeps "This is me".
    services.change_child(
        child=first,
        details=details(
            first_name="Sammy", date_of_birth=born_years_ago(17), is_account_holder=True
        ),
        by=family,
    )
    first.refresh_from_db()
    assert (first.first_name, first.is_account_holder) == ("Sammy", True)


def test_a_change_replaces_the_details_and_needs() -> None:
    child = ChildFactory()
    old, new = NeedFactory(), NeedFactory()
    child.needs.set([old])
    services.change_child(
        child=child,
        details=details(first_name="Robin", needs=[new], has_ehc_plan=False),
        by=child.family,
    )
    child.refresh_from_db()
    assert child.first_name == "Robin"
    assert child.has_ehc_plan is False
    assert list(child.needs.all()) == [new]


def test_only_the_family_changes_removes_profiles_or_shares() -> None:
    child = ChildFactory(first_name="Sam")
    stranger = UserFactory()
    organisation = OrganisationPageFactory(verified=True)
    with pytest.raises(FamilyError):
        services.change_child(child=child, details=details(first_name="X"), by=stranger)
    with pytest.raises(FamilyError):
        services.remove_child(child=child, by=stranger)
    with pytest.raises(FamilyError):
        services.save_profile(
            child=child, by=stranger, like_and_admire="x", important_to_me="", how_to_support=""
        )
    with pytest.raises(FamilyError):
        services.share_profile(child=child, organisation=organisation, by=stranger)
    share = services.share_profile(child=child, organisation=organisation, by=child.family)
    with pytest.raises(FamilyError):
        services.withdraw_share(share=share, by=stranger)
    child.refresh_from_db()
    share.refresh_from_db()
    assert child.first_name == "Sam" and share.is_active


def test_removing_a_child_removes_their_profile_shares_and_view_log() -> None:
    profile = OnePageProfileFactory()
    child = profile.child
    organisation = OrganisationPageFactory(verified=True)
    share = services.share_profile(child=child, organisation=organisation, by=child.family)
    ProfileView.objects.create(child=child, share=share, organisation=organisation)
    services.remove_child(child=child, by=child.family)
    assert not Child.objects.filter(pk=child.pk).exists()
    assert not ProfileShare.objects.filter(pk=share.pk).exists()
    assert not ProfileView.objects.exists()
    # The audit of the consent outlives the child, without naming them.
    entry = ModelLogEntry.objects.get(action=services.ACTION_SHARE)
    assert entry.label == f"Profile share {share.pk}"


def test_saving_a_profile_writes_the_three_sections_and_when(time_machine) -> None:
    child = ChildFactory()
    time_machine.move_to("2026-03-01 10:00Z")
    profile = services.save_profile(
        child=child,
        by=child.family,
        like_and_admire="I make people laugh.",
        important_to_me="Trains.",
        how_to_support="Give me time to answer.",
    )
    first_saved = profile.updated_at
    time_machine.move_to("2026-03-05 10:00Z")
    profile = services.save_profile(
        child=child,
        by=child.family,
        like_and_admire="I make people laugh.",
        important_to_me="Trains and my sister.",
        how_to_support="Give me time to answer.",
    )
    profile.refresh_from_db()
    assert profile.child == child
    assert profile.important_to_me == "Trains and my sister."
    assert profile.updated_at > first_saved


def test_sharing_records_consent_once_and_audits_it() -> None:
    child = ChildFactory()
    organisation = OrganisationPageFactory(verified=True)
    share = services.share_profile(
        child=child, organisation=organisation, by=child.family, purpose="Booking LO-17"
    )
    again = services.share_profile(
        child=child, organisation=organisation, by=child.family, purpose="Booking LO-18"
    )
    assert again.pk == share.pk and again.purpose == "Booking LO-17"
    assert share.granted_by == child.family and share.granted_at is not None
    entry = ModelLogEntry.objects.get(action=services.ACTION_SHARE)
    assert entry.user_id == child.family.pk
    assert entry.object_id == str(share.pk)
    assert entry.data["organisation"] == organisation.pk


def test_withdrawing_consent_is_kept_audited_and_allows_sharing_again() -> None:
    child = ChildFactory()
    organisation = OrganisationPageFactory(verified=True)
    share = services.share_profile(child=child, organisation=organisation, by=child.family)
    withdrawn = services.withdraw_share(share=share, by=child.family)
    assert withdrawn.withdrawn_at is not None and withdrawn.withdrawn_by == child.family
    assert ModelLogEntry.objects.filter(action=services.ACTION_WITHDRAW_SHARE).count() == 1
    with pytest.raises(FamilyError, match="already stopped"):
        services.withdraw_share(share=share, by=child.family)
    renewed = services.share_profile(child=child, organisation=organisation, by=child.family)
    assert renewed.pk != share.pk
    assert list(shares_of(child.family).values_list("pk", flat=True)) == [renewed.pk, share.pk]


class TestProfileForProvider:
    @pytest.fixture
    def shared(self, organisation, users_by_role):
        profile = OnePageProfileFactory()
        share = services.share_profile(
            child=profile.child, organisation=organisation, by=profile.child.family
        )
        return profile, share

    def test_a_member_with_consent_and_a_booking_reads_it_and_the_read_is_logged(
        self, shared, organisation, users_by_role
    ) -> None:
        profile, share = shared
        viewer = users_by_role["provider"]
        found = profile_for_provider(
            child=profile.child,
            organisation=organisation,
            viewer=viewer,
            has_current_booking=lambda: True,
        )
        assert found == profile
        view = ProfileView.objects.get()
        assert (view.child, view.share, view.organisation, view.viewer) == (
            profile.child,
            share,
            organisation,
            viewer,
        )
        assert shares_of(profile.child.family).get().view_count == 1

    def test_a_queryset_answers_the_booking_question(
        self, shared, organisation, users_by_role
    ) -> None:
        profile, _ = shared
        kwargs = {
            "child": profile.child,
            "organisation": organisation,
            "viewer": users_by_role["provider"],
        }
        # Any queryset: true when it has a row (the bookings feature passes its bookings).
        assert profile_for_provider(
            **kwargs, has_current_booking=Child.objects.filter(pk=profile.child.pk)
        )
        assert profile_for_provider(**kwargs, has_current_booking=Child.objects.none()) is None
        assert ProfileView.objects.count() == 1

    def test_no_current_booking_no_profile(self, shared, organisation, users_by_role) -> None:
        profile, _ = shared
        assert (
            profile_for_provider(
                child=profile.child,
                organisation=organisation,
                viewer=users_by_role["provider"],
                has_current_booking=lambda: False,
            )
            is None
        )
        assert not ProfileView.objects.exists()

    def test_withdrawn_consent_no_profile(self, shared, organisation, users_by_role) -> None:
        profile, share = shared
        services.withdraw_share(share=share, by=profile.child.family)
        assert (
            profile_for_provider(
                child=profile.child,
                organisation=organisation,
                viewer=users_by_role["provider_admin"],
                has_current_booking=lambda: True,
            )
            is None
        )
        assert not ProfileView.objects.exists()

    def test_another_organisation_or_council_staff_see_nothing(
        self, shared, organisation, users_by_role
    ) -> None:
        profile, _ = shared
        other = OrganisationPageFactory(parent=organisation.get_parent(), verified=True)
        for viewer, org in [
            (users_by_role["provider"], other),  # consent was for the first organisation
            (users_by_role["moderator"], organisation),  # not in the organisation's team
            (users_by_role["superuser"], organisation),
            (profile.child.family, organisation),
        ]:
            assert (
                profile_for_provider(
                    child=profile.child,
                    organisation=org,
                    viewer=viewer,
                    has_current_booking=lambda: True,
                )
                is None
            )
        assert not ProfileView.objects.exists()
