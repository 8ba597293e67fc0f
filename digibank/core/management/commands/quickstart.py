"""One command from a fresh clone to a running demo: migrate, demo data, server."""

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from digibank.demo import loader


class Command(BaseCommand):
    help = "Set up the database, load the demo data and start the server at 127.0.0.1:8000."

    def add_arguments(self, parser):
        parser.add_argument("--no-server", action="store_true", help="Stop after the demo data.")
        parser.add_argument("--addrport", default="127.0.0.1:8000")

    def handle(self, *args, **options):
        settings.DATA_DIR.mkdir(parents=True, exist_ok=True)
        settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        result = loader.load_all(self.stdout)
        loader.print_logins(self.stdout, result["logins"])
        if options["no_server"]:
            return
        self.stdout.write(f"\nDigibank runs at http://{options['addrport']}/ (Ctrl+C stops it).")
        call_command("runserver", options["addrport"], use_reloader=False)
