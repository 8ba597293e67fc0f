"""Shared pytest set-up: fast hashing, the personas, and database selection."""

import os

import pytest
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

# Property tests check correctness, not speed (speed is measured under bench/): no
# per-example deadline, which a busy CI machine would break at random. In CI the examples
# are derived from the test itself, so a red run can be repeated exactly.
hypothesis_settings.register_profile(
    "digibank", deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
hypothesis_settings.register_profile(
    "ci", parent=hypothesis_settings.get_profile("digibank"), derandomize=True
)
hypothesis_settings.load_profile("ci" if os.environ.get("CI") else "digibank")


def pytest_configure(config):
    from django.conf import settings

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Figures are cached for minutes in production; tests count afresh every time.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    settings.STORAGES["staticfiles"]["BACKEND"] = (
        "django.contrib.staticfiles.storage.StaticFilesStorage"
    )


def pytest_collection_modifyitems(config, items):
    from django.conf import settings

    on_postgres = settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    skip_pg = pytest.mark.skip(reason="needs PostgreSQL (run with DATABASE_URL=postgres://...)")
    for item in items:
        if "postgres" in item.keywords and not on_postgres:
            item.add_marker(skip_pg)


_DATA_MIGRATIONS: list | None = None


def _data_migrations() -> list:
    """The forward functions of our own data migrations, in migration order."""
    global _DATA_MIGRATIONS
    if _DATA_MIGRATIONS is None:
        from django.db import connection
        from django.db.migrations.loader import MigrationLoader
        from django.db.migrations.operations import RunPython

        loader = MigrationLoader(connection, ignore_no_migrations=True)
        plan: list = []
        for leaf in loader.graph.leaf_nodes():
            for node in loader.graph.forwards_plan(leaf):
                if node not in plan:
                    plan.append(node)
        _DATA_MIGRATIONS = [
            (node[0], operation.code)
            for node in plan
            if loader.graph.nodes[node].__module__.startswith("digibank.")
            for operation in loader.graph.nodes[node].operations
            if isinstance(operation, RunPython)
        ]
    return _DATA_MIGRATIONS


def _ensure_reference_data():
    """Transactional tests flush the database, data migrations included: run them again.

    Every data migration of ours is idempotent; the reference geography is only loaded
    when it is missing, because it is the largest.
    """
    from django.apps import apps

    from digibank.geo.models import Municipality

    has_geography = Municipality.objects.exists()
    for app_label, code in _data_migrations():
        if app_label == "geo" and has_geography:
            continue
        code(apps, None)


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    marker = request.node.get_closest_marker("django_db")
    if marker and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        _ensure_reference_data()


@pytest.fixture
def world(db):
    from digibank.testing.personas import build_world

    return build_world()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


pytest_plugins = ["digibank.testing.browser"]
