"""Finding the published pages a person may learn from."""

from wagtail.models import Page

from courses.models import CoursePage
from courses.services.errors import NotAvailable


def _ancestor_paths(page):
    """Paths of the page's ancestors below the tree root."""
    step = Page.steplen
    return [page.path[:end] for end in range(step * 2, len(page.path), step)]


#: Wagtail's page ids are 32-bit; a larger number names no page (and would overflow the query).
MAX_PAGE_ID = 2**31 - 1


def is_page_id(pk):
    return isinstance(pk, int) and 0 < pk <= MAX_PAGE_ID


def published_page(model, pk):
    """The live page of this type, if every page above it is live too; else NotAvailable.

    Two queries whatever the depth."""
    page = model.objects.live().filter(pk=pk).first() if is_page_id(pk) else None
    if page is None or Page.objects.filter(path__in=_ancestor_paths(page), live=False).exists():
        raise NotAvailable(f"No published {model._meta.verbose_name} has the id {pk}.")
    return page


def parent_course(page):
    """The course a lesson or quiz belongs to (one query)."""
    return CoursePage.objects.get(path=page.path[: -Page.steplen])


def ensure_published(page):
    """Raise NotAvailable unless the page and all pages above it are live (one query)."""
    if not page.live or Page.objects.filter(path__in=_ancestor_paths(page), live=False).exists():
        raise NotAvailable(f"This {page._meta.verbose_name} is not published.")
    return page
