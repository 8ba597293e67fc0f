from django.db import migrations


def load(apps, schema_editor):
    from digibank.geo import reference

    reference.sync(
        Region=apps.get_model("geo", "Region"),
        Province=apps.get_model("geo", "Province"),
        Municipality=apps.get_model("geo", "Municipality"),
        PostalCode=apps.get_model("geo", "PostalCode"),
        FormerMunicipality=apps.get_model("geo", "FormerMunicipality"),
    )


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
