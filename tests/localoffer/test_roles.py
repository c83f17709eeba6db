"""Least privilege in the admin, tried the way an attacker would: by typing URLs.

Each role gets exactly what it needs (localoffer/roles.py): families nothing, content
editors the statutory pages but not the directory, moderators the directory (editing, not
publishing: they publish by approving submissions) and the taxonomies but not the
statutory pages, providers their own organisation without publishing, finance officers
the dashboard only.
"""

import datetime as dt
import io

import pytest
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image as PILImage
from wagtail.images import get_image_model
from wagtail.models import Collection, GroupPagePermission, Page
from wagtail.permissions import policy_registry
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from localoffer.models import HomePage
from localoffer.roles import CONTENT_EDITORS, FINANCE_OFFICERS, MODERATORS, ensure_roles
from providers.models import Need, OrganisationIndexPage, ServicePage
from providers.organisations.access import organisation_collection, provider_group
from tests.admin_forms import form_data
from tests.factories import (
    InformationPageFactory,
    OrganisationPageFactory,
    SectionPageFactory,
    ServicePageFactory,
    UserFactory,
    site_roles,
)

# Wagtail sends people without admin access to the site's sign-in page (allauth), where
# council staff also give their two-factor code.
ADMIN_LOGIN = "/account/login/"


def submit_edit_form(client, page, *, publish: bool = False, **changes):
    """Open a page's edit form, change some fields, and save it as a draft or publish.

    StreamFields are drawn by JavaScript, so a page with a `body` gets one paragraph.
    """
    url = reverse("wagtailadmin_pages:edit", args=[page.pk])
    response = client.get(url)
    assert response.status_code == 200
    data = form_data(response)
    if hasattr(page, "body"):
        body = streamfield([("rich_text", rich_text("<p>What families need to know.</p>"))])
        data.update({k: [v] for k, v in nested_form_data({"body": body}).items()})
    data.update({name: [value] for name, value in changes.items()})
    if publish:
        data["action-publish"] = ["action-publish"]
    return client.post(url, data)


def is_refused(response) -> bool:
    """Wagtail refuses an admin action with a 403 or a redirect to the dashboard/login."""
    if response.status_code == 403:
        return True
    return response.status_code == 302 and (
        response["Location"] == "/admin/" or response["Location"].startswith(ADMIN_LOGIN)
    )


def page_urls(page) -> dict[str, str]:
    """Every admin URL that reads or changes a page."""
    names = [
        "edit",
        "delete",
        "unpublish",
        "copy",
        "move",
        "preview_on_edit",
        "view_draft",
        "history",
        "add_subpage",
    ]
    urls = {name: reverse(f"wagtailadmin_pages:{name}", args=[page.pk]) for name in names}
    return urls


@pytest.fixture
def tree(home, organisation, service):
    """Statutory pages, and two providers each with a service (A has a draft too)."""
    section = SectionPageFactory(parent=home, title="Education")
    other_org = OrganisationPageFactory(
        parent=organisation.get_parent(), title="Riverside Autism Support", verified=True
    )
    return {
        "section": section,
        "information": InformationPageFactory(parent=section, title="Early years"),
        "org_a": organisation,
        "service_a": service,
        "draft_a": ServicePageFactory(parent=organisation, title="Holiday club", draft=True),
        "org_b": other_org,
        "service_b": ServicePageFactory(parent=other_org, title="Social skills group"),
    }


def refresh(page):
    return Page.objects.get(pk=page.pk).specific


# --- the groups themselves ----------------------------------------------------------------


