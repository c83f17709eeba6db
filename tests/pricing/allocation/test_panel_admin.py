# ruff: noqa: F811  (the fixtures imported from panel_setup are the arguments of the tests)
"""The panel's screens by address, and who may open them: panel members see the cases at
panel and decide the streams they hold a seat for; coordinators without the panel role,
finance officers, providers and families are refused; only site administrators manage
the seats."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse

from pricing.allocation.enums import AssessmentStatus
from pricing.allocation.models import PanelMember, StreamDecision
from tests.html import soup_of
from tests.pricing.allocation.panel_setup import (
    case,  # noqa: F401 (fixture)
    officer,  # noqa: F401 (fixture)
    seat,
)

pytestmark = pytest.mark.django_db


def case_urls(case) -> list[str]:
    return [
        reverse("panel_admin:index"),
        reverse("panel_admin:decided"),
        reverse("panel_admin:figures"),
        reverse("panel_admin:case", args=[case.reference]),
    ]


def seat_urls(panel_member, council) -> list[str]:
    existing = seat(panel_member, council, "health", "500")
    return [
        reverse("panel_admin:seats"),
        reverse("panel_admin:seat_new"),
        reverse("panel_admin:seat_edit", args=[existing.pk]),
    ]


def test_a_panel_member_sees_the_case_and_decides_their_stream(
    case, panel_member, council, client_for
):
    seat(panel_member, council, "education", "2000")
    client = client_for("panel_member")
    listing = client.get(reverse("panel_admin:index"))
    assert case.reference in listing.content.decode()
    page = client.get(reverse("panel_admin:case", args=[case.reference]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Your delegated limit for this stream: £2,000" in text
    assert "Band B" in text and "£1,800" in text
    forms = soup_of(page).select("form input[name=stream]")
    assert [f["value"] for f in forms] == ["education"]  # only the seat they hold

    url = reverse("panel_admin:case", args=[case.reference])
    refused = client.post(
        url,
        {
            "stream": "education",
            "education-final_amount": "2500",
            "education-held_as": "direct_payment",
            "education-reason": "More",
        },
    )
    assert refused.status_code == 200
    summary = soup_of(refused).select_one(".help-critical")
    assert "a panel member with a higher limit must decide it" in summary.get_text()
    assert soup_of(refused).select_one("#id_education-final_amount")["value"] == "2500"
    missing = client.post(
        url,
        {
            "stream": "education",
            "education-final_amount": "1800",
            "education-held_as": "direct_payment",
        },
    )
    assert "Say why the amount differs" in soup_of(missing).select_one(".help-critical").get_text()
    done = client.post(
        url,
        {
            "stream": "education",
            "education-final_amount": "1800",
            "education-held_as": "direct_payment",
            "education-reason": "Costed support",
        },
    )
    assert done.status_code == 302
    decision = StreamDecision.objects.get(assessment=case)
    assert (decision.final_amount, decision.reason) == (Decimal("1800.00"), "Costed support")
    again = client.get(url).content.decode()
    assert "£1,800 agreed" in again and "Costed support" in again


def test_a_member_cannot_post_a_stream_they_hold_no_seat_for(
    case, panel_member, council, client_for
):
    seat(panel_member, council, "education", "2000")
    response = client_for("panel_member").post(
        reverse("panel_admin:case", args=[case.reference]),
        {"stream": "health", "health-final_amount": "0"},
    )
    assert "do not hold a seat" in response.content.decode()
    assert not StreamDecision.objects.exists()


def test_cases_not_at_panel_are_not_found(case, client_for):
    case.status = AssessmentStatus.COMPLETED
    case.save(update_fields=["status"])
    url = reverse("panel_admin:case", args=[case.reference])
    assert client_for("panel_member").get(url).status_code == 404


@pytest.mark.parametrize("role", ["coordinator", "finance_officer", "provider", "content_editor"])
def test_others_in_the_admin_are_refused(case, panel_member, council, client_for, role):
    client = client_for(role)
    for url in case_urls(case) + seat_urls(panel_member, council):
        assert client.get(url).status_code in (302, 403), url
        assert client.post(url, {"stream": "education"}).status_code in (302, 403), url
    assert not StreamDecision.objects.exists()


@pytest.mark.parametrize("role", ["family", None])
def test_families_and_strangers_are_sent_to_sign_in(case, panel_member, council, client_for, role):
    client = client_for(role)
    for url in case_urls(case) + seat_urls(panel_member, council):
        response = client.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"], url


def test_only_administrators_manage_seats(case, panel_member, council, client_for):
    urls = seat_urls(panel_member, council)
    for url in urls:
        # Wagtail sends someone refused back to the dashboard with a message.
        assert client_for("panel_member").get(url).status_code in (302, 403), url
        assert client_for("superuser").get(url).status_code == 200, url
    admin = client_for("superuser")
    added = admin.post(
        reverse("panel_admin:seat_new"),
        {"user": panel_member.pk, "stream": "education", "limit": "10000", "active": "on"},
    )
    assert added.status_code == 302
    assert PanelMember.objects.get(user=panel_member, stream="education").limit == Decimal("10000")
    twice = admin.post(
        reverse("panel_admin:seat_new"),
        {"user": panel_member.pk, "stream": "education", "limit": "1", "active": "on"},
    )
    assert "already has a seat" in twice.content.decode()
    health = PanelMember.objects.get(user=panel_member, stream="health")
    ended = admin.post(reverse("panel_admin:seat_edit", args=[health.pk]), {"limit": "750"})
    assert ended.status_code == 302
    health.refresh_from_db()
    assert (health.limit, health.active) == (Decimal("750.00"), False)


def test_the_menu_shows_the_panel_to_panel_members_only(client_for, case):
    assert "Resource panel" in client_for("panel_member").get("/admin/").content.decode()
    assert "Resource panel" not in client_for("finance_officer").get("/admin/").content.decode()
