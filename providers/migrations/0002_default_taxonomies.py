from django.db import migrations


def install_defaults(apps, schema_editor):
    from providers.taxonomy_defaults import install

    install(apps)


class Migration(migrations.Migration):
    dependencies = [("providers", "0001_initial")]

    operations = [migrations.RunPython(install_defaults, migrations.RunPython.noop)]