def test_the_migration_created_the_staff_groups_without_root_page_rights(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {CONTENT_EDITORS, MODERATORS, FINANCE_OFFICERS} <= names
    # Wagtail's own "Editors" group (add/change on every page) is gone, and its
    # "Moderators" group no longer holds rights on the root page (i.e. on every page).
    assert "Editors" not in names
    assert not GroupPagePermission.objects.filter(page__depth=1).exists()


def test_model_permissions_of_each_role(db):
    def codenames(name):
        group = Group.objects.get(name=name)
        return {f"{p.content_type.app_label}.{p.codename}" for p in group.permissions.all()}

    assert codenames(CONTENT_EDITORS) == {
        "wagtailadmin.access_admin",
        "localoffer.change_sitesettings",
        "localoffer.view_feedback",
        "localoffer.change_feedback",
        "search.add_synonym",
        "search.change_synonym",
        "search.delete_synonym",
        "search.view_synonym",
        "pricing.add_termdates",
        "pricing.change_termdates",
        "pricing.delete_termdates",
        "pricing.view_termdates",
    }
    assert codenames(FINANCE_OFFICERS) == {"wagtailadmin.access_admin"}
    moderator = codenames(MODERATORS)
    assert "localoffer.change_sitesettings" not in moderator
    assert {
        "providers.add_category",
        "providers.delete_need",
        "localoffer.view_feedback",
        "search.change_synonym",
    } <= moderator


def test_ensure_roles_grants_pages_and_is_idempotent(tree):
    site_roles()
    before = sorted(
        GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")
    )
    ensure_roles(
        home_pages=HomePage.objects.all(), directory_roots=OrganisationIndexPage.objects.all()
    )
    after = sorted(
        GroupPagePermission.objects.values_list("group__name", "page_id", "permission__codename")
    )
    assert before == after
    editors = {(p, c) for g, p, c in after if g == CONTENT_EDITORS}
    home_id = tree["section"].get_parent().pk
    index_id = tree["org_a"].get_parent().pk
    assert editors == {
        (home_id, f"{action}_page") for action in ("add", "change", "publish", "lock", "unlock")
    }
    moderators = {(p, c) for g, p, c in after if g == MODERATORS}
    # No "publish": listings are published by approving a submission (moderation services).
    assert moderators == {
        (index_id, f"{action}_page") for action in ("add", "change", "lock", "unlock")
    }
    assert not any(g == FINANCE_OFFICERS for g, p, c in after)


def test_ensure_roles_removes_rights_added_by_hand(tree):
    groups = site_roles()
    GroupPagePermission.objects.create(
        group=groups[FINANCE_OFFICERS], page=tree["section"], permission_type="change"
    )
    site_roles()
    assert not GroupPagePermission.objects.filter(group=groups[FINANCE_OFFICERS]).exists()


def test_provider_groups_are_per_organisation(users_by_role, tree):
    member = provider_group(tree["org_a"])
    admin = provider_group(tree["org_a"], admin=True)
    assert member.name == "Provider: Northbridge Play Club"
    assert admin.name == "Provider admins: Northbridge Play Club"
    assert set(
        GroupPagePermission.objects.filter(group=member).values_list(
            "page_id", "permission__codename"
        )
    ) == {(tree["org_a"].pk, "add_page"), (tree["org_a"].pk, "change_page")}
    assert set(users_by_role["provider"].groups.all()) == {member}
    assert set(users_by_role["provider_admin"].groups.all()) == {member, admin}


def test_granting_and_revoking_access_is_audited(users_by_role, tree):
    from wagtail.models import PageLogEntry

    from providers.organisations.access import grant_organisation_access, revoke_organisation_access

    moderator = users_by_role["moderator"]
    newcomer = UserFactory(email="volunteer@riverside.example.org")
    grant_organisation_access(
        organisation=tree["org_b"], user=newcomer, admin=False, granted_by=moderator
    )
    assert tree["org_b"].permissions_for_user(newcomer).can_edit()
    assert not tree["org_a"].permissions_for_user(newcomer).can_edit()
    revoke_organisation_access(organisation=tree["org_b"], user=newcomer, revoked_by=moderator)
    newcomer = type(newcomer).objects.get(pk=newcomer.pk)  # drop the permission cache
    assert not tree["org_b"].permissions_for_user(newcomer).can_edit()
    entries = PageLogEntry.objects.filter(page=tree["org_b"]).order_by("timestamp", "pk")
    assert [
        (entry.action, entry.user, entry.data["email"])
        for entry in entries
        if entry.action.startswith("providers.")
    ] == [
        ("providers.grant_access", moderator, "volunteer@riverside.example.org"),
        ("providers.revoke_access", moderator, "volunteer@riverside.example.org"),
    ]


def test_provider_media_goes_in_their_own_collection(users_by_role, tree):
    collection = organisation_collection(tree["org_a"])
    assert collection.get_parent().name == "Providers"
    assert collection.name == "Northbridge Play Club"
    provider = users_by_role["provider"]
    image_permission_policy = policy_registry.get_by_type(get_image_model())
    assert list(image_permission_policy.collections_user_has_permission_for(provider, "add")) == [
        collection
    ]
    # Content editors upload into the root collection and so also see providers' pictures.
    editor_collections = image_permission_policy.collections_user_has_permission_for(
        users_by_role["content_editor"], "add"
    )
    assert set(editor_collections) == set(Collection.objects.all())


def test_directory_rule_holds_for_plain_page_objects(users_by_role, tree):
    """Wagtail's copy, move and bulk views ask a plain Page; the rule must still apply."""
    plain_service = Page.objects.get(pk=tree["service_a"].pk)
    assert type(plain_service) is Page
    assert not plain_service.permissions_for_user(users_by_role["content_editor"]).can_edit()
    moderator = plain_service.permissions_for_user(users_by_role["moderator"])
    assert moderator.can_edit() and not moderator.can_publish()
    plain_information = Page.objects.get(pk=tree["information"].pk)
    assert plain_information.permissions_for_user(users_by_role["content_editor"]).can_edit()


# --- anonymous people and families --------------------------------------------------------


@pytest.mark.parametrize("role", [None, "family"])
def test_no_admin_without_a_staff_or_provider_role(client_for, tree, role):
    client = client_for(role)
    urls = [
        "/admin/",
        "/admin/pages/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/providers/category/",
        reverse("wagtailsettings:edit", args=["localoffer", "sitesettings", 1]),
        *page_urls(tree["information"]).values(),
        *page_urls(tree["service_a"]).values(),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(f"{ADMIN_LOGIN}?next="), url


def test_a_family_cannot_post_to_the_admin(client_for, tree):
    response = submit_edit_form_as_family = client_for("family").post(
        reverse("wagtailadmin_pages:edit", args=[tree["information"].pk]),
        {"title": "Hacked", "action-publish": "action-publish"},
    )
    assert is_refused(submit_edit_form_as_family)
    assert response["Location"].startswith(ADMIN_LOGIN)
    assert refresh(tree["information"]).title == "Early years"


# --- content editors ----------------------------------------------------------------------


def test_content_editor_edits_and_publishes_an_information_page(client_for, tree):
    client = client_for("content_editor")
    response = submit_edit_form(
        client, tree["information"], publish=True, title="Early years support"
    )
    assert response.status_code == 302, response.content[:2000]
    page = refresh(tree["information"])
    assert page.title == "Early years support"
    assert page.live and not page.has_unpublished_changes


def test_content_editor_can_add_an_information_page(client_for, tree):
    url = reverse(
        "wagtailadmin_pages:add",
        args=["localoffer", "informationpage", tree["section"].pk],
    )
    assert client_for("content_editor").get(url).status_code == 200


@pytest.mark.parametrize("which", ["org_a", "service_a", "draft_a"])
def test_content_editor_cannot_touch_the_directory(client_for, tree, which):
    client = client_for("content_editor")
    page = tree[which]
    for name, url in page_urls(page).items():
        if name == "add_subpage" and which != "org_a":
            continue  # services have no sub-pages for anyone
        assert is_refused(client.get(url)), url
    add_service = reverse(
        "wagtailadmin_pages:add", args=["providers", "servicepage", tree["org_a"].pk]
    )
    assert is_refused(client.get(add_service))
    assert is_refused(client.post(reverse("wagtailadmin_pages:delete", args=[page.pk])))
    assert Page.objects.filter(pk=page.pk).exists()


def test_content_editor_cannot_publish_a_service(client_for, tree):
    client = client_for("content_editor")
    draft = tree["draft_a"]
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[draft.pk]),
        {"title": "Changed", "action-publish": "action-publish"},
    )
    assert is_refused(response)
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{bulk}?id={draft.pk}", {})
    page = refresh(draft)
    assert not page.live
    assert page.title == "Holiday club"


