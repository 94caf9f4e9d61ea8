"""Audit packs: every certificate PDF issued to a department (and everything under it) in a date
range, with a CSV manifest, in one ZIP an auditor can keep.

`request_pack` (the admin form) records an AuditPack row and queues `BUILD_TASK`; `build_pack`
(the task's body) writes the ZIP to the private storage one PDF at a time, so memory stays flat
whatever the size of the pack, and records its progress (done of total) on the row for the page
to show; `purge_expired_packs` (daily) deletes the files of packs built more than
AUDIT_PACK_RETENTION_DAYS ago. `visible_packs` is who may see and download which pack: people
allowed to see HR reports, for departments inside their HR scope.
"""

import csv
import datetime
import logging
import tempfile
import zipfile
from datetime import timedelta

from django.core.files import File
from django.utils import timezone
from django.utils.translation import gettext as _

from certification.models import Certificate, CertificateKind, IssuerSettings
from certification.pdf import render_certificate_pdf
from lms.conf import academy_settings
from lms.exports import BOM, safe_cell
from lms.outbox import enqueue
from lms.scope import scope_for
from reporting.models import AuditPack, AuditPackStatus
from reporting.scope import can_view_reports

logger = logging.getLogger(__name__)

#: The task that builds a pack (reporting.tasks), queued by name.
BUILD_TASK = "reporting.tasks.build_audit_pack"

MANIFEST_NAME = "manifest.csv"
MANIFEST_HEADER = [
    "Holder",
    "Employee id",
    "Department",
    "Program",
    "Serial",
    "Kind",
    "Issued",
    "Expires",
    "Status",
    "Verification URL",
    "File",
]
#: Progress is written to the row after this many certificates at least (and about every 1%).
PROGRESS_EVERY = 20
#: Certificates read from the database at a time: what the pack holds in memory besides one PDF.
CHUNK = 50


def retention_days():
    return max(int(academy_settings.AUDIT_PACK_RETENTION_DAYS), 0)


def max_range_days():
    return max(int(academy_settings.AUDIT_PACK_MAX_RANGE_DAYS), 1)


def visible_packs(user):
    """The packs this user may see and download: none without the report permission; every
    pack for superusers and HR without a scope; packs of departments inside the scope otherwise
    (a pack whose department was deleted only for the whole organisation)."""
    if not can_view_reports(user):
        return AuditPack.objects.none()
    scope = scope_for(user)
    packs = AuditPack.objects.all()
    if scope.is_whole_organisation:
        return packs
    return packs.filter(department__isnull=False).filter(scope.department_condition("department__"))


def _day_start(day):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def certificates_for(department, date_from, date_to, program=None):
    """The certificates issued from `date_from` to `date_to` (whole days, in the site's time
    zone) to people of `department` and its sub-departments, oldest first, with what the PDF
    and the manifest read (holder, employee, department, program) in the same query."""
    certificates = Certificate.objects.filter(
        issued_at__gte=_day_start(date_from),
        issued_at__lt=_day_start(date_to + timedelta(days=1)),
        holder__employee__department__path__startswith=department.path,
    )
    if program is not None:
        certificates = certificates.filter(program=program)
    return certificates.select_related(
        "holder", "holder__employee", "holder__employee__department", "program"
    ).order_by("issued_at", "pk")


def request_pack(user, department, date_from, date_to, program=None):
    """Record a pack and queue its building (after the commit). The caller has checked the
    input (reporting.forms.AuditPackForm): the department inside the user's scope, the range in
    order and not too long."""
    pack = AuditPack.objects.create(
        requested_by=user,
        department=department,
        date_from=date_from,
        date_to=date_to,
        program=program,
        total=certificates_for(department, date_from, date_to, program).count(),
    )
    enqueue(BUILD_TASK, pack.pk)
    return pack


def pdf_name(certificate):
    return f"{certificate.program.slug}-certificate-{certificate.serial}.pdf"


def _local_day(moment):
    return timezone.localtime(moment).date().isoformat()


def manifest_row(certificate, file_name):
    employee = getattr(certificate.holder, "employee", None)
    return [
        certificate.holder_name,
        employee.employee_id if employee else "",
        employee.department.name if employee else "",
        certificate.program.name,
        certificate.serial,
        str(certificate.get_kind_display()),
        _local_day(certificate.issued_at),
        _local_day(certificate.expires_at),
        str(certificate.get_current_status_display()),
        certificate.verification_url(),
        file_name,
    ]


