"""Access follows certification: listeners that run inside the transaction of their cause.

- certificate issued   → waiting requests it covers are granted; one that renews a certificate
                         which expired gives back the access that expiry took
- certificate renewed  → every grant resting on the old certificate moves to the new one
- lifecycle: exemption, reinstated or extended → waiting requests it covers are granted
- certificate revoked  → every grant resting on it is revoked
- certificates expired → every grant resting on them is revoked
- an account retired   → its grants are revoked, its pending requests closed
- employee deactivated → every grant of the person is revoked, pending requests closed
- a role removed from an account, or given another program → the grants it no longer allows end
"""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from access import services as access_services
from access.models import AccountRole, RevokeReason
from access.signals import account_retired
from certification.models import LifecycleAction
from certification.signals import (
    certificate_issued,
    certificate_lifecycle,
    certificate_renewed,
    certificate_revoked,
    certificates_expired,
)
from lms.signals import employee_deactivated


@receiver(certificate_issued, dispatch_uid="access.certificate_issued")
def on_certificate_issued(sender, certificate, **kwargs):
    access_services.grant_waiting_requests(certificate)
    if certificate.renews_id is not None:
        access_services.restore_after_expiry(certificate)


@receiver(certificate_renewed, dispatch_uid="access.certificate_renewed")
def on_certificate_renewed(sender, old, new, **kwargs):
    access_services.carry_over_grants(old, new)


#: Staff's lifecycle actions after which a certificate counts (again) like a newly issued one.
COUNTS_AGAIN = {
    LifecycleAction.EXEMPTED,
    LifecycleAction.REINSTATED,
    LifecycleAction.EXTENDED,
}


@receiver(certificate_lifecycle, dispatch_uid="access.certificate_lifecycle")
def on_certificate_lifecycle(sender, event, **kwargs):
    # An exemption, a reinstated certificate or an expired one extended: the requests waiting
    # for such a certificate are granted, as on issue.
    if event.action in COUNTS_AGAIN and event.certificate_id is not None:
        access_services.grant_waiting_requests(event.certificate)


@receiver(certificate_revoked, dispatch_uid="access.certificate_revoked")
def on_certificate_revoked(sender, certificate, reason="", **kwargs):
    access_services.revoke_for_certificates(
        [certificate.pk],
        RevokeReason.CERTIFICATE_REVOKED,
        by=getattr(certificate, "revoked_by", None),
        note=reason,
    )


@receiver(certificates_expired, dispatch_uid="access.certificates_expired")
def on_certificates_expired(sender, certificate_ids, **kwargs):
    access_services.revoke_for_certificates(certificate_ids, RevokeReason.CERTIFICATE_EXPIRED)


@receiver(account_retired, dispatch_uid="access.account_retired")
def on_account_retired(sender, account, actor=None, **kwargs):
    access_services.on_account_retired(account, actor=actor)


@receiver(employee_deactivated, dispatch_uid="access.employee_deactivated")
def on_employee_deactivated(sender, employee, **kwargs):
    access_services.revoke_for_user(employee.user)


@receiver(post_delete, sender=AccountRole, dispatch_uid="access.role_deleted")
def on_role_deleted(sender, instance, **kwargs):
    access_services.on_role_withdrawn(instance.account_id, instance.role)


@receiver(post_save, sender=AccountRole, dispatch_uid="access.role_saved")
def on_role_saved(sender, instance, created, raw=False, **kwargs):
    if raw:  # loaddata: rows as they were, nothing to withdraw
        return
    loaded_role = getattr(instance, "_loaded_role", None)
    loaded_program = getattr(instance, "_loaded_program_id", None)
    if not created and loaded_role and loaded_role != instance.role:
        access_services.on_role_withdrawn(instance.account_id, loaded_role)
    elif not created and loaded_program is not None and loaded_program != instance.program_id:
        access_services.on_requirement_changed(instance)
    instance._loaded_role, instance._loaded_program_id = instance.role, instance.program_id