def test_content_editor_manages_site_settings_but_not_taxonomies(client_for, tree):
    client = client_for("content_editor")
    settings_url = reverse("wagtailsettings:edit", args=["localoffer", "sitesettings", 1])
    assert client.get(settings_url).status_code == 200
    assert client.get("/admin/images/").status_code == 200
    assert is_refused(client.get("/admin/snippets/providers/category/"))
    assert is_refused(client.get("/admin/snippets/providers/need/add/"))


# --- moderators ---------------------------------------------------------------------------


def test_moderator_cannot_publish_through_the_editor(client_for, tree):
    """Publishing a listing is a moderation decision (approve_submission), which checks the
    organisation is verified and records the decision; the editor's Publish does neither."""
    client = client_for("moderator")
    editor = client.get(reverse("wagtailadmin_pages:edit", args=[tree["draft_a"].pk]))
    assert b'name="action-publish"' not in editor.content
    response = submit_edit_form(client, tree["draft_a"], publish=True, title="Holiday club!")
    assert response.status_code == 302, response.context["form"].errors
    page = refresh(tree["draft_a"])
    assert not page.live  # saved as a draft only
    assert page.get_latest_revision_as_object().title == "Holiday club!"
    assert is_refused(client.get(page_urls(tree["service_a"])["unpublish"]))


