"""Shared fixtures: the demo organisation and signed-in clients."""

from io import StringIO

import pytest
from django.core.management import call_command
from ninja.testing import TestClient  # noqa: F401  (re-exported for tests that want it)

#: Rows the migrations make themselves, identical in every test database: not dumped.
NOT_DUMPED = ["contenttypes", "auth.permission", "sessions"]


@pytest.fixture(scope="session")
def demo_dump(django_db_setup, django_db_blocker, tmp_path_factory):
    """seed_demo once per session, in a transaction that is rolled back, dumped to a fixture.

    seed_demo writes the curriculum as Wagtail revisions and takes tens of seconds; loading its
    rows back takes a few. The tests that call seed_demo itself still do (idempotence)."""
    from django.db import transaction

    path = tmp_path_factory.mktemp("demo") / "demo.json"
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", stdout=StringIO())
        call_command(
            "dumpdata",
            exclude=NOT_DUMPED,
            use_base_manager=True,
            output=str(path),
            verbosity=0,
        )
        transaction.set_rollback(True)
    return path


@pytest.fixture(scope="session")
def _demo_rows(demo_dump):
    """The dump's rows, parsed once per session."""
    import json

    return json.loads(demo_dump.read_text())


def load_rows(rows):
    """What `loaddata` does with these rows, in a fraction of its time: each model's rows in one
    INSERT (bulk_create), where loaddata tries an UPDATE and then an INSERT per row. Rows of a
    model that inherits another's table (Wagtail's page types) are inserted one by one, raw,
    as loaddata does, and so are rows that exist already. Foreign keys are checked at commit
    on both databases, as for loaddata."""
    from itertools import groupby

    from django.core import serializers
    from django.core.management.color import no_style
    from django.db import connection

    loaded = []
    objects = serializers.deserialize("python", rows, handle_forward_references=True)
    for model, group in groupby(objects, key=lambda item: type(item.object)):
        group = list(group)
        loaded.append(model)
        # Rows the migrations made (the root page, the home page, the groups…) are updated.
        pks = [item.object.pk for item in group]
        existing = set(model._base_manager.filter(pk__in=pks).values_list("pk", flat=True))
        new = [item for item in group if item.object.pk not in existing]
        for item in group:
            if item.object.pk in existing:
                item.save()
        if model._meta.get_parent_list():
            for item in new:
                item.save(force_insert=True)
        else:
            model._base_manager.bulk_create([item.object for item in new])
            for item in new:
                for name, values in (item.m2m_data or {}).items():
                    getattr(item.object, name).set(values)
    statements = connection.ops.sequence_reset_sql(no_style(), loaded)
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@pytest.fixture
def demo(db, _demo_rows):
    """The whole demo (organisation, curriculum, programs, accounts), as seed_demo makes it."""
    from django.core.cache import caches

    load_rows(_demo_rows)
    for cache in caches.all():  # e.g. Wagtail's site root paths, from before the load
        cache.clear()


@pytest.fixture
def ladder(db):
    """The certification ladder every test shares (tests.factories.make_ladder): a dict of the
    policy, the courses "basics" and "engaging", and the programs "enthusiast" < "professional" <
    "spokesperson" (which needs an approval)."""
    from tests.factories import make_ladder

    return make_ladder()


@pytest.fixture
def client_for(client):
    """client_for(user) -> a Django test client signed in as that user."""
    from django.test import Client

    def make(user):
        c = Client()
        c.force_login(user)
        return c

    return make


@pytest.fixture(scope="session")
def _signing_key_pems(tmp_path_factory):
    """One private key per algorithm for the whole run: an RSA key takes a quarter second to
    make, and most tests only need one to exist."""
    from certification import signing

    folder = tmp_path_factory.mktemp("signing-keys")
    return {
        algorithm: signing.create_key(folder / f"{algorithm}.pem", algorithm=algorithm).as_pem(
            private=True
        )
        for algorithm in signing.ALGORITHMS
    }


@pytest.fixture
def signing_key(settings, tmp_path, _signing_key_pems):
    """The site's credential keys in this test's own key folder: the JOSE key (RS256, the
    default) and the Data Integrity key."""
    import os

    path = tmp_path / "keys" / "signing-key.pem"
    path.parent.mkdir(mode=0o700)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(_signing_key_pems["RS256"])
    settings.ACADEMY_CREDENTIAL_SIGNING_KEY_FILE = path
    # As create_signing_key does: the Ed25519 key of Data Integrity proofs beside it.
    from certification import dataintegrity

    dataintegrity.ensure_key()
    return path


# --- Reviewed publishing (tests/test_courses_workflow.py, tests/test_course_review.py) ---------


@pytest.fixture
def catalogue(db):
    """A course catalogue under the "Course review" workflow (courses.workflow)."""
    from courses.workflow import ensure_review_workflow
    from tests.factories import make_catalogue

    catalogue = make_catalogue()
    ensure_review_workflow(catalogue)
    return catalogue


def _staff_in_group(username, group):
    from django.contrib.auth.models import Group

    from tests.factories import UserFactory

    user = UserFactory(username=username, is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def editor(db):
    """A staff member in the Editors group: writes pages and submits them for review."""
    return _staff_in_group("eddie", "Editors")


@pytest.fixture
def moderator(db):
    """A staff member in the Moderators group: approves or rejects what is in review."""
    return _staff_in_group("mo", "Moderators")
