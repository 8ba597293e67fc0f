"""Scheduled: anonymise people without any activity for longer than the retention period.

Run daily (see docs/production.md). ``--dry-run`` lists how many people are due.
"""

from django.core.management.base import BaseCommand, CommandError

from digibank.digibanks.models import Digibank
from digibank.people import services


class Command(BaseCommand):
    help = "Anonymise people without activity for longer than the retention period."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Only count; change nothing.")
        parser.add_argument("--digibank", help="Only this digibank (its short name).")

    def handle(self, *args, **options):
        digibanks = Digibank.objects.order_by("name")
        if options["digibank"]:
            digibanks = digibanks.filter(slug=options["digibank"])
            if not digibanks.exists():
                raise CommandError(f"No digibank with short name {options['digibank']!r}.")
        total = 0
        for digibank in digibanks:
            cutoff = services.retention_cutoff(digibank)
            due = services.apply_retention(digibank=digibank, dry_run=options["dry_run"])
            total += len(due)
            verb = "due" if options["dry_run"] else "anonymised"
            self.stdout.write(f"{digibank.name}: {len(due)} {verb} (no activity since {cutoff})")
        self.stdout.write(f"Total: {total}")