def test_moderator_cannot_publish_with_the_bulk_action(client_for, tree):
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client_for("moderator").post(f"{bulk}?id={tree['draft_a'].pk}", {})
    assert not refresh(tree["draft_a"]).live


def test_approving_a_submission_is_how_a_listing_is_published(users_by_role, tree):
    from providers.moderation.services import (
        approve_submission,
        open_cycle,
        schedule_cycle,
        submit_for_review,
    )

    moderator = users_by_role["moderator"]
    today = timezone.localdate()
    cycle = schedule_cycle(
        name="Spring",
        opens_on=today,
        deadline=today + dt.timedelta(days=27),
        review_by=today + dt.timedelta(days=48),
        user=moderator,
    )
    open_cycle(cycle=cycle, user=moderator)
    submission = submit_for_review(page=tree["draft_a"], user=users_by_role["provider"])
    approve_submission(submission=submission, user=moderator)
    assert refresh(tree["draft_a"]).live


def test_moderator_manages_taxonomies(client_for, tree):
    client = client_for("moderator")
    listing = client.get("/admin/snippets/providers/category/")
    assert listing.status_code == 200
    assert b"Directory taxonomies" in listing.content
    response = client.post(
        "/admin/snippets/providers/need/add/",
        {
            "name": "Tourette syndrome",
            "slug": "tourette-syndrome",
            "description": "",
            "synonyms": "tics",
        },
    )
    assert response.status_code == 302
    assert Need.objects.get(slug="tourette-syndrome").synonyms == "tics"
    search = client.get("/admin/snippets/providers/need/", {"q": "tourette"})
    assert b"Tourette syndrome" in search.content


def test_moderator_cannot_edit_statutory_pages_or_settings(client_for, tree):
    client = client_for("moderator")
    for name, url in page_urls(tree["information"]).items():
        if name != "add_subpage":
            assert is_refused(client.get(url)), url
    assert is_refused(client.get(page_urls(tree["section"])["add_subpage"]))
    settings_url = reverse("wagtailsettings:edit", args=["localoffer", "sitesettings", 1])
    assert is_refused(client.get(settings_url))


# --- providers ----------------------------------------------------------------------------


def test_provider_edits_its_own_organisation_as_a_draft(client_for, tree):
    client = client_for("provider")
    response = submit_edit_form(client, tree["org_a"], phone="01632 960 999")
    assert response.status_code == 302, response.content[:2000]
    page = refresh(tree["org_a"])
    assert page.phone == "01632 960 001"  # the live page is unchanged
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().phone == "01632 960 999"


def test_provider_cannot_publish_its_own_pages(client_for, tree):
    client = client_for("provider")
    submit_edit_form(client, tree["org_a"], publish=True, phone="01632 960 999")
    page = refresh(tree["org_a"])
    assert page.phone == "01632 960 001"
    assert page.has_unpublished_changes
    submit_edit_form(client, tree["draft_a"], publish=True)
    assert not refresh(tree["draft_a"]).live
    assert is_refused(client.get(page_urls(tree["service_a"])["unpublish"]))