def write_pack(handle, certificates, progress=None):
    """Write the ZIP of `certificates` to the binary file `handle`: one PDF at a time (each
    written and dropped before the next is drawn), then the manifest, kept on disk meanwhile.
    Exemptions are listed in the manifest without a PDF (none is issued for them). `progress(n)`
    is called now and then with how many certificates are packed. Returns that number."""
    issuer = IssuerSettings.load()
    done = 0
    with (
        tempfile.TemporaryFile("w+", encoding="utf-8", newline="") as manifest,
        zipfile.ZipFile(handle, "w", compression=zipfile.ZIP_DEFLATED) as archive,
    ):
        manifest.write(BOM)
        writer = csv.writer(manifest)
        writer.writerow(MANIFEST_HEADER)
        for certificate in certificates.iterator(chunk_size=CHUNK):
            file_name = ""
            if certificate.kind != CertificateKind.EXEMPTION:
                file_name = pdf_name(certificate)
                archive.writestr(file_name, render_certificate_pdf(certificate, issuer=issuer))
            writer.writerow([safe_cell(cell) for cell in manifest_row(certificate, file_name)])
            done += 1
            if progress:
                progress(done)
        manifest.seek(0)
        with archive.open(MANIFEST_NAME, "w") as entry:
            while chunk := manifest.read(64 * 1024):
                entry.write(chunk.encode("utf-8"))
    return done


def build_pack(pk):
    """Build a queued pack (the task's body); returns its final status. A pack already built is
    left alone; one a lost worker left running is built again from the start."""
    pack = AuditPack.objects.select_related("department", "program").filter(pk=pk).first()
    if pack is None or pack.is_finished:
        return pack.status if pack else None
    if pack.department is None:
        return _fail(pk, _("The department was deleted before the pack was built."))
    certificates = certificates_for(pack.department, pack.date_from, pack.date_to, pack.program)
    total = certificates.count()
    AuditPack.objects.filter(pk=pk).update(status=AuditPackStatus.RUNNING, total=total, done=0)
    step = max(PROGRESS_EVERY, total // 100)
    state = {"written": 0}

    def progress(done):
        if done - state["written"] >= step:
            AuditPack.objects.filter(pk=pk).update(done=done)
            state["written"] = done

    try:
        with tempfile.TemporaryFile() as handle:
            done = write_pack(handle, certificates, progress)
            handle.seek(0)
            name = pack.file.field.generate_filename(pack, pack.download_name)
            stored = pack.file.storage.save(name, File(handle), max_length=100)
    except Exception as exc:  # noqa: BLE001 - recorded on the pack for the person who asked
        logger.exception("Audit pack %s failed", pk)
        return _fail(
            pk, _("The pack could not be built (%(error)s).") % {"error": type(exc).__name__}
        )
    AuditPack.objects.filter(pk=pk).update(
        status=AuditPackStatus.DONE,
        file=stored,
        total=done,
        done=done,
        finished_at=timezone.now(),
        error="",
    )
    return AuditPackStatus.DONE


def _fail(pk, message):
    AuditPack.objects.filter(pk=pk).update(
        status=AuditPackStatus.FAILED, error=str(message), finished_at=timezone.now()
    )
    return AuditPackStatus.FAILED


def purge_expired_packs(now=None):
    """Delete the files of packs finished more than retention_days() ago (daily task). The row
    stays, marked expired, with what it held; a file already gone is no error. Returns how many
    packs were purged."""
    cutoff = (now or timezone.now()) - timedelta(days=retention_days())
    due = AuditPack.objects.filter(status=AuditPackStatus.DONE, finished_at__lte=cutoff).only(
        "pk", "file"
    )
    purged = 0
    for pack in due.iterator(chunk_size=200):
        if pack.file.name:
            try:
                pack.file.storage.delete(pack.file.name)
            except OSError:
                logger.exception("Audit pack %s: the file could not be deleted", pack.pk)
                continue
        AuditPack.objects.filter(pk=pack.pk).update(status=AuditPackStatus.EXPIRED, file="")
        purged += 1
    if purged:
        logger.info("Deleted %s audit pack(s) older than %s days", purged, retention_days())
    return purged
