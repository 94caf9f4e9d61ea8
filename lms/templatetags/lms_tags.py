"""Tags of the plugin's layout (lms/base.html), so its pages need nothing from the host's templates.

{% load lms_tags %}
{% login_url as sign_in_url %}            settings.LOGIN_URL as an address
{% if path|startswith:sign_in_url %}      which navigation entry is the current page
{{ user|display_name }}                   "First Last", or the username (lms.people)
"""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url

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
