"""Sign-in throttling with django-axes: the client's address, the lockout page, and the admin
screen where staff see who is locked out and unlock them.

axes counts failed passwords per (username, address) on every form that signs in through
django.contrib.auth with the request (the site's /accounts/login/ and Wagtail's /admin/login/);
after AXES_FAILURE_LIMIT of them within AXES_COOLOFF_TIME that pair is refused, even with the
right password, until the cool-off has passed since its last try or staff unlock it."""

import ipaddress
import logging
import math

from axes.helpers import get_client_username, get_cool_off, get_failure_limit
from axes.models import AccessAttempt
from axes.utils import reset
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Max, Sum
from django.shortcuts import redirect, render
from django.template.response import TemplateResponse
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from django.views.decorators.http import require_GET, require_POST

from lms.conf import academy_settings

logger = logging.getLogger(__name__)

VIEW_PERMISSION = "axes.view_accessattempt"
UNLOCK_PERMISSION = "axes.delete_accessattempt"
PER_PAGE = 50


def client_ip_address(request):
    """REMOTE_ADDR, or behind TRUSTED_PROXY_COUNT proxies the address the outermost one saw
    (each proxy appends the address it was reached from to X-Forwarded-For). Whatever is not an
    IP address is ignored, so a forged header can neither break the count nor be stored."""
    count = academy_settings.TRUSTED_PROXY_COUNT
    if count > 0:
        chain = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        chain = [part for part in chain if part]
        if len(chain) >= count and _is_ip(chain[-count]):
            return chain[-count]
    address = request.META.get("REMOTE_ADDR", "")
    return address if _is_ip(address) else None


def _is_ip(value):
    try:
        ipaddress.ip_address(value)
    except ValueError:
        return False
    return True


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out sign-in gets (AXES_LOCKOUT_CALLABLE): 429, with Retry-After."""
    cool_off = get_cool_off(request)
    minutes = math.ceil(cool_off.total_seconds() / 60) if cool_off else None
    response = render(
        request,
        "lms/locked_out.html",
        {
            "failure_limit": get_failure_limit(request, credentials),
            "username": get_client_username(request, credentials) or "",
            "cool_off_minutes": minutes,
        },
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )
    if cool_off:
        response["Retry-After"] = str(int(cool_off.total_seconds()))
    return response


# --- The admin screen: Settings > Sign-in lockouts -------------------------------------------


def may_view(user):
    return user.has_perm(VIEW_PERMISSION)


def may_unlock(user):
    return user.has_perm(UNLOCK_PERMISSION)


def current_failures():
    """Failed sign-ins still counted, one row per (username, address), locked ones first."""
    cool_off = get_cool_off()
    limit = settings.AXES_FAILURE_LIMIT
    attempts = AccessAttempt.objects.all()
    if cool_off:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    rows = list(
        attempts.values("username", "ip_address")
        .annotate(failures=Sum("failures_since_start"), last_attempt=Max("attempt_time"))
        .order_by("-failures", "-last_attempt", "username", "ip_address")
    )
    for row in rows:
        row["locked"] = row["failures"] >= limit
        row["locked_until"] = row["last_attempt"] + cool_off if cool_off and row["locked"] else None
    rows.sort(key=lambda row: not row["locked"])
    return rows


@require_GET
def lockout_index(request):
    if not may_view(request.user):
        raise PermissionDenied
    return _index(request)


def _index(request, error=None, status=200):
    rows = current_failures()
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    cool_off = get_cool_off()
    return TemplateResponse(
        request,
        "lms/login_lockouts.html",
        {
            "page_title": _("Sign-in lockouts"),
            "rows": page,
            "locked_count": sum(1 for row in rows if row["locked"]),
            "may_unlock": may_unlock(request.user),
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cool_off_minutes": math.ceil(cool_off.total_seconds() / 60) if cool_off else None,
            "error": error,
        },
        status=status,
    )


class UnlockForm(forms.Form):
    username = forms.CharField(label=_lazy("Username"), max_length=255, strip=False)
    ip_address = forms.GenericIPAddressField(label=_lazy("Address"))


@require_POST
def unlock(request):
    if not may_unlock(request.user):
        raise PermissionDenied
    form = UnlockForm(request.POST)
    if not form.is_valid():
        problems = " ".join(
            f"{form.fields[name].label or name}: {' '.join(errors)}"
            for name, errors in form.errors.items()
        )
        return _index(request, error=_("Nothing was unlocked. %s") % problems, status=400)
    username = form.cleaned_data["username"]
    address = form.cleaned_data["ip_address"]
    # axes' own reset: the attempts of exactly this username from exactly this address.
    removed = reset(ip=address, username=username)
    if removed:
        logger.warning(
            "Sign-in unlocked by %s: username %r from %s (%d attempt records removed).",
            request.user.get_username(),
            username,
            address,
            removed,
        )
        messages.success(
            request,
            _("%(username)s can sign in from %(address)s again.")
            % {"username": username, "address": address},
        )
    else:
        messages.info(request, _("Nothing was locked for that username and address."))
    return redirect("login_lockouts:index")


urlpatterns = [
    path("", lockout_index, name="index"),
    path("unlock/", unlock, name="unlock"),
]
