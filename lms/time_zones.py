"""Each person's time zone: chosen on "Your settings", used for the pages they see and the
e-mails they get.

``PersonTimeZoneMiddleware`` (after Django's AuthenticationMiddleware) activates it for every
request of a signed-in person; anonymous visitors and people who chose nothing get the site's
``TIME_ZONE``. The zone is read once, at sign-in, into the session (and written there again when
the person changes it), so a request costs no query; a session from before that reads it with
one query per request until its next sign-in. ``person_time_zone(user)`` wraps what is rendered
for someone outside a request (their e-mails)."""

import contextlib
import functools
import zoneinfo

from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.utils import timezone

from lms.models import Preferences

#: The person's chosen zone name ("" for the site's), kept in their session.
SESSION_KEY = "academy_time_zone"


@functools.cache
def available_time_zones():
    """Every IANA zone name this machine knows, sorted."""
    return tuple(sorted(zoneinfo.available_timezones()))


def zone_named(name):
    """The ZoneInfo called `name`, or None when it is not a known zone."""
    if not name or name not in available_time_zones():
        return None
    return zoneinfo.ZoneInfo(name)


def site_time_zone():
    return timezone.get_default_timezone()


def chosen_time_zone_name(user):
    """The zone name the person chose, or "" (one query; none for anonymous users)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    relation = Preferences._meta.get_field("user").remote_field
    if relation.is_cached(user):  # read with select_related("academy_preferences"): no query
        preferences = relation.get_cached_value(user)
        return (preferences.time_zone if preferences is not None else "") or ""
    name = Preferences.objects.filter(user_id=user.pk).values_list("time_zone", flat=True).first()
    return name or ""


def time_zone_for(user):
    """The zone to show `user` times in: their own, or the site's."""
    return zone_named(chosen_time_zone_name(user)) or site_time_zone()


def set_time_zone(user, name, request=None):
    """Store the person's zone (a name from `available_time_zones`, or "" for the site's); with
    `request`, their current session follows at once."""
    if name and zone_named(name) is None:
        raise ValueError(f"{name!r} is not a known time zone")
    Preferences.objects.update_or_create(user=user, defaults={"time_zone": name})
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = name


@receiver(user_logged_in, dispatch_uid="lms.time_zones.remember_at_sign_in")
def remember_at_sign_in(sender, request, user, **kwargs):
    """Sign-in reads the person's zone into the new session (the one query of a session)."""
    if request is not None and hasattr(request, "session"):
        request.session[SESSION_KEY] = chosen_time_zone_name(user)


@contextlib.contextmanager
def person_time_zone(user):
    """Render in `user`'s zone inside the block (an e-mail to them), then restore the zone."""
    with timezone.override(time_zone_for(user)):
        yield


def request_time_zone(request):
    """The zone of the request's person, or None for the site's."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return None
    session = getattr(request, "session", None)
    name = session.get(SESSION_KEY) if session is not None else None
    if name is None:  # a session from before sign-in kept the zone
        name = chosen_time_zone_name(user)
    return zone_named(name)


class PersonTimeZoneMiddleware:
    """Activates the signed-in person's zone for the request; the site's zone otherwise."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        zone = request_time_zone(request)
        if zone is None:
            timezone.deactivate()
        else:
            timezone.activate(zone)
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()
