"""The family's pages: children, profiles, sharing, as a family uses them (no JavaScript)."""

import pytest
from django.urls import reverse

from pricing.families import services
from pricing.families.models import Child, OnePageProfile
from tests.factories import NeedFactory, OrganisationPageFactory
from tests.html import get, soup_of, text_of
from tests.pricing.factories import ChildFactory, OnePageProfileFactory, born_years_ago

pytestmark = pytest.mark.django_db


@pytest.fixture
def family(users_by_role):
    return users_by_role["family"]


@pytest.fixture
def family_client(client_for):
    return client_for("family")


def child_form(**changes) -> dict:
    born = born_years_ago(9)
    values = {
        "first_name": "Sam",
        "date_of_birth_day": str(born.day),
        "date_of_birth_month": str(born.month),
        "date_of_birth_year": str(born.year),
        "needs_notes": "",
        "has_ehc_plan": "yes",
    }
    return {**values, **changes}


def test_your_account_links_a_family_to_their_children(family_client) -> None:
    page = get(family_client, reverse("account_home"))
    assert page.find("a", string="Your children")["href"] == reverse("families:children")
    assert page.find("a", string="Your bookings in your own calendar")


def test_work_accounts_see_no_children_link(client_for) -> None:
    for role in ("provider", "moderator"):
        page = get(client_for(role), reverse("account_home"))
        assert page.find("a", string="Your children") is None


def test_adding_a_child(family, family_client) -> None:
    autism = NeedFactory(name="Autism")
    NeedFactory(name="Hearing impairment")
    page = get(family_client, reverse("families:add"))
    assert text_of(page.find("h1")) == "Add a child"
    assert page.find(id="id_date_of_birth-day")
    assert [text_of(label) for label in page.select(".govuk-checkboxes__label")][:2] == [
        "ADHD",
        "Autism",
    ] or "Autism" in text_of(page.select_one("fieldset"))
    response = family_client.post(
        reverse("families:add"), child_form(needs=[str(autism.pk)], needs_notes="Ear defenders.")
    )
    child = Child.objects.get(family=family)
    assert response.status_code == 302
    assert response.url == reverse("families:child", kwargs={"pk": child.pk})
    assert list(child.needs.all()) == [autism]
    page = get(family_client, response.url)
    assert "Sam has been added" in text_of(page.select_one(".govuk-notification-banner"))
    assert "Autism" in text_of(page.select_one(".govuk-summary-list"))
    assert "Ear defenders." in text_of(page)
    listing = get(family_client, reverse("families:children"))
    assert "Sam" in text_of(listing.select_one(".govuk-summary-card__title"))


def test_errors_are_summarised_and_what_was_typed_is_kept(family, family_client) -> None:
    response = family_client.post(
        reverse("families:add"),
        child_form(
            first_name="",
            date_of_birth_day="31",
            date_of_birth_month="2",
            has_ehc_plan="",
            needs_notes="Likes the quiet room.",
        ),
    )
    assert response.status_code == 200
    page = soup_of(response)
    assert text_of(page.find("title")).startswith("Error: Add a child")
    summary = page.select_one(".govuk-error-summary")
    links = {a["href"]: text_of(a) for a in summary.find_all("a")}
    assert links == {
        "#id_first_name": "Enter their first name",
        "#id_date_of_birth-day": "Their date of birth must be a real date",
        "#id_has_ehc_plan": "Select yes if they have an EHC plan",
    }
    assert page.find(id="id_date_of_birth-day")["value"] == "31"
    assert page.find(id="id_needs_notes").string == "Likes the quiet room."
    assert not Child.objects.filter(family=family).exists()


def test_future_and_over_25_dates_of_birth_are_refused(family_client) -> None:
    for born, message in [
        (born_years_ago(-1), "Date of birth must be today or in the past"),
        (born_years_ago(26), "up to 25"),
    ]:
        response = family_client.post(
            reverse("families:add"),
            child_form(
                date_of_birth_day=str(born.day),
                date_of_birth_month=str(born.month),
                date_of_birth_year=str(born.year),
            ),
        )
        assert message in text_of(soup_of(response).select_one(".govuk-error-summary"))


def test_this_is_me_for_a_child_of_nine_is_refused_beside_the_box(family, family_client) -> None:
    response = family_client.post(reverse("families:add"), child_form(is_account_holder="yes"))
    page = soup_of(response)
    assert page.select_one(".govuk-error-summary a")["href"] == "#id_is_account_holder"
    assert "aged 16 to 25" in text_of(page.find(id="id_is_account_holder-error"))
    assert page.find(id="id_is_account_holder").has_attr("checked")
    assert not Child.objects.filter(family=family).exists()


