"""The permission matrix, tried by typing other people's URLs.

One organisation's people (provider A) try every screen that reads or changes another
organisation's things (provider B), a family tries every provider and staff screen, and
council staff outside moderation try the moderators' screens. Each refusal must leave
everything as it was; the screens' own tests show the people who may use them can.
"""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry, Page, PageLogEntry

from pricing.invoices.enums import DocumentKind
from pricing.invoices.services import LineInput, issue_document
from providers.enums import VatTreatment
from providers.models import Invitation
from providers.moderation.enums import SubmissionStatus
from providers.moderation.freshness.models import ListingConfirmation
from providers.moderation.models import Submission
from providers.moderation.reports.models import ListingReport
from providers.moderation.reports.services import submit_report
from providers.moderation.services import ModerationError, approve_submission, submit_for_review
from providers.organisations.access import grant_organisation_access
from providers.organisations.services import invite_member
from tests.factories import OrganisationPageFactory, ServicePageFactory, UserFactory
from tests.pricing.factories import ChildFactory
from tests.providers.moderation.support import edit_draft, make_cycle

WAGTAIL_PAGE_VIEWS = (
    "edit",
    "delete",
    "unpublish",
    "copy",
    "move",
    "preview_on_edit",
    "view_draft",
    "history",
    "add_subpage",
    "revisions_index",
)
MODERATOR_SCREENS = (
    "moderation:queue",
    "moderation:urgent",
    "moderation:waiting",
    "moderation:decisions",
    "moderation:dashboard",
    "moderation_cycles:index",
    "moderation_cycles:add",
    "organisation_verification:index",
    "stale_listings:index",
    "listing_reports:index",
)


@dataclass
class World:
    org_a: Page
    org_b: Page
    listing_b: Page
    submission_b: Submission
    invitation_b: Invitation
    member_b: object
    report_b: ListingReport
    cycle: object


@pytest.fixture
def world(organisation, service, users_by_role, django_capture_on_commit_callbacks) -> World:
    """Organisation A is the conftest's; organisation B has a listing waiting for review."""
    org_b = OrganisationPageFactory(
        parent=organisation.get_parent(), title="Riverside Autism Support", verified=True
    )
    listing_b = ServicePageFactory(parent=org_b, title="Social skills group")
    admin_b = UserFactory(email="admin@riverside.example.org")
    member_b = UserFactory(email="member@riverside.example.org")
    grant_organisation_access(organisation=org_b, user=admin_b, admin=True)
    grant_organisation_access(organisation=org_b, user=member_b, admin=False)
    cycle = make_cycle(users_by_role["moderator"])
    edit_draft(listing_b, admin_b, summary="A changed summary from Riverside.")
    with django_capture_on_commit_callbacks(execute=True):
        submission_b = submit_for_review(page=listing_b, user=admin_b)
        invitation_b = invite_member(
            organisation=org_b, email="new@riverside.example.org", role="member", user=admin_b
        )
        report_b = submit_report(page=listing_b, kind="wrong_details", details="Wrong phone.")
    return World(
        org_a=organisation,
        org_b=org_b,
        listing_b=listing_b,
        submission_b=submission_b,
        invitation_b=invitation_b,
        member_b=member_b,
        report_b=report_b,
        cycle=cycle,
    )


def urls_of_organisation_b(world: World) -> dict[str, str]:
    """Every screen that reads or changes something of organisation B."""
    urls = {}
    for page in (world.org_b, world.listing_b):
        for name in WAGTAIL_PAGE_VIEWS:
            urls[f"{name} {page.title}"] = reverse(f"wagtailadmin_pages:{name}", args=[page.pk])
    b = world.org_b.pk
    urls |= {
        "submit B's listing": reverse("moderation:submit", args=[world.listing_b.pk]),
        "review B's submission": reverse("moderation:review", args=[world.submission_b.pk]),
        "mark B's submission urgent": reverse(
            "moderation:mark_urgent", args=[world.submission_b.pk]
        ),
        "B's team": reverse("organisation_team:team", args=[b]),
        "ask to check B again": reverse("organisation_team:check_again", args=[b]),
        "resend B's invitation": reverse(
            "organisation_team:resend", args=[b, world.invitation_b.pk]
        ),
        "cancel B's invitation": reverse(
            "organisation_team:cancel", args=[b, world.invitation_b.pk]
        ),
        "change a role in B": reverse("organisation_team:change_role", args=[b, world.member_b.pk]),
        "remove someone from B": reverse("organisation_team:remove", args=[b, world.member_b.pk]),
        "confirm B's listing": reverse("freshness_confirm_listing", args=[world.listing_b.pk]),
        "B's report": reverse("listing_reports:inspect", args=[world.report_b.pk]),
        "resolve B's report": reverse("listing_reports:edit", args=[world.report_b.pk]),
        "B's registration": reverse("organisations:registered", args=[b]),
        "verify B": reverse("organisation_verification:detail", args=[b]),
    }
    return urls


