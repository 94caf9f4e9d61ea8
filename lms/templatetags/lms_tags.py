"""Tags of the plugin's layout (lms/base.html), so its pages need nothing from the host's templates.

{% load lms_tags %}
{% login_url as sign_in_url %}            settings.LOGIN_URL as an address
{% if path|startswith:sign_in_url %}      which navigation entry is the current page
"""

from django import template
from django.conf import settings
from django.shortcuts import resolve_url

register = template.Library()


@register.simple_tag
def login_url():
    """Where to sign in: settings.LOGIN_URL, a URL name (the site's "login") or a path."""
    return resolve_url(settings.LOGIN_URL)


@register.filter
def startswith(value, prefix):
    """Whether `value` starts with `prefix`; never for an empty prefix (an address not there)."""
    return bool(prefix) and str(value).startswith(str(prefix))
