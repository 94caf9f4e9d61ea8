"""Site pages of access: the public list of official accounts, "My access", and the directory
of champions ("Who to ask") with its self-nomination form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from access import services as services
from access.addresses import UnreadableReference, find_accounts
from access.forms import AccessRequestForm, SelfNominationForm
from access.models import (
    AccessGrant,
    AccessRequest,
    AccountRole,
    Platform,
    RequestStatus,
    SocialAccount,
)
from access.models.accounts import platform_label
from access.services import champions as champion_services
from lms.errors import message_response
from lms.formats import format_date

PER_PAGE = 30


def official_accounts(request):
    """Public: the company's active accounts, so customers can tell them from impostors."""
    roles = AccountRole.objects.select_related("program").order_by("sort_order", "pk")
    accounts = (
        SocialAccount.objects.listed()
        .select_related("department")
        .prefetch_related(Prefetch("roles", queryset=roles))
    )
    platform = request.GET.get("platform", "")
    if platform in Platform.values:
        accounts = accounts.filter(platform=platform)
    query = request.GET.get("handle", "").strip()[:500]
    lookup = lookup_error = None
    if query:
        try:
            lookup = find_accounts(query)
        except UnreadableReference as exc:
            lookup_error = exc.message
    page = Paginator(accounts, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "accounts": page.object_list,
        "platforms": [(value, platform_label(value)) for value in Platform.values],
        "platform": platform,
        "query": query,
        "lookup": lookup,
        "lookup_error": lookup_error,
    }
    if request.user.is_authenticated:
        context.update(_holdings(request.user))
    return render(request, "access/official_accounts.html", context)


def _holdings(user):
    """(account id, role) pairs the person holds or waits for, to label the buttons."""
    now = timezone.now()
    held = set(AccessGrant.objects.active(now).filter(user=user).values_list("account_id", "role"))
    waiting = set(
        AccessRequest.objects.pending().filter(user=user).values_list("account_id", "role")
    )
    return {
        "held": {f"{a}:{r}" for a, r in held},
        "waiting": {f"{a}:{r}" for a, r in waiting},
    }


@login_required
def my_access(request):
    """What I hold and until when, what I asked for, and a form to ask for more."""
    if request.method == "POST":
        form = AccessRequestForm(request.POST)
        if form.is_valid():
            response = _submit(request, form)
            if response is not None:
                return response
    else:
        initial = {k: request.GET[k] for k in ("account", "role") if k in request.GET}
        form = AccessRequestForm(initial=initial)
    now = timezone.now()
    grants = (
        AccessGrant.objects.active(now)
        .filter(user=request.user)
        .select_related("account", "certificate__program")
        .order_by("expires_at")
    )
    requests_qs = (
        AccessRequest.objects.filter(user=request.user)
        .select_related("account", "decided_by")
        .order_by("-requested_at", "-pk")
    )
    history = Paginator(requests_qs, 20).get_page(request.GET.get("page"))
    ended = (
        AccessGrant.objects.filter(user=request.user, revoked_at__isnull=False)
        .select_related("account")
        .order_by("-revoked_at")[:10]
    )
    return render(
        request,
        "access/my_access.html",
        {
            "form": form,
            "grants": grants,
            "history": history,
            "ended": ended,
            "pending": RequestStatus.PENDING,
        },
        status=400 if request.method == "POST" else 200,
    )


def _submit(request, form):
    account, role = form.cleaned_data["account"], form.cleaned_data["role"]
    try:
        access_request = services.request_access(
            request.user, account, role, note=form.cleaned_data["note"]
        )
    except services.AccessError as exc:
        form.add_error(None, exc.message)
        return None
    if access_request.grant_result is not None:
        messages.success(
            request,
            _("Granted: you may now %(role)s on %(account)s until %(until)s.")
            % {
                "role": role,
                "account": account.display_handle,
                "until": format_date(access_request.grant_result.expires_at),
            },
        )
    elif access_request.covered:
        messages.info(request, services.waiting_message(access_request))
    else:
        messages.warning(request, services.waiting_message(access_request))
    return redirect("access:my_access")


@login_required
@require_POST
def withdraw(request, pk):
    access_request = get_object_or_404(AccessRequest, pk=pk, user=request.user)
    try:
        services.withdraw_request(access_request, by=request.user)
    except services.AccessError as exc:
        return message_response(request, exc, "access:my_access")
    messages.success(request, _("Your request was withdrawn."))
    return redirect("access:my_access")


CHAMPIONS_PER_PAGE = 100


@login_required
def champions(request):
    """Who to ask: the active champions by department (tree order), or only those of the
    viewer's department and the departments above it; and a form to nominate oneself."""
    user = request.user
    own = champion_services.department_of(user)
    departments = champion_services.self_nomination_departments(user)
    form = None
    if own is not None:
        if request.method == "POST":
            form = SelfNominationForm(request.POST, departments=departments)
            if form.is_valid():
                try:
                    champion_services.nominate(
                        form.cleaned_data["department"],
                        user,
                        by=user,
                        note=form.cleaned_data["note"],
                        self_nominated=True,
                    )
                except services.AccessError as exc:
                    form.add_error(None, exc.message)
                else:
                    messages.success(
                        request,
                        _(
                            "Thank you: your nomination for %(department)s waits for the social "
                            "media team's approval."
                        )
                        % {"department": form.cleaned_data["department"].name},
                    )
                    return redirect("access:champions")
        else:
            form = SelfNominationForm(departments=departments, initial={"department": own})
    elif request.method == "POST":
        messages.error(request, _("Only employees of a department can nominate themselves."))
        return redirect("access:champions")
    mine = request.GET.get("show") == "mine" and own is not None
    listing = champion_services.active_champions()
    if mine:
        listing = listing.filter(department__path__in=champion_services.line_paths(own))
    page = Paginator(listing, CHAMPIONS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "access/champions.html",
        {
            "page": page,
            "champions": page.object_list,
            "mine": mine,
            "own_department": own,
            "form": form,
            "open_roles": list(champion_services.open_roles_of(user)),
        },
        status=400 if request.method == "POST" else 200,
    )
