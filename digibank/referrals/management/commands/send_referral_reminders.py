"""Remind the receiver of referrals that stay open too long (once per referral).

Run daily from cron or a systemd timer: ``manage.py send_referral_reminders``.
The number of days comes from ``--days`` or the setting REFERRAL_REMINDER_DAYS
(environment variable DIGIBANK_REFERRAL_REMINDER_DAYS, default 14).
"""

from django.core.management.base import BaseCommand

from digibank.referrals import services


class Command(BaseCommand):
    help = (
        "Remind whoever has to act on a referral open for too long; again after each "
        "period while it stays open (never twice within a period)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Open for at least this many days."
        )

    def handle(self, *args, **options):
        days = options["days"]
        if days is not None and days < 1:
            self.stderr.write("--days must be 1 or more.")
            return
        sent = services.send_reminders(days=days)
        self.stdout.write(f"{sent} reminder(s) sent.")
