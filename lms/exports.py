"""Every CSV the site writes goes through here: the same UTF-8 BOM and content type, and no cell a
spreadsheet would run as a formula.

Rows are written in batches to a StreamingHttpResponse, so a 100,000-row export holds a batch in
memory, never the file. Wagtail's own exports (every admin listing and report with "Download
CSV") are routed here too, by `protect_spreadsheet_exports`, called when the app is ready.
"""

import csv
import io

from django.http import StreamingHttpResponse
from django.utils.functional import Promise
from wagtail.admin.views.mixins import SpreadsheetExportMixin

BATCH_ROWS = 1000
CONTENT_TYPE = "text/csv; charset=utf-8"
#: Excel reads a CSV without a byte order mark in the machine's legacy code page.
BOM = "\ufeff"
#: A text cell starting with one of these is read as a formula by Excel, LibreOffice and Google
#: Sheets (a leading tab or carriage return is dropped and what follows is read again).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """A text cell that would start a formula gets a leading single quote (as OWASP advises), so
    the spreadsheet shows it as text. Numbers, dates and empty cells are left as they are: a
    negative count stays a number."""
    if isinstance(value, Promise):
        value = str(value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def csv_chunks(header, rows, batch=BATCH_ROWS):
    """Yield the CSV text in chunks of `batch` rows (UTF-8 with a BOM, for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([safe_cell(cell) for cell in header])
    pending = 0
    yield BOM
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
        pending += 1
        if pending >= batch:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate(0)
            pending = 0
    yield buffer.getvalue()


def csv_response(filename, header, rows):
    """A streamed CSV download: `rows` is any iterable of lists of cells."""
    response = StreamingHttpResponse(csv_chunks(header, rows), content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def spreadsheet_csv_response(view, queryset):
    """Wagtail's SpreadsheetExportMixin.write_csv_response, written through csv_response.

    The view's own list_export, headings, to_row_dict and value preprocessing still decide what
    each cell holds; only the writing is ours. Wagtail writes cells as they are (it considers
    formula escaping the spreadsheet's job) with neither a BOM nor a charset."""
    fields = list(view.list_export)
    header = [view.get_heading(queryset, field) for field in fields]
    rows = (
        [
            view.preprocess_field_value(field, value, view.FORMAT_CSV)
            for field, value in view.to_row_dict(item).items()
        ]
        for item in queryset
    )
    return csv_response(f"{view.get_filename()}.csv", header, rows)


def protect_spreadsheet_exports():
    """Send the CSV of every Wagtail listing and report (the project's viewsets and report views,
    and Wagtail's own: site history, aging pages, redirects...) through csv_response.

    Wagtail offers no setting for this, and its exports are not all built from a class of
    ours, so the one method is replaced on the mixin they all share. XLSX needs nothing: Wagtail
    already writes a cell openpyxl would take for a formula as a string, and a string cell of a
    workbook is never calculated."""

    def write_csv_response(self, queryset):
        return spreadsheet_csv_response(self, queryset)

    write_csv_response.__doc__ = spreadsheet_csv_response.__doc__
    SpreadsheetExportMixin.write_csv_response = write_csv_response
