"""Finding the published pages a person may learn from."""

from wagtail.models import Page

from courses.models import CoursePage

from .errors import NotAvailable


def _ancestor_paths(page):
    """Paths of the page's ancestors below the tree root."""
    step = Page.steplen
    return [page.path[:end] for end in range(step * 2, len(page.path), step)]


def published_page(model, pk):
    """The live page of this type, if every page above it is live too; else NotAvailable.

    Two queries whatever the depth."""
    page = model.objects.live().filter(pk=pk).first()
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
