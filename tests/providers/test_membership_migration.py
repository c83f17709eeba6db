"""The membership migration turns the old provider groups into Membership rows.

Before memberships were rows, a person belonged to an organisation by being in its
"Provider: <title>" group (everyone in the team) and, for admins, also in its
"Provider admins: <title>" group, each group found by its page permission on the
organisation page. This builds that state with the migrations' historical models and
runs the migration's own function on it.

The function is run directly rather than by migrating the database back to 0006 and
forward again: that would unapply and reapply every later migration of every app that
depends on providers (half a minute per run), and the tables the function reads and
writes are the same at 0006 and now (0007 and 0008 change no columns).
"""

import importlib

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader

MIGRATION = importlib.import_module("providers.migrations.0007_membership_from_groups")


def _historical_apps():
    loader = MigrationLoader(connection)
    return loader.project_state(("providers", "0007_membership_from_groups")).apps


@pytest.mark.django_db
def test_members_of_the_old_provider_groups_become_memberships():
    apps = _historical_apps()
    Locale = apps.get_model("wagtailcore", "Locale")
    OrganisationPage = apps.get_model("providers", "OrganisationPage")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    User = apps.get_model("localoffer", "User")

    # The pages stand alone in the tree: only their rows and grants matter to the
    # migration.
    locale, _ = Locale.objects.get_or_create(language_code="en")
    org_type, _ = ContentType.objects.get_or_create(app_label="providers", model="organisationpage")

    def organisation(title: str, step: str):
        return OrganisationPage.objects.create(
            title=title,
            slug=title.lower().replace(" ", "-"),
            path=f"9999{step}",
            depth=2,
            content_type=org_type,
            locale=locale,
            organisation_type="community_group",
            description="<p>We play.</p>",
        )

    play_club = organisation("Northbridge Play Club", "0001")
    riverside = organisation("Riverside Youth", "0002")
    page_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="page")
    add_page, _ = Permission.objects.get_or_create(
        content_type=page_type, codename="add_page", defaults={"name": "Can add page"}
    )

    def provider_group(name: str, page):
        group = Group.objects.create(name=name)
        GroupPagePermission.objects.create(group=group, page_id=page.pk, permission=add_page)
        return group

    club_members = provider_group("Provider: Northbridge Play Club", play_club)
    club_admins = provider_group("Provider admins: Northbridge Play Club", play_club)
    river_members = provider_group("Provider: Riverside Youth", riverside)
    # A later group with a taken name carries the page id, as the old code named it.
    unrelated = Group.objects.create(name="Provider: of nothing")
    staff, _ = Group.objects.get_or_create(name="Moderators")

    member = User.objects.create(email="member@playclub.example.org")
    admin = User.objects.create(email="admin@playclub.example.org")
    both = User.objects.create(email="both@example.org")
    moderator = User.objects.create(email="moderator@northbridge.example")
    member.groups.add(club_members)
    admin.groups.add(club_members, club_admins)
    both.groups.add(club_members, river_members)
    moderator.groups.add(staff, unrelated)

    # The function reads and writes rows only; it never uses the schema editor.
    MIGRATION.memberships_from_groups(apps, None)
    Membership = apps.get_model("providers", "Membership")
    rows = set(Membership.objects.values_list("organisation__title", "user__email", "role"))
    assert rows == {
        ("Northbridge Play Club", "member@playclub.example.org", "member"),
        ("Northbridge Play Club", "admin@playclub.example.org", "admin"),
        ("Northbridge Play Club", "both@example.org", "member"),
        ("Riverside Youth", "both@example.org", "member"),
    }
