"""Shared fixtures: the demo organisation and signed-in clients."""

from io import StringIO

import pytest
from django.core.management import call_command
from ninja.testing import TestClient  # noqa: F401  (re-exported for tests that want it)


@pytest.fixture
def demo(db):
    """The whole demo (organisation, curriculum, programs, accounts), loaded by seed_demo."""
    call_command("seed_demo", stdout=StringIO())


@pytest.fixture
def client_for(client):
    """client_for(user) -> a Django test client signed in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make
