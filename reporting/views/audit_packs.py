"""Admin views of audit packs: the request form with the list of packs (a progress bar that
refreshes itself without JavaScript and polls a small JSON view with it), and the download.

People allowed to see HR reports use them, for departments inside their HR scope; a pack of a
department outside it is not found (404), in the list, its status and its download."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from reporting.audit_packs import max_range_days, request_pack, retention_days, visible_packs
from reporting.forms import AuditPackForm
from reporting.models import AuditPackStatus
from reporting.scope import can_view_reports

PACKS_PER_PAGE = 20


def _check(user):
    if not can_view_reports(user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def pack_index(request):
    _check(request.user)
    form = AuditPackForm(user=request.user)
    status = 200
    if request.method == "POST":
        form = AuditPackForm(request.POST, user=request.user)
        if form.is_valid():
            data = form.cleaned_data
            request_pack(
                request.user,
                data["department"],
                data["date_from"],
                data["date_to"],
                data.get("program"),
            )
            messages.success(
                request, _("The audit pack is being built: it appears below when it is ready.")
            )
            return redirect("audit_packs:index")
        status = 400
    packs = Paginator(
        visible_packs(request.user).select_related("requested_by", "department", "program"),
        PACKS_PER_PAGE,
    ).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        "reporting/reports/audit_packs.html",
        {
            "form": form,
            "packs": packs,
            "building": any(not pack.is_finished for pack in packs),
            "retention_days": retention_days(),
            "max_range_days": max_range_days(),
            "page_title": _("Audit packs"),
        },
        status=status,
    )


@require_GET
def pack_status(request, pk):
    _check(request.user)
    pack = get_object_or_404(visible_packs(request.user), pk=pk)
    return JsonResponse(
        {
            "id": pack.pk,
            "status": pack.status,
            "status_label": pack.get_status_display(),
            "done": pack.done,
            "total": pack.total,
            "percent": pack.percent,
            "progress_text": _("%(done)s of %(total)s") % {"done": pack.done, "total": pack.total},
            "finished": pack.is_finished,
        }
    )


@require_GET
def pack_download(request, pk):
    _check(request.user)
    pack = get_object_or_404(visible_packs(request.user).select_related("department"), pk=pk)
    if pack.status != AuditPackStatus.DONE or not pack.file.name:
        raise Http404(_("This audit pack has no file to download (not ready, or deleted)."))
    try:
        handle = pack.file.storage.open(pack.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404(_("This audit pack's file is gone.")) from exc
    return FileResponse(
        handle, as_attachment=True, filename=pack.download_name, content_type="application/zip"
    )
