"""Who may decide, who is active, and which certificates cover which role."""

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import AccountRole, RoleName
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
    account_role = (
        AccountRole.objects.filter(account=account, role=role).select_related("program").first()
    )
    if account_role is None:
        raise RoleNotOffered(
            _("%(account)s does not offer the role '%(role)s'.")
            % {"account": account, "role": role}
        )
    return account_role
