"""The budget questionnaire's pages in the admin, by address: site administrators see the
versions, change a draft, publish it or delete it; everyone else is refused; a published
version's change addresses are refused; a form with mistakes keeps what was typed."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from pricing.allocation.enums import VersionStatus
from pricing.allocation.models import (
    AgeAdjustment,
    Descriptor,
    Domain,
    FundingBand,
    Question,
    QuestionnaireVersion,
)
from pricing.allocation.services.questionnaire import new_draft
from tests.html import soup_of, text_of

pytestmark = pytest.mark.django_db

INDEX = reverse("questionnaire_admin:index")


def version_url(version) -> str:
    return reverse("questionnaire_admin:version", args=[version.number])


def change_urls(version) -> list[str]:
    """Every address that changes the version or one of its parts."""
    domain = version.domains.first()
    question = domain.questions.first()
    parts = [
        ("domains", domain),
        ("questions", question),
        ("descriptors", question.descriptors.first()),
        ("ages", version.age_adjustments.first()),
        ("bands", version.bands.first()),
    ]
    n = version.number
    urls = [
        reverse("questionnaire_admin:publish", args=[n]),
        reverse("questionnaire_admin:delete", args=[n]),
        reverse("questionnaire_admin:add", args=[n, "domains"]),
        reverse("questionnaire_admin:add", args=[n, "ages"]),
        reverse("questionnaire_admin:add", args=[n, "bands"]),
        reverse("questionnaire_admin:add_to", args=[n, "questions", domain.pk]),
        reverse("questionnaire_admin:add_to", args=[n, "descriptors", question.pk]),
    ]
    for kind, part in parts:
        urls.append(reverse("questionnaire_admin:edit", args=[n, kind, part.pk]))
        urls.append(reverse("questionnaire_admin:delete_part", args=[n, kind, part.pk]))
    return urls


@pytest.fixture
def draft(questionnaire, users_by_role):
    return new_draft(questionnaire.council, by=users_by_role["superuser"])


def refused(response) -> bool:
    """Wagtail refuses a member of staff with 403, or by sending them back to the dashboard
    with a message (as it does for its own views)."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code == 403


def errors_of(response) -> list[str]:
    assert response.status_code == 200, response.status_code
    summary = soup_of(response).find("div", role="alert")
    return [text_of(a) for a in summary.find_all("a")] if summary else []


def value_of(response, name: str) -> str:
    field = soup_of(response).find(attrs={"name": name})
    return field.get_text().strip() if field.name == "textarea" else field.get("value", "")


def test_the_administrator_sees_the_versions_and_each_whole(draft, questionnaire, client_for):
    client = client_for("superuser")
    page = text_of(soup_of(client.get(INDEX)))
    assert "Version 2 Draft Not yet" in page
    assert "Version 1 Published" in page
    shown = soup_of(client.get(version_url(questionnaire)))
    words = text_of(shown)
    assert "Social and emotional wellbeing" in words
    assert "Counts towards: Education (high needs) 50%, Social care 50%." in words
    assert "Social and emotional wellbeing 1: answer scoring 6 6 High need" in words
    assert "5 to 10 80%" in words
    assert "Band C 10 to under 15 £2,500" in words
    assert "Band C 6 and above £2,000" in words
    # A published version offers nothing to change.
    assert "Change" not in words and "Publish" not in words.replace("Published", "")
    draft_page = soup_of(client.get(version_url(draft)))
    hrefs = {a["href"] for a in draft_page.find_all("a", href=True)}
    assert set(change_urls(draft)) <= hrefs


@pytest.mark.parametrize("role", ["coordinator", "panel_member", "finance_officer", "provider"])
def test_other_staff_and_providers_are_refused(draft, questionnaire, client_for, role):
    client = client_for(role)
    before = QuestionnaireVersion.objects.count(), Domain.objects.count()
    urls = [INDEX, reverse("questionnaire_admin:new_draft"), version_url(questionnaire)]
    for url in urls + change_urls(draft):
        assert refused(client.get(url)), url
        assert refused(client.post(url, {"name": "X"})), url
    assert (QuestionnaireVersion.objects.count(), Domain.objects.count()) == before
    assert "Budget questionnaire" not in client.get("/admin/").content.decode()


@pytest.mark.parametrize("role", ["family", None])
def test_families_and_strangers_are_sent_to_sign_in(draft, client_for, role):
    client = client_for(role)
    for url in [INDEX, version_url(draft), *change_urls(draft)]:
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url
        assert client.post(url, {}).status_code == 302, url
    assert draft.domains.count() == 5


def test_the_menu_item_is_for_site_administrators(home, client_for):
    content = client_for("superuser").get("/admin/").content.decode()
    assert "Budget questionnaire" in content and INDEX in content


def test_a_published_versions_change_addresses_are_refused(questionnaire, client_for):
    client = client_for("superuser")
    for url in change_urls(questionnaire):
        assert refused(client.get(url)), url
        assert refused(client.post(url, {"name": "X", "text": "Y"})), url
    assert questionnaire.domains.count() == 5
    assert QuestionnaireVersion.objects.get(pk=questionnaire.pk).status == VersionStatus.PUBLISHED


