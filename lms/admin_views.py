"""Admin building blocks every app's screens share: viewsets of records only services make, a
small form view about one object, and a column for moments."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet

from lms.errors import message_response


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


class ObjectFormView(WagtailAdminTemplateMixin, FormView):
    """A small admin form about one object (decide, revoke, retire; or none, to create), with
    Wagtail's page furniture.

    Subclasses give `form_class`, `model` and `index_url_name`, and say who may come in:
    `has_permission(request)` is asked before the object is looked up (so a stranger learns
    nothing of which ids exist), `has_object_permission(request, obj)` after. A
    `summary_template` (rendered with the view's context) describes the object above the form.
    """

    model = None
    index_url_name = None
    index_label = None  # defaults to the model's plural name
    template_name = "lms/admin/object_form.html"
    summary_template = None
    summary_class = "help-info"
    submit_button_label = gettext_lazy("Save")

    def has_permission(self, request):
        return True

    def has_object_permission(self, request, obj):
        return True

    def dispatch(self, request, *args, **kwargs):
        if not self.has_permission(request):
            raise PermissionDenied
        self.object = self.get_object()
        if self.object is not None and not self.has_object_permission(request, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        return get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get_queryset(self):
        return self.model.objects.all()

    def get_page_subtitle(self):
        return str(self.object) if self.object is not None else super().get_page_subtitle()

    def get_index_label(self):
        return self.index_label or self.model._meta.verbose_name_plural

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(self.index_url_name), "label": self.get_index_label()},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            object=self.object,
            action_url=self.request.path,
            submit_button_label=self.submit_button_label,
            breadcrumbs_items=self.get_breadcrumbs_items(),
            header_title=self.get_header_title(),
            summary_template=self.summary_template,
            summary_class=self.summary_class,
            **self.get_extra_context(),
        )
        return context

    def get_extra_context(self):
        return {}

    def fail(self, exc):
        """A service said no (an `lms.errors.ServiceError`): say why, back to the index."""
        return message_response(self.request, exc, self.index_url_name)
