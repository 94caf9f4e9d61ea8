"""Deleting from the admin when other records still point at the object.

Wagtail's delete views refuse an object that its reference index knows to be protected; records
written outside the site process (by a Celery worker, an import, `seed_org`'s bulk inserts) are
not in that index, so the database's PROTECT / RESTRICT is what stops the delete. Without this
view that surfaced as a 500; now it is a message saying what still refers to the object, and
nothing is deleted.
"""

from collections import Counter

from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError, RestrictedError
from django.shortcuts import redirect
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from wagtail.admin.views.generic import DeleteView


def referring_summary(error):
    """'12 certificates, 3 account roles' from a ProtectedError or RestrictedError."""
    objects = getattr(error, "protected_objects", None) or getattr(error, "restricted_objects", ())
    counts = Counter(type(obj) for obj in objects)
    parts = []
    for model, count in sorted(counts.items(), key=lambda item: item[0]._meta.verbose_name):
        opts = model._meta
        parts.append(
            ngettext("%(count)s %(name)s", "%(count)s %(names)s", count)
            % {"count": count, "name": opts.verbose_name, "names": opts.verbose_name_plural}
        )
    return ", ".join(parts)


class KeepReferencedDeleteView(DeleteView):
    """A delete view that turns a protected delete into a message instead of a 500."""

    def form_valid(self, form):
        try:
            with transaction.atomic():
                return super().form_valid(form)
        except (ProtectedError, RestrictedError) as error:
            messages.error(
                self.request,
                _("%(object)s cannot be deleted: %(records)s still refer to it.")
                % {"object": capfirst(str(self.object)), "records": referring_summary(error)},
            )
            if self.edit_url_name:
                return redirect(self.edit_url_name, self.object.pk)
            return redirect(self.get_success_url())
