"""How a page of this app reaches its views.

What a course, lesson, quiz, policy or the catalogue shows and what its forms do is in
`courses.views`: the views use the services, which use these models, so the models do not
import the views. The app hands them over through a hook instead (courses/wagtail_hooks.py):

    @hooks.register("courses_page_views")
    def page_views():
        return {CoursePage: courses.views.course, ...}

and a page's `get_context`, `serve` and routes call ``views_for(self).<function>(self, ...)``.
"""

from django.core.exceptions import ImproperlyConfigured
from wagtail import hooks

PAGE_VIEWS_HOOK = "courses_page_views"


def views_for(page):
    """The views registered for the page's type (or the nearest page type it extends)."""
    registered = {}
    for provider in hooks.get_hooks(PAGE_VIEWS_HOOK):
        registered.update(provider())
    for cls in type(page).__mro__:
        if cls in registered:
            return registered[cls]
    raise ImproperlyConfigured(
        f"No views for {type(page).__name__}: register them with the {PAGE_VIEWS_HOOK!r} hook."
    )
