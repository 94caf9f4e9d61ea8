"""Admin building blocks every app's screens share: viewsets of records only services make, and
a column for moments."""

from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from wagtail.admin.ui.tables import Column
from wagtail.admin.viewsets.model import ModelViewSet


class ServiceMadeViewSet(ModelViewSet):
    """Records that only the services make: an index, an inspect page and the views a subclass
    adds in `get_extra_urlpatterns()`; no add, edit, copy or delete."""

    form_fields = []
    copy_view_enabled = False
    inspect_view_enabled = True

    def get_extra_urlpatterns(self):
        return []

    def get_urlpatterns(self):
        return [
            path("", self.index_view, name="index"),
            path("results/", self.index_results_view, name="index_results"),
            path("inspect/<int:pk>/", self.inspect_view, name="inspect"),
            *self.get_extra_urlpatterns(),
        ]

    def get_common_view_kwargs(self, **kwargs):
        return super().get_common_view_kwargs(
            **{
                "add_url_name": None,
                "edit_url_name": None,
                "delete_url_name": None,
                "history_url_name": None,
                "usage_url_name": None,
                **kwargs,
            }
        )


class MomentColumn(Column):
    """A date and time as such ("3 Mar 2027, 09:12"): Wagtail's DateColumn says "Just now" for
    moments still to come, such as when a grant ends."""

    def __init__(self, name, **kwargs):
        kwargs.setdefault("sort_key", name)
        super().__init__(name, **kwargs)

    def get_value(self, instance):
        value = super().get_value(instance)
        if value is None:
            return ""
        return date_format(timezone.localtime(value), "DATETIME_FORMAT")
