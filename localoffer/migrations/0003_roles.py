"""Create the staff groups (content editors, moderators, finance officers).

Groups, model permissions and collection permissions only: page permissions need the home
page and the organisation index, which do not exist at migrate time. `ensure_roles()`
adds them once the site tree is built (the demo loader calls it). See localoffer/roles.py.
"""

from django.db import migrations


def create_role_groups(apps, schema_editor):
    from localoffer.roles import ensure_role_groups

    ensure_role_groups(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("localoffer", "0002_initial"),
        ("providers", "0002_default_taxonomies"),
        ("search", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("wagtailcore", "0090_remove_grouppagepermission_permission_type"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailimages", "0023_add_choose_permissions"),
        ("wagtaildocs", "0011_add_choose_permissions"),
    ]

    operations = [
        # Reversing leaves the groups in place: deleting them would drop people's roles.
        migrations.RunPython(create_role_groups, migrations.RunPython.noop),
    ]