def test_provider_adds_a_service_but_cannot_publish_it(client_for, tree, users_by_role):
    client = client_for("provider")
    url = reverse("wagtailadmin_pages:add", args=["providers", "servicepage", tree["org_a"].pk])
    data = form_data(client.get(url))
    category = tree["service_a"].categories.first()
    data.update(
        {
            "title": ["Sibling swim"],
            "slug": ["sibling-swim"],
            "summary": ["Swimming for brothers and sisters of disabled children."],
            "description": [rich_text("<p>Half an hour in the small pool.</p>")],
            "how_to_access": [rich_text("<p>Phone to book.</p>")],
            "categories": [str(category.pk)],
            "cost_options-0-amount": ["15"],
            "cost_options-0-unit": ["session"],
            "action-publish": ["action-publish"],
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    service = ServicePage.objects.get(slug="sibling-swim")
    assert service.get_parent().pk == tree["org_a"].pk
    assert not service.live  # saved as a draft: publishing is the moderators' decision
    assert service.owner == users_by_role["provider"]
    assert str(service.get_latest_revision_as_object().cost_options.get().price_display) == (
        "£15 per session"
    )
    assert client.get(f"/providers/{tree['org_a'].slug}/sibling-swim/").status_code == 404


def test_provider_cannot_reach_another_providers_pages(client_for, tree):
    client = client_for("provider")
    for page in (tree["org_b"], tree["service_b"]):
        for url in page_urls(page).values():
            assert is_refused(client.get(url)), url
    add_service = reverse(
        "wagtailadmin_pages:add", args=["providers", "servicepage", tree["org_b"].pk]
    )
    assert is_refused(client.get(add_service))
    bulk = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "delete"])
    client.post(f"{bulk}?id={tree['service_b'].pk}", {})
    assert ServicePage.objects.filter(pk=tree["service_b"].pk).exists()


def test_provider_cannot_touch_statutory_pages_or_taxonomies(client_for, tree):
    client = client_for("provider")
    for url in page_urls(tree["information"]).values():
        assert is_refused(client.get(url)), url
    assert is_refused(client.get("/admin/snippets/providers/category/"))
    settings_url = reverse("wagtailsettings:edit", args=["localoffer", "sitesettings", 1])
    assert is_refused(client.get(settings_url))


def test_provider_cannot_delete_a_live_service(client_for, tree):
    client = client_for("provider")
    assert is_refused(
        client.post(reverse("wagtailadmin_pages:delete", args=[tree["service_a"].pk]))
    )
    assert ServicePage.objects.filter(pk=tree["service_a"].pk).exists()


def test_only_a_provider_admin_locks_the_organisation_page(client_for, tree):
    lock = reverse("wagtailadmin_pages:lock", args=[tree["org_a"].pk])
    client_for("provider").post(lock)
    assert not refresh(tree["org_a"]).locked
    client_for("provider_admin").post(lock)
    assert refresh(tree["org_a"]).locked


def test_provider_uploads_images_only_to_its_own_collection(client_for, tree, users_by_role):
    buffer = io.BytesIO()
    PILImage.new("RGB", (20, 10), "green").save(buffer, "PNG")
    client = client_for("provider")
    own = organisation_collection(tree["org_a"])
    root = Collection.get_first_root_node()
    # Asking for the root collection does not work: the only place offered is their own.
    response = client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Our minibus",
            "file": SimpleUploadedFile("bus.png", buffer.getvalue(), "image/png"),
            "collection": root.pk,
        },
    )
    assert response.status_code == 302
    assert get_image_model().objects.get(title="Our minibus").collection == own


# --- finance officers and site administrators ---------------------------------------------


def test_finance_officer_reaches_the_dashboard_only(client_for, tree):
    client = client_for("finance_officer")
    assert client.get("/admin/").status_code == 200
    for page in (tree["information"], tree["service_a"], tree["org_a"]):
        for url in page_urls(page).values():
            assert is_refused(client.get(url)), url
    settings_url = reverse("wagtailsettings:edit", args=["localoffer", "sitesettings", 1])
    for url in ("/admin/snippets/providers/category/", "/admin/images/", settings_url):
        assert is_refused(client.get(url)), url


def test_superuser_can_edit_everything(client_for, tree):
    client = client_for("superuser")
    for page in (tree["information"], tree["org_b"], tree["service_b"]):
        assert client.get(reverse("wagtailadmin_pages:edit", args=[page.pk])).status_code == 200


@pytest.mark.django_db
def test_no_wagtail_workflow_on_statutory_pages_or_the_directory(home, organisation_index):
    """Listings are moderated in submission cycles (providers.moderation.services), not by Wagtail's
    workflow, whose "Submit for moderation" would bypass cycles and verification."""
    from wagtail.models import Workflow, WorkflowPage

    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is not None:  # as a site that ran the earlier roles would have it
        WorkflowPage.objects.update_or_create(
            page=Page.objects.get(pk=organisation_index.pk), defaults={"workflow": workflow}
        )
    site_roles()
    assert home.specific.get_workflow() is None
    assert organisation_index.get_workflow() is None
    assert not WorkflowPage.objects.filter(page__depth__lte=organisation_index.depth).exists()
