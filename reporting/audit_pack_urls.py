"""Admin URLs of audit packs (mounted under /admin/reports/audit-packs/)."""

from django.urls import path

from reporting.views.audit_packs import pack_download, pack_index, pack_status

app_name = "audit_packs"

urlpatterns = [
    path("", pack_index, name="index"),
    path("<int:pk>/status.json", pack_status, name="status"),
    path("<int:pk>/download/", pack_download, name="download"),
]
