"""Membership rows for the people already in organisations' provider groups.

Until now membership was the provider groups themselves: "Provider: <title>" for everyone
in the team and "Provider admins: <title>" for its admins (who are in both), each found
through its page permission on the organisation page (titles change and may repeat, the
grant does not). A person in the admin group becomes an admin; the rest, members.
"""

from django.conf import settings
from django.db import migrations

MEMBER_PREFIX = "Provider: "
ADMIN_PREFIX = "Provider admins: "


def memberships_from_groups(apps, schema_editor):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    OrganisationPage = apps.get_model("providers", "OrganisationPage")
    Membership = apps.get_model("providers", "Membership")
    User = apps.get_model(settings.AUTH_USER_MODEL)
    organisation_ids = set(OrganisationPage.objects.values_list("pk", flat=True))
    roles: dict[tuple[int, int], str] = {}
    grants = (
        GroupPagePermission.objects.filter(page_id__in=organisation_ids)
        .filter(group__name__startswith="Provider")
        .values_list("group_id", "group__name", "page_id")
        .distinct()
    )
    for group_id, name, page_id in grants:
        if name.startswith(ADMIN_PREFIX):
            role = "admin"
        elif name.startswith(MEMBER_PREFIX):
            role = "member"
        else:
            continue
        for user_id in User.objects.filter(groups=group_id).values_list("pk", flat=True):
            key = (page_id, user_id)
            if roles.get(key) != "admin":
                roles[key] = role
    Membership.objects.bulk_create(
        [
            Membership(organisation_id=page_id, user_id=user_id, role=role)
            for (page_id, user_id), role in sorted(roles.items())
        ],
        ignore_conflicts=True,
    )


def forget_memberships(apps, schema_editor):
    # The groups are left as they are, so going back loses nothing.
    apps.get_model("providers", "Membership").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("providers", "0006_membership"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(memberships_from_groups, forget_memberships)]
