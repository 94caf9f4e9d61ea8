"""Who may decide, who is active, and which certificates cover which role."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import AccessRequest, AccountRole, RoleName, SocialAccount
from access.services.errors import RoleNotOffered
from certification.models import Certificate, Program

#: How far `builds_on` is followed when asking whether a certificate covers a program.
LADDER_DEPTH = 6


def is_access_staff(user):
    return bool(
        user and user.is_authenticated and user.is_active and (user.is_superuser or user.is_staff)
    )


def can_decide(user, account):
    """Owners of the account decide on it; so do staff and superusers."""
    if is_access_staff(user):
        return True
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and account.owners.filter(pk=user.pk).exists()
    )


def decidable_account_ids(user):
    """The ids of the accounts this person owns (and so decides on), in one query: screens that
    ask `may_decide_request` for many rows ask this once. Staff decide on every account."""
    if not (user and user.is_authenticated and user.is_active):
        return frozenset()
    return frozenset(SocialAccount.objects.filter(owners=user).values_list("pk", flat=True))


def may_decide_request(user, access_request, *, account_ids=None):
    """Whether this person may decide this request now: it is pending, they may decide on its
    account (`can_decide`), and it is not their own (unless they are staff), as
    `decide_request` checks. `account_ids` (from `decidable_account_ids`) saves a query a row."""
    if not access_request.is_pending:
        return False
    if is_access_staff(user):
        return True
    if access_request.user_id == getattr(user, "pk", None):
        return False
    if account_ids is not None:
        return bool(user.is_active) and access_request.account_id in account_ids
    return can_decide(user, access_request.account)


def awaiting_decision_by(user):
    """The pending requests this person may decide: on the accounts they own (every account for
    staff), not their own unless they are staff; oldest first."""
    pending = AccessRequest.objects.pending().order_by("requested_at", "pk")
    if is_access_staff(user):
        return pending
    if not (user and user.is_authenticated and user.is_active):
        return pending.none()
    return pending.filter(account__in=SocialAccount.objects.filter(owners=user)).exclude(user=user)


def is_active_person(user):
    employee = getattr(user, "employee", None)
    return user.is_active and (employee is None or employee.active)


def covering_programs_q(program_id, prefix=""):
    """Programs that cover `program_id`: itself, and every program that builds on it."""
    condition = Q(**{f"{prefix}pk": program_id})
    path = ""
    for _depth in range(LADDER_DEPTH):
        path += "builds_on__"
        condition |= Q(**{f"{prefix}{path[:-2]}_id": program_id})
    return condition


def covering_program_ids(program_id):
    """As a subquery: `Certificate.objects.filter(program__in=covering_program_ids(p))`."""
    return Program.objects.filter(covering_programs_q(program_id)).values("pk")


def best_certificate(user, program_id, now=None):
    """The person's valid certificate covering the program that lasts longest, or None."""
    return (
        Certificate.objects.valid(now or timezone.now())
        .filter(holder=user, program__in=covering_program_ids(program_id))
        .select_related("program")
        .order_by("-expires_at")
        .first()
    )


def offered_role(account, role):
    if role not in RoleName.values:
        raise RoleNotOffered(
            _("'%(role)s' is not a role. Roles: %(roles)s.")
            % {"role": role, "roles": ", ".join(RoleName.values)}
        )
    account_roles = list(
        AccountRole.objects.filter(account=account)
        .select_related("program")
        .order_by("sort_order", "pk")
    )
    for account_role in account_roles:
        if account_role.role == role:
            return account_role
    raise RoleNotOffered(role_not_offered_message(account, role, account_roles))


def role_not_offered_message(account, role, account_roles):
    """'@NorthwindSystemsTV (YouTube) does not offer the role monitor: it offers publish and
    manage.'"""
    offered = [account_role.get_role_display().lower() for account_role in account_roles]
    values = {"account": account, "role": RoleName(role).label.lower()}
    if not offered:
        return _("%(account)s does not offer the role %(role)s: it offers no roles yet.") % values
    if len(offered) == 1:
        values["offered"] = offered[0]
    else:
        values["offered"] = _("%(first)s and %(last)s") % {
            "first": ", ".join(offered[:-1]),
            "last": offered[-1],
        }
    return _("%(account)s does not offer the role %(role)s: it offers %(offered)s.") % values
