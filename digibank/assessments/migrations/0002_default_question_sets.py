from django.db import migrations
from django.utils import timezone


def load(apps, schema_editor):
    from digibank.assessments import content

    content.sync(
        QuestionSet=apps.get_model("assessments", "QuestionSet"),
        QuestionSetVersion=apps.get_model("assessments", "QuestionSetVersion"),
        Item=apps.get_model("assessments", "Item"),
        now=timezone.now(),
    )


class Migration(migrations.Migration):
    dependencies = [("assessments", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
