import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english_messages():
    """Service messages are compared in English (the msgids), whatever the default."""
    with translation.override("en"):
        yield


@pytest.fixture
def client(client, settings):
    """Pages in English, so assertions read the msgids (Dutch is the default)."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client
