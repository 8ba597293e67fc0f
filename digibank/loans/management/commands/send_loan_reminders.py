"""Send the reminders of the day. Schedule it once a day (cron, systemd timer).

Running it twice on the same day sends nothing the second time: every reminder is a row
that is unique per loan, stage and due date.
"""

import datetime

from django.core.management.base import BaseCommand, CommandError

from digibank.digibanks.models import Digibank
from digibank.loans.reminders import send_reminders


class Command(BaseCommand):
    help = "Send reminders to bring lent devices back (e-mail, or a letter or call to do)."

    def add_arguments(self, parser):
        parser.add_argument("--date", help="Act as if today is this date (YYYY-MM-DD).")
        parser.add_argument("--digibank", help="Only this digibank (its short name).")
        parser.add_argument("--dry-run", action="store_true", help="Count, send nothing.")

    def handle(self, *args, **options):
        today = None
        if options["date"]:
            try:
                today = datetime.date.fromisoformat(options["date"])
            except ValueError as exc:
                raise CommandError(f"--date must look like 2026-03-31: {exc}") from exc
        digibank = None
        if options["digibank"]:
            digibank = Digibank.objects.filter(slug=options["digibank"]).first()
            if digibank is None:
                raise CommandError(f"no digibank with short name {options['digibank']!r}")
        result = send_reminders(today=today, digibank=digibank, dry_run=options["dry_run"])
        prefix = "would send" if options["dry_run"] else "sent"
        self.stdout.write(
            f"{prefix}: {result.reminders} reminder(s) in {result.messages} message(s): "
            f"{result.emails} e-mail(s), {result.letters} letter(s), {result.calls} call(s) "
            f"to do; {result.skipped_already_sent} already sent before"
        )
        if result.failed:
            self.stderr.write(f"e-mail failed for {', '.join(result.failed)}; retried next run")
