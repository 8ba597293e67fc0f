"""Scheduled: e-mail people a reminder of their helpdesk appointment; never twice.

Run every hour or every day (see docs/production.md). ``--hours`` sets how far ahead.
"""

from django.core.management.base import BaseCommand

from digibank.helpdesk import services


class Command(BaseCommand):
    help = "Send reminders of helpdesk appointments (each booking at most once)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--hours", type=int, default=48, help="Remind of appointments this many hours ahead."
        )

    def handle(self, *args, **options):
        sent = services.send_reminders(hours=options["hours"])
        self.stdout.write(f"Reminders sent: {sent}")