def is_refused(response, url: str) -> bool:
    """Refused: forbidden, not found, wrong method, or sent away (to sign in, the dashboard)."""
    if response.status_code in (403, 404, 405):
        return True
    return response.status_code == 302 and not response["Location"].startswith(url)


def snapshot(world: World) -> dict:
    """What a refused request must not change."""
    listing = Page.objects.get(pk=world.listing_b.pk)
    world.submission_b.refresh_from_db()
    world.invitation_b.refresh_from_db()
    world.report_b.refresh_from_db()
    return {
        "listing": (listing.title, listing.live, listing.latest_revision_id, listing.locked),
        "org pages": Page.objects.descendant_of(world.org_b, inclusive=True).count(),
        "submission": world.submission_b.status,
        "invitation": (world.invitation_b.status, world.invitation_b.token_hash),
        "report": world.report_b.status,
        "team": sorted(world.member_b.groups.values_list("name", flat=True)),
        "pages": Page.objects.count(),
        "confirmations": ListingConfirmation.objects.count(),
        # Every service writes an audit entry, so this catches any change made.
        "audit entries": PageLogEntry.objects.count() + ModelLogEntry.objects.count(),
    }


POST_DATA = {
    "title": "Taken over",
    "action": "verify",
    "role": "admin",
    "reason": "x",
    "decision": "approve",
    "decision-approve": "approve",
    "note": "x",
    "resolution": "x",
    "status": "resolved",
}


@pytest.mark.parametrize("role", ["provider", "provider_admin", "family"])
def test_nobody_outside_organisation_b_can_see_or_change_its_things(world, client_for, role):
    client = client_for(role)
    before = snapshot(world)
    for what, url in urls_of_organisation_b(world).items():
        response = client.get(url)
        assert is_refused(response, url), f"{role} could open {what} ({url})"
        response = client.post(url, POST_DATA)
        assert is_refused(response, url), f"{role} could post to {what} ({url})"
    assert snapshot(world) == before


@pytest.mark.parametrize(
    "role",
    ["anonymous", "family", "provider", "provider_admin", "content_editor", "finance_officer"],
)
def test_only_moderators_reach_the_moderators_screens(world, client_for, role):
    client = client_for(None if role == "anonymous" else role)
    for name in MODERATOR_SCREENS:
        url = reverse(name)
        assert is_refused(client.get(url), url), f"{role} could open {name}"
    moderator = client_for("moderator")
    for name in MODERATOR_SCREENS:
        assert moderator.get(reverse(name)).status_code == 200, name


@pytest.mark.parametrize("role", ["anonymous", "family"])
def test_a_family_reaches_no_provider_or_staff_screen(world, client_for, role):
    client = client_for(None if role == "anonymous" else role)
    a = world.org_a.pk
    urls = [
        "/admin/",
        "/admin/pages/",
        "/admin/images/",
        reverse("organisation_team:index"),
        reverse("organisation_team:team", args=[a]),
        reverse("wagtailadmin_pages:edit", args=[a]),
    ]
    for url in urls:
        assert is_refused(client.get(url), url), f"{role} could open {url}"


def test_a_provider_cannot_approve_its_own_submission(world, client_for, users_by_role, service):
    provider = users_by_role["provider_admin"]
    edit_draft(service, provider, summary="Our own change.")
    submission = submit_for_review(page=service, user=provider)
    url = reverse("moderation:review", args=[submission.pk])
    response = client_for("provider_admin").post(
        url, {"decision": "approve", "decision-approve": "approve"}
    )
    assert is_refused(response, url)
    # Even a moderator who belongs to the organisation may not decide on its listings.
    moderator = users_by_role["moderator"]
    grant_organisation_access(organisation=world.org_a, user=moderator, admin=False)
    with pytest.raises(ModerationError):
        approve_submission(submission=submission, user=moderator)
    submission.refresh_from_db()
    assert submission.status == SubmissionStatus.IN_REVIEW
    service.refresh_from_db()
    assert service.summary != "Our own change."