def test_the_administrator_changes_a_draft(draft, client_for):
    client = client_for("superuser")
    n = draft.number
    domain = draft.domains.get(name="Family and carers")
    response = client.post(
        reverse("questionnaire_admin:edit", args=[n, "domains", domain.pk]),
        {
            "name": "Family and carers' support",
            "description": "How the family is managing",
            "education_share": "0",
            "social_care_share": "50",
            "health_share": "50",
            "position": "4",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == f"{version_url(draft)}#domain-{domain.pk}"
    domain.refresh_from_db()
    assert (domain.name, domain.health_share) == ("Family and carers' support", 50)

    question = domain.questions.first()
    response = client.post(
        reverse("questionnaire_admin:add_to", args=[n, "descriptors", question.pk]),
        {"text": "We cannot carry on", "score": "8", "need_level": "very_high", "position": "9"},
    )
    assert response.status_code == 302
    assert question.descriptors.filter(score=8, need_level="very_high").exists()

    response = client.post(
        reverse("questionnaire_admin:add", args=[n, "bands"]),
        {"stream": "health", "name": "Band D", "from_points": "9", "amount": "3500"},
    )
    assert response.status_code == 302
    assert draft.bands.filter(stream="health", name="Band D").exists()

    age = draft.age_adjustments.get(from_age=0)
    response = client.post(reverse("questionnaire_admin:delete_part", args=[n, "ages", age.pk]), {})
    assert response.status_code == 302
    assert not AgeAdjustment.objects.filter(pk=age.pk).exists()
    assert (
        ModelLogEntry.objects.filter(
            action="pricing.allocation_questionnaire_changed", object_id=str(draft.pk)
        ).count()
        == 4
    )
    # Without ages 0 to 4 it cannot be published, and the page says why.
    page = text_of(soup_of(client.get(reverse("questionnaire_admin:publish", args=[n]))))
    assert "No age adjustment covers age 0, 1, 2, 3 and 4" in page
    response = client.post(reverse("questionnaire_admin:publish", args=[n]), {})
    assert errors_of(response) == [
        "No age adjustment covers age 0, 1, 2, 3 and 4: cover every age 0 to 25."
    ]
    draft.refresh_from_db()
    assert draft.status == VersionStatus.DRAFT


def test_the_administrator_publishes_and_deletes_drafts(draft, client_for):
    client = client_for("superuser")
    response = client.post(reverse("questionnaire_admin:publish", args=[draft.number]), {})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == VersionStatus.PUBLISHED
    assert "Version 3 Draft" not in text_of(soup_of(client.get(INDEX)))
    response = client.post(reverse("questionnaire_admin:new_draft"), {})
    assert response.status_code == 302
    third = QuestionnaireVersion.objects.get(number=3)
    assert response["Location"] == version_url(third)
    assert third.domains.count() == 5
    again = client.post(reverse("questionnaire_admin:new_draft"), {})
    assert errors_of(again) == [
        "There is already a draft version: change it, publish it or delete it first."
    ]
    response = client.post(reverse("questionnaire_admin:delete", args=[3]), {})
    assert response.status_code == 302
    assert not QuestionnaireVersion.objects.filter(number=3).exists()


def test_form_mistakes_keep_what_was_typed(draft, client_for):
    client = client_for("superuser")
    n = draft.number
    response = client.post(
        reverse("questionnaire_admin:add", args=[n, "domains"]),
        {
            "name": "Keeping safe",
            "description": "Danger at home and out",
            "education_share": "50",
            "social_care_share": "40",
            "health_share": "",
            "position": "6",
        },
    )
    assert errors_of(response) == ["Enter a whole number."] or errors_of(response) == [
        "This field is required."
    ]
    assert value_of(response, "name") == "Keeping safe"
    assert value_of(response, "social_care_share") == "40"
    response = client.post(
        reverse("questionnaire_admin:add", args=[n, "domains"]),
        {
            "name": "Keeping safe",
            "description": "",
            "education_share": "50",
            "social_care_share": "40",
            "health_share": "0",
            "position": "6",
        },
    )
    assert errors_of(response) == ["The shares add up to 90%: they must add up to 100%."]
    assert value_of(response, "name") == "Keeping safe"

    response = client.post(
        reverse("questionnaire_admin:add", args=[n, "ages"]),
        {"from_age": "12", "to_age": "9", "percent": "250"},
    )
    assert errors_of(response) == [
        "Enter a 'to' age the same as or after the 'from' age.",
        "Ensure this value is less than or equal to 200.",
    ]
    assert value_of(response, "percent") == "250"

    response = client.post(
        reverse("questionnaire_admin:add", args=[n, "bands"]),
        {"stream": "education", "name": "Band X", "from_points": "5", "amount": "1200"},
    )
    assert errors_of(response) == ["Another band of this stream starts at these points."]
    assert value_of(response, "name") == "Band X"

    question = Question.objects.filter(domain__version=draft).first()
    response = client.post(
        reverse("questionnaire_admin:add_to", args=[n, "descriptors", question.pk]),
        {"text": "Far too much", "score": "101", "need_level": "very_high", "position": "5"},
    )
    assert errors_of(response) == ["Ensure this value is less than or equal to 100."]
    assert value_of(response, "text") == "Far too much"
    assert Domain.objects.filter(version=draft).count() == 5
    assert not FundingBand.objects.filter(name="Band X").exists()
    assert not Descriptor.objects.filter(text="Far too much").exists()


def test_a_part_of_another_version_is_not_found(draft, questionnaire, client_for):
    client = client_for("superuser")
    published_domain = questionnaire.domains.first()
    url = reverse("questionnaire_admin:edit", args=[draft.number, "domains", published_domain.pk])
    assert client.get(url).status_code == 404
    assert client.get(f"{version_url(draft)}widgets/add/").status_code == 404
