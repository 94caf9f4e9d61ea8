"""The decision step every approval workflow shares (certification approvals, access requests):
the request again, locked, still pending or refused as already decided; then the decision
recorded (status, when, by whom, the note) and what approving or rejecting does."""

from django.db import transaction
from django.utils import timezone


def decide(
    obj, *, approve, on_approve, on_reject, already_decided, queryset=None, pending="pending"
):
    """Lock `obj` (from `queryset`, default its model's manager) in a transaction; raise
    `already_decided(locked)` unless its status is still `pending`; then run `on_approve(locked)`
    or `on_reject(locked)` in that transaction. Returns the locked copy."""
    queryset = queryset if queryset is not None else type(obj)._default_manager.all()
    with transaction.atomic():
        locked = queryset.select_for_update(of=("self",)).get(pk=obj.pk)
        if locked.status != pending:
            raise already_decided(locked)
        (on_approve if approve else on_reject)(locked)
    return locked


def record_decision(obj, status, *, by, note, note_field="note", at=None):
    """Set and save the decision's fields: status, decided_at, decided_by and the note."""
    obj.status = status
    obj.decided_at = at or timezone.now()
    obj.decided_by = by
    setattr(obj, note_field, note)
    obj.save(update_fields=["status", "decided_at", "decided_by", note_field])