def test_changing_a_child_shows_their_details_and_saves_new_ones(family, family_client) -> None:
    child = ChildFactory(family=family, first_name="Sam", has_ehc_plan=True)
    need = NeedFactory(name="Autism")
    child.needs.set([need])
    url = reverse("families:change", kwargs={"pk": child.pk})
    page = get(family_client, url)
    assert page.find(id="id_first_name")["value"] == "Sam"
    assert page.find("input", attrs={"name": "needs", "value": str(need.pk)}).has_attr("checked")
    assert page.find("input", attrs={"name": "has_ehc_plan", "value": "yes"}).has_attr("checked")
    response = family_client.post(url, child_form(first_name="Robin", has_ehc_plan="no"))
    assert response.status_code == 302
    child.refresh_from_db()
    assert (child.first_name, child.has_ehc_plan, list(child.needs.all())) == ("Robin", False, [])


def test_removing_a_child_after_confirming(family, family_client) -> None:
    child = ChildFactory(family=family, first_name="Sam")
    url = reverse("families:remove", kwargs={"pk": child.pk})
    page = get(family_client, url)
    assert text_of(page.find("h1")) == "Are you sure you want to remove Sam?"
    assert Child.objects.filter(pk=child.pk).exists()
    response = family_client.post(url)
    assert response.url == reverse("families:children")
    assert not Child.objects.filter(pk=child.pk).exists()


def test_writing_a_one_page_profile(family, family_client) -> None:
    child = ChildFactory(family=family, first_name="Sam")
    url = reverse("families:profile", kwargs={"pk": child.pk})
    page = get(family_client, url)
    labels = [text_of(label) for label in page.select_one("main form").select("label.govuk-label")]
    assert labels == [
        "What people like and admire about me",
        "What is important to me",
        "How best to support me",
    ]
    response = family_client.post(
        url,
        {
            "like_and_admire": "I am kind.",
            "important_to_me": "Swimming.",
            "how_to_support": "Tell me what is next.",
        },
    )
    assert response.status_code == 302
    profile = OnePageProfile.objects.get(child=child)
    assert (profile.like_and_admire, profile.how_to_support) == (
        "I am kind.",
        "Tell me what is next.",
    )
    page = get(family_client, reverse("families:child", kwargs={"pk": child.pk}))
    assert "Tell me what is next." in text_of(page)
    # What was typed comes back into the form.
    assert get(family_client, url).find(id="id_important_to_me").string == "Swimming."


def test_a_too_long_profile_section_is_refused_and_kept(family, family_client) -> None:
    child = ChildFactory(family=family)
    text = "a" * 1501
    response = family_client.post(
        reverse("families:profile", kwargs={"pk": child.pk}), {"like_and_admire": text}
    )
    page = soup_of(response)
    assert "1,500 characters or fewer" in text_of(page.select_one(".govuk-error-summary"))
    assert page.find(id="id_like_and_admire").string == text
    assert not OnePageProfile.objects.filter(child=child).exists()


def test_the_family_sees_who_can_see_a_profile_and_stops_sharing(
    family, family_client, organisation
) -> None:
    child = OnePageProfileFactory(child__family=family, child__first_name="Sam").child
    share = services.share_profile(
        child=child, organisation=organisation, by=family, purpose="Booking LO-17"
    )
    page = get(family_client, reverse("families:sharing"))
    row = page.select_one(".app-share")
    assert "Sam" in text_of(row) and organisation.title in text_of(row)
    assert "Booking LO-17" in text_of(row) and "Not yet" in text_of(row)
    stop = reverse("families:withdraw_share", kwargs={"pk": share.pk})
    assert row.find("a")["href"] == stop
    page = get(family_client, stop)
    assert f"Stop sharing Sam's profile with {organisation.title}?" == text_of(page.find("h1"))
    response = family_client.post(stop)
    assert response.url == reverse("families:sharing")
    share.refresh_from_db()
    assert share.withdrawn_at is not None
    page = get(family_client, reverse("families:sharing"))
    assert "can no longer see Sam's one-page profile" in text_of(page)
    assert "Stopped" in text_of(page.select_one(".app-share"))
    # Stopping again changes nothing and says so.
    response = family_client.post(stop)
    assert response.status_code == 302
    assert "already stopped" in text_of(get(family_client, response.url))


def test_the_pages_work_at_any_id_range(family_client) -> None:
    assert family_client.get("/account/children/99999999999999999999/").status_code == 404
    assert family_client.get("/account/children/9223372036854775807/").status_code == 404


def test_an_organisation_outside_the_directory_still_lists(family, family_client) -> None:
    organisation = OrganisationPageFactory(verified=True, title="Riverside Autism Support")
    child = ChildFactory(family=family)
    services.share_profile(child=child, organisation=organisation, by=family)
    page = get(family_client, reverse("families:child", kwargs={"pk": child.pk}))
    assert "Riverside Autism Support" in text_of(page.select_one(".app-share"))
