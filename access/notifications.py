"""E-mails of access: to the owners of an official account when a request waits for them, and
to the requester when it is decided."""

from django.urls import reverse

from access.models import AccessRequest, AccountRole
from access.services.rules import best_certificate
from certification.notifications import send_template
from lms.conf import academy_settings
from lms.people import display_name


def send_access_request_email(request_id, kind):
    """Owners hear of a request that waits for them; the requester hears of the decision.

    Run by the task `access.services.requests.queue_access_request_email` queues."""
    access_request = (
        AccessRequest.objects.select_related("user", "account", "decided_by")
        .filter(pk=request_id)
        .first()
    )
    if access_request is None or kind not in {"waiting", "decided"}:
        return 0
    role = (
        AccountRole.objects.filter(account=access_request.account, role=access_request.role)
        .select_related("program")
        .first()
    )
    context = {
        "access_request": access_request,
        "account": access_request.account,
        "role": access_request.get_role_display(),
        "person": display_name(access_request.user),
        "program": role.program if role else None,
    }
    if kind == "decided":
        if access_request.status not in {"approved", "rejected"}:
            return 0
        context["my_access_url"] = academy_settings.SITE_URL + reverse("access:my_access")
        return send_template(
            access_request.user.email,
            "access/email/access_request_decided",
            context,
            person=access_request.user,
        )
    if access_request.status != "pending":
        return 0
    context["covered"] = bool(
        role and best_certificate(access_request.user, role.program_id) is not None
    )
    context["decide_url"] = academy_settings.SITE_URL + reverse(
        "access_requests:decide", args=[access_request.pk]
    )
    context["queue_url"] = academy_settings.SITE_URL + reverse("access_requests:index")
    sent = 0
    owners = access_request.account.owners.filter(is_active=True).exclude(email="")
    # An owner asking on their own account is not asked to decide it (nobody decides their own).
    for owner in owners.exclude(pk=access_request.user_id):
        context["owner_name"] = display_name(owner)
        sent += send_template(
            owner.email, "access/email/access_request_waiting", context, person=owner
        )
    return sent
