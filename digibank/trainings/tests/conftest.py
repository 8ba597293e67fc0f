import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english():
    """Service messages are checked in English (the message ids); pages are Dutch."""
    with translation.override("en"):
        yield
