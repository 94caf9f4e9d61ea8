"""Template context shared by the site's pages."""

from django.utils.functional import SimpleLazyObject

from lms.models import Employee


def _manages_anyone(user):
    return Employee.objects.filter(
        manager__user_id=user.pk, manager__active=True, active=True
    ).exists()


def navigation(request):
    """`manages_team`: whether to show "My team" in the navigation.

    Lazy, so a page that does not render the navigation pays nothing; one EXISTS query for a
    signed-in person otherwise. The link is only a convenience: /my-team/ checks for itself.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"manages_team": False}
    return {"manages_team": SimpleLazyObject(lambda: _manages_anyone(user))}
