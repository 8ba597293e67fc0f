from django.core.management.base import BaseCommand
from django.utils import timezone

from digibank.assessments import content
from digibank.assessments.models import Item, QuestionSet, QuestionSetVersion


class Command(BaseCommand):
    help = "Install or update the default question sets (a change becomes a new version)."

    def handle(self, *args, **options):
        for line in content.sync(
            QuestionSet=QuestionSet,
            QuestionSetVersion=QuestionSetVersion,
            Item=Item,
            now=timezone.now(),
        ):
            self.stdout.write(line)
