"""Access across a certificate's renewal: carried over without a gap, or given back after expiry.

- `carry_over_grants(old, new)`: a certificate renewed inside its window (`certificate_renewed`).
  Every unrevoked grant resting on the old one now rests on the new one and lasts as long, in
  one UPDATE; one audit entry per grant (`access.renewed`). Nothing is revoked in between, so
  the access check never answers "no".
- `restore_after_expiry(new)`: a certificate issued after the previous one *expired*. The
  grants revoked because that one expired come back: granted again at once on accounts that
  need no approval (audited as granted, "renewed after expiry"); on accounts that need an
  owner's approval a new request waits for them.
"""

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from access.models import (
    AccessGrant,
    AccountRole,
    AccountStatus,
    AuditAction,
    AuditEntry,
    RevokeReason,
)
from access.services.audit import audit_entry
from access.services.errors import AccessError
from access.services.requests import grant_access, request_access


def carry_over_grants(old, new, now=None):
    """Move the unrevoked grants resting on `old` to `new`, set-based; returns how many."""
    now = now or timezone.now()
    with transaction.atomic():
        grants = list(
            AccessGrant.objects.unrevoked()
            .filter(certificate_id=old.pk)
            .select_related("user", "account")
            .select_for_update(of=("self",))
            .order_by("pk")
        )
        if not grants:
            return 0
        AccessGrant.objects.filter(pk__in=[grant.pk for grant in grants]).update(
            certificate=new, expires_at=new.expires_at
        )
        AuditEntry.objects.bulk_create(
            [
                audit_entry(
                    AuditAction.RENEWED,
                    account=grant.account,
                    role=grant.role,
                    subject=grant.user,
                    certificate=new,
                    reason=_("Certificate renewed"),
                    grant_id=grant.pk,
                    renews=old.serial,
                    expires_at=new.expires_at.isoformat(),
                    previous_expires_at=grant.expires_at.isoformat(),
                )
                for grant in grants
            ]
        )
    return len(grants)


def restore_after_expiry(new):
    """Give back what the expiry of the certificate `new` renews took away. Returns
    (grants made, requests opened)."""
    old = new.renews
    if old is None or old.expires_at > new.issued_at:
        return [], []
    covered = [program.pk for program in new.program.lineage()]
    still_offered = AccountRole.objects.filter(
        account=OuterRef("account"), role=OuterRef("role"), program__in=covered
    )
    held_now = AccessGrant.objects.unrevoked().filter(
        user=OuterRef("user"), account=OuterRef("account"), role=OuterRef("role")
    )
    lost = (
        AccessGrant.objects.filter(
            certificate_id=old.pk,
            revoke_reason=RevokeReason.CERTIFICATE_EXPIRED,
            account__status=AccountStatus.ACTIVE,
        )
        .filter(Exists(still_offered), ~Exists(held_now))
        .select_related("account")
        .order_by("pk")
    )
    granted, requested, seen = [], [], set()
    for grant in lost:
        key = (grant.account_id, grant.role)
        if key in seen:
            continue
        seen.add(key)
        try:
            with transaction.atomic():
                if grant.account.requires_approval:
                    requested.append(
                        request_access(
                            new.holder,
                            grant.account,
                            grant.role,
                            note=_("Held until the certificate expired; renewed since."),
                        )
                    )
                else:
                    granted.append(
                        grant_access(
                            new.holder,
                            grant.account,
                            grant.role,
                            new,
                            reason=_("Renewed after expiry"),
                        )
                    )
        except AccessError:
            continue  # asked again already, or granted meanwhile
    return granted, requested
