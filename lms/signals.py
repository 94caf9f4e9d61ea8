"""Events of the organisation, sent synchronously inside the transaction that causes them.

- ``employee_deactivated(sender, employee)``: a person left (or was marked inactive by the HR
  import or in the admin). Listeners (access grants, the webhook outbox) run in the same
  transaction, so a failure rolls the whole change back.
"""

from django.dispatch import Signal

employee_deactivated = Signal()
