"""Restore a backup made by ``digibank backup`` into an empty, migrated database."""

import gzip
import tempfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from digibank.accounts.models import User
from digibank.digibanks.models import Digibank


class Command(BaseCommand):
    help = "Restore a .json.gz backup into an empty database (run `digibank migrate` first)."

    def add_arguments(self, parser):
        parser.add_argument("path")

    def handle(self, *args, **options):
        path = Path(options["path"])
        if not path.exists():
            raise CommandError(f"No backup at {path}.")
        if Digibank.objects.exists() or User.objects.exists():
            raise CommandError(
                "The database is not empty. Restore into a new database: create it, run "
                "`digibank migrate`, then restore."
            )
        with tempfile.TemporaryDirectory() as tmp:
            plain = Path(tmp) / "backup.json"
            with gzip.open(path, "rt", encoding="utf-8") as source:
                plain.write_text(source.read(), encoding="utf-8")
            with transaction.atomic():
                call_command("loaddata", str(plain), verbosity=0)
        self.stdout.write(
            f"Restored {path}: {Digibank.objects.count()} digibanken, {User.objects.count()} users."
        )
