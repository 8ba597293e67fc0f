"""Remind people of their training meetings; run it every hour or every morning (cron).

Sends each person one reminder per meeting, however often it runs, and retries e-mails
that failed before. People without e-mail appear on the trainings call list
(see docs/production.md, section 7, for the cron line).
"""

from django.core.management.base import BaseCommand, CommandError

from digibank.trainings import services


class Command(BaseCommand):
    help = "E-mail reminders for training meetings in the coming hours (each only once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=48, help="Remind of meetings this many hours ahead."
        )

    def handle(self, *args, **options):
        if options["hours"] < 1 or options["hours"] > 24 * 14:
            raise CommandError("--hours must be between 1 and 336.")
        run = services.send_reminders(hours_ahead=options["hours"])
        self.stdout.write(f"reminders: {run.emailed} by e-mail, {run.to_call} on the call list")
