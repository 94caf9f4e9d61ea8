"""Events of the certification app, sent synchronously inside the transaction that causes them.

- ``certificate_issued(sender, certificate)``
- ``certificate_revoked(sender, certificate, reason)``
- ``certificates_expired(sender, certificate_ids)``: a list of primary keys (the daily sweep)
- ``certificate_renewed(sender, old, new)``: ``new`` continues ``old`` (renewed inside its
  recertification window): whatever rested on ``old`` moves to ``new``, with no revocation
- ``certificates_suspended(sender, certificate_ids, reason)``: suspended (a new policy not
  accepted after its grace period); ``certificates_unsuspended(sender, certificate_ids)``
- ``certificate_lifecycle(sender, event)``: a LifecycleEvent was recorded (manual actions by
  staff: extend, exemption, reinstate, attempts reset; window opened), for webhooks

Listeners (access grants, the webhook outbox) run in the same transaction, so a failure rolls
the whole change back.
"""

from django.dispatch import Signal

certificate_issued = Signal()
certificate_revoked = Signal()
certificates_expired = Signal()
certificate_renewed = Signal()
certificates_suspended = Signal()
certificates_unsuspended = Signal()
certificate_lifecycle = Signal()
