"""What a person must finish by a date. Assignments (and their due dates) belong to HR: the HR
side registers a provider here, and "my learning" and the home page show what it returns.

    @hooks.register("academy_due_items")
    def assignments_due(user):
        return [DueItem(title=..., due_on=date, url=..., course_id=...), ...]

Without such a hook, ``due_items(user)`` is an empty list.
"""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from wagtail import hooks

DUE_ITEMS_HOOK = "academy_due_items"


@dataclass(frozen=True)
class DueItem:
    """Something assigned to a person, with the date it is due."""

    title: str
    due_on: datetime.date
    url: str = ""
    course_id: int | None = None
    completed: bool = False

    @property
    def overdue(self):
        return not self.completed and self.due_on < timezone.localdate()


def due_items(user):
    """Everything due for this person from every provider, soonest first ([] without one)."""
    if user is None or not user.is_authenticated:
        return []
    items = [item for provider in hooks.get_hooks(DUE_ITEMS_HOOK) for item in provider(user)]
    return sorted(items, key=lambda item: (item.completed, item.due_on, item.title))
