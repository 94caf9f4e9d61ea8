"""Events of the access app, sent synchronously inside the transaction that causes them.

- ``account_retired(sender, account, actor)``: an official account was saved as retired (its
  grants are revoked and its pending requests closed by `access.receivers`)
"""

from django.dispatch import Signal

account_retired = Signal()
