"""Create the roles that work out budgets: assessment coordinators and panel members."""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from localoffer.roles import ensure_role_groups

    ensure_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [("localoffer", "0004_video_players_stored_at_save")]

    operations = [
        # Reversing leaves the groups in place: deleting them would drop people's roles.
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
    ]
