"""The access check: may this person act in this role on this account, why, and until when?

The hot path other tools call before every post. Two queries, nothing cached: the account with
the program its role requires, then the person with their grant and certificate state as
correlated subqueries. A revocation is visible to the very next check.
"""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.access_services import AccessError, covering_program_ids
from certification.models import (
    AccessGrant,
    AccountRole,
    AccountStatus,
    Certificate,
    CertificateStatus,
    Platform,
    RoleName,
    SocialAccount,
)
from certification.models.access import normalize_handle


class Reason:
    GRANTED = "granted"
    NO_CERTIFICATE = "no_certificate"
    CERTIFICATE_EXPIRED = "certificate_expired"
    CERTIFICATE_REVOKED = "certificate_revoked"
    NOT_GRANTED = "not_granted"
    ACCOUNT_RETIRED = "account_retired"
    ACCOUNT_PAUSED = "account_paused"
    USER_INACTIVE = "user_inactive"
    ROLE_NOT_OFFERED = "role_not_offered"

    ALL = (
        GRANTED,
        NO_CERTIFICATE,
        CERTIFICATE_EXPIRED,
        CERTIFICATE_REVOKED,
        NOT_GRANTED,
        ACCOUNT_RETIRED,
        ACCOUNT_PAUSED,
        USER_INACTIVE,
        ROLE_NOT_OFFERED,
    )


class UnknownSubject(AccessError):
    status = 404


class InvalidRole(AccessError):
    status = 422


class AmbiguousAccount(AccessError):
    status = 400


@dataclass
class CheckResult:
    allowed: bool
    reason: str
    until: datetime | None
    user_id: int
    account_id: int
    role: str


def account_filter(reference):
    """An account by id ('12'), handle ('@NorthwindSystems') or platform and handle ('x:…')."""
    reference = (reference or "").strip()
    if reference.isdigit():
        return {"pk": int(reference)}
    platform, sep, rest = reference.partition(":")
    if sep and platform.lower() in Platform.values:
        return {"platform": platform.lower(), "handle_key": normalize_handle(rest).lower()}
    handle = normalize_handle(reference)
    if not handle:
        raise UnknownSubject(_("Give an account id or handle."))
    return {"handle_key": handle.lower()}


def find_account(reference, role):
    """Query 1: the account and the program its role requires (None when not offered)."""
    required = AccountRole.objects.filter(account=OuterRef("pk"), role=role).values("program_id")
    accounts = list(
        SocialAccount.objects.alias(handle_key=Lower("handle"))
        .filter(**account_filter(reference))
        .annotate(required_program_id=Subquery(required[:1]))
        .only("pk", "platform", "handle", "status")
        .order_by("pk")[:2]
    )
    if not accounts:
        raise UnknownSubject(_("No official account matches '%(ref)s'.") % {"ref": reference})
    if len(accounts) > 1:
        raise AmbiguousAccount(
            _(
                "Several accounts have the handle '%(ref)s': give the id or platform:handle "
                "(e.g. x:%(handle)s)."
            )
            % {"ref": reference, "handle": accounts[0].handle}
        )
    return accounts[0]


def find_person(email, account, role, now):
    """Query 2: the person, their unrevoked grant's end, and their covering certificates."""
    email = (email or "").strip()
    if not email:
        raise UnknownSubject(_("Give the person's e-mail address."))
    grant = AccessGrant.objects.filter(
        user=OuterRef("pk"), account_id=account.pk, role=role, revoked_at__isnull=True
    ).order_by("-expires_at")
    annotations = {"grant_until": Subquery(grant.values("expires_at")[:1])}
    if account.required_program_id is not None:
        covering = Certificate.objects.filter(
            holder=OuterRef("pk"), program__in=covering_program_ids(account.required_program_id)
        )
        annotations["has_valid"] = Exists(
            covering.filter(status=CertificateStatus.VALID, expires_at__gt=now)
        )
        annotations["latest_status"] = Subquery(
            covering.order_by("-issued_at", "-pk").values("status")[:1]
        )
    people = list(
        get_user_model()
        .objects.filter(email__iexact=email)
        .select_related("employee")
        .only("pk", "is_active", "employee__active")
        .annotate(**annotations)
        .order_by("-is_active", "pk")[:1]
    )
    if not people:
        raise UnknownSubject(_("No person has the e-mail address '%(email)s'.") % {"email": email})
    return people[0]


def is_active(person):
    employee = getattr(person, "employee", None)
    return person.is_active and (employee is None or employee.active)


def decide(person, account, now):
    """The reason, in order: the account's state, the person's, the grant, the certificates."""
    if account.status == AccountStatus.RETIRED:
        return Reason.ACCOUNT_RETIRED, None
    if account.status == AccountStatus.PAUSED:
        return Reason.ACCOUNT_PAUSED, None
    if not is_active(person):
        return Reason.USER_INACTIVE, None
    if account.required_program_id is None:
        return Reason.ROLE_NOT_OFFERED, None
    if person.grant_until is not None:
        if person.grant_until > now:
            return Reason.GRANTED, person.grant_until
        return Reason.CERTIFICATE_EXPIRED, None
    if person.has_valid:
        return Reason.NOT_GRANTED, None
    if person.latest_status is None:
        return Reason.NO_CERTIFICATE, None
    if person.latest_status == CertificateStatus.REVOKED:
        return Reason.CERTIFICATE_REVOKED, None
    return Reason.CERTIFICATE_EXPIRED, None


def check_access(email, account_reference, role, now=None):
    """Answer the check in two queries. Raises InvalidRole, UnknownSubject, AmbiguousAccount."""
    if role not in RoleName.values:
        raise InvalidRole(
            _("'%(role)s' is not a role. Roles: %(roles)s.")
            % {"role": role, "roles": ", ".join(RoleName.values)}
        )
    now = now or timezone.now()
    account = find_account(account_reference, role)
    person = find_person(email, account, role, now)
    reason, until = decide(person, account, now)
    return CheckResult(
        allowed=reason == Reason.GRANTED,
        reason=reason,
        until=until,
        user_id=person.pk,
        account_id=account.pk,
        role=role,
    )
