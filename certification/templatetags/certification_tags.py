"""{% openbadges2_assertion_url certificate %}: the address of a certificate's hosted Open Badges
2.0 Assertion, or "" when it has none. For the holder's own pages only (see
certification.openbadges2 on why this address is given to nobody else)."""

from django import template

from certification import openbadges2

register = template.Library()


@register.simple_tag
def openbadges2_assertion_url(certificate):
    if not openbadges2.has_assertion(certificate):
        return ""
    return openbadges2.assertion_url(certificate)
