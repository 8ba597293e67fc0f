import datetime

from django.core.management.base import BaseCommand, CommandError

from digibank.regional import services


class Command(BaseCommand):
    help = (
        "Send the Digi-weetjes digest of the last complete week (or month) to every "
        "confirmed subscriber who did not receive it yet. Safe to run repeatedly, e.g. "
        "daily from cron: nobody gets the same issue twice. Also deletes subscriptions "
        "that were never confirmed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--period", choices=["week", "month"], default="week")
        parser.add_argument("--date", help="Pretend today is this day (YYYY-MM-DD).")

    def handle(self, *args, period, date=None, **options):
        today = None
        if date:
            try:
                today = datetime.date.fromisoformat(date)
            except ValueError as exc:
                raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from exc
        purged = services.purge_unconfirmed()
        result = services.send_digest(kind=period, today=today)
        self.stdout.write(
            f"Digest {result.digest.key}: sent {result.sent}, already sent {result.already}, "
            f"nothing to tell {result.empty}, failed {result.failed}; "
            f"unconfirmed subscriptions deleted: {purged}."
        )
        if result.failed:
            raise CommandError(f"{result.failed} message(s) could not be sent; run again later.")
