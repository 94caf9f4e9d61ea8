"""The certificates panel of the home page: earned, expiring soon, and the next step."""

import datetime

from django.utils import timezone

from certification.services.expiry import REMINDER_DAYS
from certification.services.standing import standings_for
from certification.services.suspension import policy_notice


def certificates_panel(user):
    standings = standings_for(user)
    if not standings:
        return None
    now = timezone.now()
    soon = now + datetime.timedelta(days=max(REMINDER_DAYS))
    held = [s for s in standings if s.held]
    expiring = [s.certificate for s in held if s.certificate.expires_at <= soon]
    lapsed = [s for s in standings if not s.held and s.renewing]
    next_step = next((s for s in standings if not s.held), None)
    return {
        "template": "certification/includes/dashboard_panel.html",
        "held": held,
        "expiring": expiring,
        "lapsed": lapsed,
        "next": next_step,
        "ladder": standings,
        "policy_notice": policy_notice(user, now),
    }
