from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from digibank.demo import loader


class Command(BaseCommand):
    help = "Load the demo data (fictitious people). Safe to run again: nothing is duplicated."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Also in production (never with real people)."
        )

    def handle(self, *args, **options):
        if settings.PRODUCTION and not options["force"]:
            raise CommandError("This is a production installation: demo data is refused.")
        result = loader.load_all(self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo data is ready."))
        loader.print_logins(self.stdout, result["logins"])
