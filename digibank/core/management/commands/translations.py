"""Extract and compile the Dutch and French catalogues of every Digibank app.

Each app keeps its own ``locale/`` so that modules never edit each other's catalogues.
Needs GNU gettext (``apt-get install gettext``) for extraction and compilation; the
compiled ``.mo`` files are committed so that an installation does not need it.
"""

import os
import subprocess
import sys
from pathlib import Path

from django.apps import apps
from django.core.management.base import BaseCommand

LANGUAGES = ("nl", "fr")


class Command(BaseCommand):
    help = "Update (makemessages) and compile (compilemessages) every app's nl and fr catalogue."

    def add_arguments(self, parser):
        parser.add_argument("apps", nargs="*", help="Only these app labels (default: all).")
        parser.add_argument("--compile-only", action="store_true")

    def handle(self, *args, **options):
        wanted = set(options["apps"])
        for config in apps.get_app_configs():
            if not config.name.startswith("digibank."):
                continue
            if wanted and config.label not in wanted:
                continue
            path = Path(config.path)
            (path / "locale").mkdir(exist_ok=True)
            manage = [sys.executable, "-m", "django"]
            env = {**os.environ, "DJANGO_SETTINGS_MODULE": "digibank.settings"}
            if not options["compile_only"]:
                args = ["makemessages", "--no-obsolete", "--no-location"]
                args += [f"--locale={lang}" for lang in LANGUAGES]
                subprocess.run([*manage, *args], cwd=path, env=env, check=True)
            subprocess.run([*manage, "compilemessages"], cwd=path, env=env, check=True)
            self.stdout.write(f"{config.label}: done")
