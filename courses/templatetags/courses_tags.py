"""Links to the course pages, which live wherever the host put them in its page tree.

{% load courses_tags %}
{% catalogue_url as courses_url %}   the live course catalogue's URL, "" when there is none
"""

from django import template
from wagtail.models import Site

from courses.models import CourseIndexPage

register = template.Library()


@register.simple_tag(takes_context=True)
def catalogue_url(context):
    """The URL of the live course catalogue of the request's site (or the first one anywhere)."""
    request = context.get("request")
    catalogues = CourseIndexPage.objects.live().order_by("path")
    site = Site.find_for_request(request) if request is not None else None
    page = (catalogues.in_site(site).first() if site else None) or catalogues.first()
    return page.get_url(request) if page else ""
