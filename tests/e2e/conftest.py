"""Browser journeys: Debian's Chromium, driven by Playwright, against pytest-django's live_server.

Every test here is marked `browser` and skipped when /usr/bin/chromium is missing. Each test gets
a fresh demo on a transactional database (seed_demo; on the in-memory SQLite of the suite, a copy
of what the first seed_demo made), a server that fails the test on any unhandled exception, and
pages whose every request is recorded (and refused when it leaves the site) so a test can prove
the site loads nothing from elsewhere. A failed test leaves FAILED-<test>-<n>.png beside the
journeys' screenshots in artifacts/screenshots/.
"""

import os
import re
import sqlite3
import traceback
from io import StringIO
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core.management import call_command
from django.core.signals import got_request_exception

from .helpers import SCREENSHOTS

# Playwright's sync API runs an event loop in this thread; Django's ORM refuses to run beside
# one unless told it is safe, which it is here: one thread drives the browser and the database.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
VIEWPORTS = {
    "laptop": {"width": 1280, "height": 800},
    "desktop": {"width": 1366, "height": 900},
    "phone": {"width": 390, "height": 844},
}


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test item so fixtures can tell whether the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole run."""
    if not CHROMIUM.exists():
        pytest.skip(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium).")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.skip("Playwright for Python is not installed (pip install -e '.[dev]').")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def server_errors():
    """Exceptions raised while the live server handled a request; the test fails on any."""
    errors = []

    def record(sender, request=None, **kwargs):
        path = getattr(request, "path", "?")
        errors.append(f"{getattr(request, 'method', '?')} {path}\n{traceback.format_exc()}")

    got_request_exception.connect(record, weak=False)
    yield errors
    got_request_exception.disconnect(record)
    if errors:
        pytest.fail("The server raised while handling requests:\n" + "\n".join(errors))


@pytest.fixture(scope="session")
def _demo_snapshot():
    """The seeded demo database, copied once (in-memory SQLite only) and restored per test."""
    holder = {}
    yield holder
    if "db" in holder:
        holder["db"].close()


def _clear_caches():
    """Forget what the previous test cached (Wagtail's site root paths, for one). The content
    types keep their ids in the copy, so their cache stays: it must, since restoring the migrated
    state before the next test would otherwise create them a second time."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


def _load_demo(snapshot):
    """seed_demo, or (in-memory SQLite) a copy of what the first seed_demo made: seconds saved
    on every test, with the same rows, ids and sequences."""
    from django.db import connection

    if connection.vendor != "sqlite" or not connection.is_in_memory_db():
        call_command("seed_demo", stdout=StringIO())
        return
    connection.ensure_connection()
    if "db" in snapshot:
        snapshot["db"].backup(connection.connection)
        _clear_caches()
        return
    call_command("seed_demo", stdout=StringIO())
    copy = sqlite3.connect(":memory:", check_same_thread=False)
    connection.connection.backup(copy)
    snapshot["db"] = copy


@pytest.fixture
def site(
    browser,
    live_server,
    transactional_db,
    django_db_serialized_rollback,
    server_errors,
    _demo_snapshot,
):
    """The live server with the demo loaded; the base URL, e.g. http://localhost:41234.

    The database starts each test in its migrated state (serialized rollback), then gets the
    demo: the `employee` user starts with nothing, as every journey assumes."""
    _load_demo(_demo_snapshot)
    return live_server.url


def _refuse(route):
    route.abort("blockedbyclient")


class Visit:
    """A browser context (one person, one viewport) and everything it asked the network for."""

    def __init__(self, browser, base_url, viewport, javascript):
        self.base_url = base_url
        self.requests = []
        self.page_errors = []
        self.context = browser.new_context(
            base_url=base_url,
            viewport=VIEWPORTS[viewport],
            accept_downloads=True,
            java_script_enabled=javascript,
            locale="en-GB",
            timezone_id="UTC",
        )
        self.context.set_default_timeout(15_000)
        self.context.on("request", lambda request: self.requests.append(request.url))
        # Nothing leaves the machine: a request elsewhere is recorded (above), then refused.
        self.context.route(re.compile(r"^(?!" + re.escape(base_url) + r")https?://"), _refuse)
        self.page = self.context.new_page()
        # axe-core waits on timers, which never fire with scripts off; helpers.assert_accessible
        # leaves axe out there (the same pages are checked with scripts on).
        self.page.academy_scripts_off = not javascript
        self.page.on("pageerror", lambda error: self.page_errors.append(str(error)))

    def foreign_requests(self):
        """Every URL this context requested from anywhere but the live server."""
        origin = urlsplit(self.base_url)
        foreign = []
        for url in self.requests:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if (parts.scheme, parts.netloc) != (origin.scheme, origin.netloc):
                foreign.append(url)
        return foreign


@pytest.fixture
def visit(request, browser, site):
    """visit(viewport="laptop", javascript=True) -> a fresh Visit; its .page is ready to use."""
    visits = []

    def make(viewport="laptop", javascript=True):
        v = Visit(browser, site, viewport, javascript)
        visits.append(v)
        return v

    yield make
    report = getattr(request.node, "report_call", None)
    if report is not None and report.failed:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        for number, v in enumerate(visits, start=1):
            name = f"FAILED-{request.node.name}-{number}.png"
            v.page.screenshot(path=str(SCREENSHOTS / name), full_page=True)
    problems = [error for v in visits for error in v.page_errors]
    for v in visits:
        v.context.close()
    assert not problems, f"JavaScript errors on the page: {problems}"


@pytest.fixture
def page(visit):
    """A laptop-sized page on the live server, signed in as nobody."""
    return visit().page
