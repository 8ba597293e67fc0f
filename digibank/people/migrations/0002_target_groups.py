from django.db import migrations

CODES = [
    "senior", "low_income", "low_literacy", "other_language", "disability", "job_seeker",
    "young", "other",
]


def load(apps, schema_editor):
    TargetGroup = apps.get_model("people", "TargetGroup")
    for code in CODES:
        TargetGroup.objects.get_or_create(code=code)


class Migration(migrations.Migration):
    dependencies = [("people", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