def test_an_unverified_organisation_cannot_publish(world, users_by_role, organisation_index):
    pending = OrganisationPageFactory(parent=organisation_index, title="New Group", verified=False)
    listing = ServicePageFactory(parent=pending, title="Drop-in", draft=True)
    person = UserFactory(email="lead@newgroup.example.org")
    grant_organisation_access(organisation=pending, user=person, admin=True)
    edit_draft(listing, person, summary="Drop-in on Fridays.")
    submission = submit_for_review(page=listing, user=person)
    with pytest.raises(ModerationError):
        approve_submission(submission=submission, user=users_by_role["moderator"])
    listing.refresh_from_db()
    assert not listing.live
    # Nor through the editor's publish button: providers never hold "publish".
    client = Client()
    client.force_login(person)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[listing.pk]),
        {"title": "Drop-in", "action-publish": "action-publish"},
    )
    listing.refresh_from_db()
    assert not listing.live
    assert response.status_code in (200, 302, 403)


@pytest.mark.wagtail_indexes
def test_a_provider_never_sees_other_organisations_unpublished_pages(world, client_for):
    """The admin's page chooser, page search and reports list pages of the whole site."""
    pending = OrganisationPageFactory(
        parent=world.org_b.get_parent(), title="Harbour Lane Theatre", draft=True
    )
    ServicePageFactory(parent=pending, title="Drama for teenagers", draft=True)
    client = client_for("provider_admin")
    index = world.org_b.get_parent().pk
    for url in (
        "/admin/choose-page/search/?q=Harbour",
        "/admin/choose-page/search/?q=Drama",
        f"/admin/choose-page/{index}/",
        "/admin/pages/search/?q=Harbour",
        "/admin/reports/site-history/",
        "/admin/reports/aging-pages/",
    ):
        response = client.get(url)
        text = response.content.decode()
        assert "Harbour Lane Theatre" not in text and "Drama for teenagers" not in text, url
    # Published pages of other organisations can still be linked to, as anyone can read them.
    assert "Riverside Autism Support" in client.get(f"/admin/choose-page/{index}/").content.decode()
    # Its own drafts stay choosable.
    assert (
        "Saturday sensory club"
        in client.get("/admin/choose-page/search/?q=Saturday").content.decode()
    )
    for url in ("/admin/reports/page-types-usage/", "/admin/reports/page-types-usage/results/"):
        assert client.get(url).status_code == 403, url
    assert client_for("content_editor").get("/admin/reports/page-types-usage/").status_code == 200


def _invoice_for(organisation, customer, child, reference: str):
    """An invoice made out to `customer`, issued through the invoicing service."""
    return issue_document(
        kind=DocumentKind.INVOICE,
        organisation=organisation,
        customer=customer,
        lines=[LineInput("Sessions", Decimal("1"), Decimal("30.00"), VatTreatment.EXEMPT)],
        source_key=f"matrix:{reference}",
        now=timezone.now(),
        child=child,
        booking_reference=reference,
    )


@pytest.mark.parametrize("role", ["anonymous", "family", "provider_admin"])
def test_nobody_reaches_another_familys_documents(organisation, users_by_role, client_for, role):
    """A family's invoices, receipts and their PDFs are for that family (and the provider's
    own team): typing another family's document id or child id finds nothing."""
    mine = _invoice_for(
        organisation,
        users_by_role["family"],
        ChildFactory(family=users_by_role["family"], first_name="Amira"),
        "NB-MINE01",
    )
    other_child = ChildFactory(first_name="Ben")
    theirs = _invoice_for(organisation, other_child.family, other_child, "NB-THEIRS")
    org_b = OrganisationPageFactory(parent=organisation.get_parent(), title="Riverside")
    elsewhere = _invoice_for(org_b, other_child.family, other_child, "NB-ELSEWH")
    client = client_for(None if role == "anonymous" else role)
    # Organisation A's team may read A's invoices (`may_read`), never another provider's.
    others = [elsewhere] if role == "provider_admin" else [theirs, elsewhere]
    for document in others:
        url = reverse("invoices:pdf", args=[document.pk])
        response = client.get(url)
        if role == "anonymous":
            assert is_refused(response, url), f"{role} could open {url}"
        else:
            assert response.status_code == 404, f"{role} could open {document}"
    if role == "family":
        assert client.get(reverse("invoices:pdf", args=[mine.pk])).status_code == 200
        listed = client.get(reverse("documents:list")).content.decode()
        assert mine.number in listed and "NB-THEIRS" not in listed
        response = client.get(reverse("documents:list"), {"child": other_child.pk})
        assert "NB-THEIRS" not in response.content.decode()
        response = client.get(reverse("documents:zip"), {"child": other_child.pk})
        assert response.status_code == 302  # back to the list, which says "Select a child"
