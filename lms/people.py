"""How a person is named on screens, in mails, payloads and exports: "First Last", or the
username when no name is recorded. One rule in Python and the same rule as an ORM expression."""

from django.db.models import CharField, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim


def display_name_of(first_name, last_name, fallback=""):
    """The name from its parts (a row read with `values()` or raw SQL); `fallback` when empty."""
    return f"{first_name or ''} {last_name or ''}".strip() or fallback


def display_name(user):
    """ "First Last", or the username; None for no user."""
    if user is None:
        return None
    return user.get_full_name() or user.get_username()


def display_name_expression(prefix=""):
    """`display_name` in SQL, for `annotate()`/`values()`: prefix is the path to the user, e.g.
    "holder__"."""
    return Coalesce(
        NullIf(
            Trim(
                Concat(
                    f"{prefix}first_name",
                    Value(" "),
                    f"{prefix}last_name",
                    output_field=CharField(),
                )
            ),
            Value(""),
        ),
        f"{prefix}username",
        output_field=CharField(),
    )
