"""Shared set-up for the benchmarks: an isolated database and a timing helper."""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def setup_django():
    """Point Django at a throw-away database and migrate it."""
    if not os.environ.get("DATABASE_URL"):
        tmp = Path(tempfile.mkdtemp(prefix="digibank-bench-"))
        os.environ["DATABASE_URL"] = f"sqlite:///{tmp / 'bench.sqlite3'}"
        os.environ.setdefault("DIGIBANK_DATA_DIR", str(tmp))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "digibank.settings")
    import django
    from django.conf import settings

    django.setup()
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.ALLOWED_HOSTS = ["testserver"]
    from django.core.management import call_command

    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        call_command("flush", interactive=False, verbosity=0)
    call_command("migrate", verbosity=0)
    if settings.DATABASES["default"]["ENGINE"].endswith("postgresql"):
        # flush emptied the data migrations' rows: load the reference data again.
        with open(os.devnull, "w") as quiet:
            call_command("sync_reference_data", verbosity=0, stdout=quiet)
        from digibank.people.models import TargetGroup, TargetGroupCode

        for code in TargetGroupCode.values:
            TargetGroup.objects.get_or_create(code=code)
    return settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]


def analyze():
    """Refresh the planner's statistics after bulk loading (autovacuum would, later)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")


def measure(label, func, repeat=40, warmup=3):
    """Run ``func`` ``repeat`` times; print p50/p95 in ms and the queries of one run."""
    from django.db import connection

    for _ in range(warmup):
        func()
    executed = []
    # An execute wrapper counts every query, also across the connection that the test
    # client closes and reopens around each request.
    with connection.execute_wrapper(
        lambda execute, sql, *args: executed.append(sql) or execute(sql, *args)
    ):
        func()
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    print(
        f"{label:45} p50 {statistics.median(timings):7.1f} ms   p95 {p95:7.1f} ms   "
        f"{len(executed):3d} queries"
    )
    return p95
