"""Tags of the plugin's layout (lms/base.html), so its pages need nothing from the host's templates.

{% load lms_tags %}
{% login_url as sign_in_url %}            settings.LOGIN_URL as an address
{% if path|startswith:sign_in_url %}      which navigation entry is the current page
{{ user|display_name }}                   "First Last", or the username (lms.people)
{{ value|local_date }}                    "3 December 2026" (ACADEMY_DATE_FORMAT, lms.formats)
{{ value|local_time }}                    "08:09 CET", in the person's zone (ACADEMY_TIME_FORMAT)
{{ value|local_datetime }}                "3 December 2026, 08:09 CET"
"""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url

from lms import formats
from lms.people import display_name as person_display_name

register = template.Library()


@register.simple_tag
def login_url():
    """Where to sign in: settings.LOGIN_URL, a URL name (the site's "login") or a path."""
    return resolve_url(settings.LOGIN_URL)


@register.filter
def startswith(value, prefix):
    """Whether `value` starts with `prefix`; never for an empty prefix (an address not there)."""
    return bool(prefix) and str(value).startswith(str(prefix))


@register.filter
def display_name(user):
    """A person's name as every screen shows it: `lms.people.display_name`."""
    return person_display_name(user) or ""


@register.filter(expects_localtime=True)
def local_date(value):
    """A day in the one date format of the plugin (`lms.formats.format_date`)."""
    return formats.format_date(value)


@register.filter(expects_localtime=True)
def local_time(value):
    """A time in the person's zone, with the zone's abbreviation (`lms.formats.format_time`)."""
    return formats.format_time(value)


@register.filter(expects_localtime=True)
def local_datetime(value):
    """Day and time in the person's zone (`lms.formats.format_datetime`)."""
    return formats.format_datetime(value)
