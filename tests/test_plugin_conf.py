"""The plugin's settings (lms.conf) and the system checks that tell a host what it forgot."""

import pytest
from django.core.checks import run_checks

from lms.checks import check_host_settings
from lms.conf import DEFAULTS, academy_settings


def ids(problems):
    return {problem.id for problem in problems}


def test_a_host_that_sets_nothing_gets_the_documented_defaults(settings):
    del settings.ACADEMY_PEOPLE_IMPORT_MAX_BYTES
    assert academy_settings.PEOPLE_IMPORT_MAX_BYTES == DEFAULTS["PEOPLE_IMPORT_MAX_BYTES"]
    assert academy_settings.CATALOGUE_PARENT_PAGE_TYPES == ()


def test_the_site_url_falls_back_to_wagtails_base_url_without_a_trailing_slash(settings):
    del settings.ACADEMY_SITE_URL
    settings.WAGTAILADMIN_BASE_URL = "https://academy.example.com/"
    assert academy_settings.SITE_URL == "https://academy.example.com"
    settings.ACADEMY_SITE_URL = "https://learn.example.com/"
    assert academy_settings.SITE_URL == "https://learn.example.com"


def test_an_unknown_name_is_an_error_not_a_silent_none():
    with pytest.raises(AttributeError, match="ACADEMY_NO_SUCH_THING"):
        academy_settings.NO_SUCH_THING  # noqa: B018


def test_the_embedded_site_passes_every_check():
    assert not [p for p in run_checks() if p.id.startswith("academy.")]


def test_a_host_without_a_private_storage_is_told_how_to_add_one(settings):
    settings.STORAGES = {k: v for k, v in settings.STORAGES.items() if k != "private"}
    problems = check_host_settings()
    assert "academy.E002" in ids(problems)
    assert 'STORAGES["private"]' in next(p.hint for p in problems if p.id == "academy.E002")


def test_a_host_without_a_broker_or_eager_mode_is_told(settings):
    settings.CELERY_BROKER_URL = ""
    settings.CELERY_TASK_ALWAYS_EAGER = False
    assert "academy.E003" in ids(check_host_settings())


def test_a_host_without_a_site_address_is_warned(settings):
    settings.ACADEMY_SITE_URL = ""
    settings.WAGTAILADMIN_BASE_URL = ""
    assert "academy.W001" in ids(check_host_settings())


def test_a_host_without_wagtail_settings_is_told_to_add_it(monkeypatch):
    from lms import checks

    installed = checks.apps.is_installed
    monkeypatch.setattr(
        checks.apps,
        "is_installed",
        lambda name: name != "wagtail.contrib.settings" and installed(name),
    )
    assert "academy.E001" in ids(check_host_settings())
