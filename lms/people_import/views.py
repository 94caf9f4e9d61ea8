"""Admin views of the people import: upload, progress (a bar that works without JavaScript by
refreshing, and polls a small JSON view with it), and the list of bad rows."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lms.exports import csv_response
from lms.forms import PeopleImportForm
from lms.models import PeopleImport
from lms.people_import import (
    COLUMNS,
    ImportRefused,
    async_threshold,
    keep_days,
    start_import,
)
from lms.scope import scope_for

ERRORS_PER_PAGE = 100
EXAMPLE_ROW = (
    "NW00042,Ada,Lovelace,ada.lovelace@example.com,Northwind Systems/Sales/Sales EMEA,"
    "NW00007,Account Executive,Dublin,2024-03-01,true"
)


def _may_import(user):
    """Imports touch the whole organisation, so only HR without a scope may run them."""
    return user.has_perm("lms.add_peopleimport") and scope_for(user).is_whole_organisation


def _may_view(user):
    return user.has_perm("lms.view_peopleimport") or _may_import(user)


def visible_imports(user):
    """The imports this user may see: every one for superusers and HR without a scope; for an
    HR user with a scope, only those they uploaded themselves.

    An import's file holds the whole organisation, and its row problems quote the ids and
    emails of people in any department, so which departments an import touched is no safe
    test (a rejected file changed none, and a purged one can no longer say). Anyone else's
    import is simply not found (404), so its existence is not given away either.
    """
    imports = PeopleImport.objects.all()
    if scope_for(user).is_whole_organisation:
        return imports
    return imports.filter(created_by=user) if user.pk else imports.none()


@require_http_methods(["GET", "POST"])
def import_index(request):
    if not _may_view(request.user):
        raise PermissionDenied
    may_import = _may_import(request.user)
    form = PeopleImportForm()
    status = 200
    if request.method == "POST":
        if not may_import:
            raise PermissionDenied
        form = PeopleImportForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                record = start_import(form.cleaned_data["file"], request.user)
            except ImportRefused as exc:
                form.add_error("file", str(exc))
            else:
                if record.status == "done":
                    messages.success(request, _("The import is done."))
                elif record.status == "rejected":
                    messages.error(request, _("The file has errors: nothing was changed."))
                return redirect("people_import:detail", pk=record.pk)
        status = 400
    imports = Paginator(visible_imports(request.user).select_related("created_by"), 20).get_page(
        request.GET.get("p")
    )
    return TemplateResponse(
        request,
        "lms/people_import/index.html",
        {
            "form": form,
            "may_import": may_import,
            "sees_all_imports": scope_for(request.user).is_whole_organisation,
            "imports": imports,
            "columns": COLUMNS,
            "example": EXAMPLE_ROW,
            "async_rows": async_threshold(),
            "keep_days": keep_days(),
            "page_title": _("Import people"),
        },
        status=status,
    )


@require_GET
def import_detail(request, pk):
    if not _may_view(request.user):
        raise PermissionDenied
    record = get_object_or_404(visible_imports(request.user).select_related("created_by"), pk=pk)
    errors = Paginator(record.errors or [], ERRORS_PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "lms/people_import/detail.html",
        {
            "record": record,
            "errors": errors,
            "status_url": reverse("people_import:status", args=[record.pk]),
            "keep_days": keep_days(),
            "page_title": _("People import"),
        },
    )


@require_GET
def import_status(request, pk):
    if not _may_view(request.user):
        raise PermissionDenied
    record = get_object_or_404(visible_imports(request.user), pk=pk)
    return JsonResponse(
        {
            "id": record.pk,
            "status": record.status,
            "status_label": record.get_status_display(),
            "progress": record.progress,
            "processed_rows": record.processed_rows,
            "total_rows": record.total_rows,
            "error_count": record.error_count,
            "finished": record.is_finished,
        }
    )


@require_GET
def import_template(request):
    if not _may_view(request.user):
        raise PermissionDenied
    return csv_response("people-import-template.csv", COLUMNS, [EXAMPLE_ROW.split(",")])
