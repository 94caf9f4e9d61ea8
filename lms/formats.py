"""The one way the plugin writes a date or a time, on its pages and in its e-mails.

``ACADEMY_DATE_FORMAT`` ("j F Y": 3 December 2026) and ``ACADEMY_TIME_FORMAT`` ("H:i T": 08:09
CET) are Django date formats; a moment is the two together ("3 December 2026, 08:09 CET").
Aware datetimes are shown in the current time zone, which ``lms.time_zones`` sets to the
person's own. Templates use the filters of ``lms_tags`` (``local_date``, ``local_time``,
``local_datetime``)."""

import datetime

from django.utils import dateformat, timezone

from lms.conf import academy_settings


def _local(value):
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value):
    """The day of a date or datetime, e.g. "3 December 2026"; "" for None."""
    if value in (None, ""):
        return ""
    return dateformat.format(_local(value), academy_settings.DATE_FORMAT)


def format_time(value):
    """The time of a datetime with its zone's abbreviation, e.g. "08:09 CET"; "" for None."""
    if value in (None, ""):
        return ""
    return dateformat.format(_local(value), academy_settings.TIME_FORMAT)


def format_datetime(value):
    """Day and time, e.g. "3 December 2026, 08:09 CET"; a bare date gives only the day."""
    if value in (None, ""):
        return ""
    if not isinstance(value, datetime.datetime):
        return format_date(value)
    return f"{format_date(value)}, {format_time(value)}"
