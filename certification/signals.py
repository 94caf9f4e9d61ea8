"""Events of the certification app, sent synchronously inside the transaction that causes them.

- ``certificate_issued(sender, certificate)``
- ``certificate_revoked(sender, certificate, reason)``
- ``certificates_expired(sender, certificate_ids)``: a list of primary keys (the daily sweep)

Listeners (access grants, the webhook outbox) run in the same transaction, so a failure rolls
the whole change back.
"""

from django.dispatch import Signal

certificate_issued = Signal()
certificate_revoked = Signal()
certificates_expired = Signal()
