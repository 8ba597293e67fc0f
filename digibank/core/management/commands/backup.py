"""A portable backup of the whole database as JSON (works on SQLite and PostgreSQL).

For PostgreSQL in production, also take native backups with pg_dump (see
docs/production.md); this file is the way to move between databases and is what the
restore test exercises. The file contains personal data: store it encrypted.
"""

import gzip
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand

EXCLUDE = ["contenttypes", "auth.permission", "sessions", "admin.logentry", "axes"]


class Command(BaseCommand):
    help = "Write a portable backup of the database to a .json.gz file."

    def add_arguments(self, parser):
        parser.add_argument("path", help="Where to write, e.g. /var/backups/digibank.json.gz")

    def handle(self, *args, **options):
        path = Path(options["path"])
        path.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(path, "wt", encoding="utf-8") as handle:
            call_command(
                "dumpdata",
                exclude=EXCLUDE,
                natural_foreign=True,
                indent=None,
                stdout=handle,
            )
        self.stdout.write(f"Backup written to {path} ({path.stat().st_size} bytes).")
