"""Install the default SEND synonym groups (search/synonyms.py DEFAULT_SYNONYMS).

Only adds groups that are not there; reversing leaves staff's list alone.
"""

from django.db import migrations


def install(apps, schema_editor):
    from search.synonyms import install_default_synonyms

    install_default_synonyms(apps.get_model("search", "Synonym"))


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
