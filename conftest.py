"""Shared pytest set-up: fast hashing, the personas, and database selection."""

import os

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


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


def _ensure_reference_data():
    """Transactional tests flush the database, data migrations included: restore them."""
    from digibank.geo import reference
    from digibank.geo.models import (
        FormerMunicipality,
        Municipality,
        PostalCode,
        Province,
        Region,
    )
    from digibank.people.models import TargetGroup, TargetGroupCode

    if not Municipality.objects.exists():
        reference.sync(
            Region=Region,
            Province=Province,
            Municipality=Municipality,
            PostalCode=PostalCode,
            FormerMunicipality=FormerMunicipality,
        )
    for code in TargetGroupCode.values:
        TargetGroup.objects.get_or_create(code=code)


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
