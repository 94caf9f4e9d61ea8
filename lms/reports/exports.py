"""CSV that streams: rows are written in batches to a StreamingHttpResponse, so a 100,000-row
export holds a batch in memory, never the file."""

import csv
import io

from django.http import StreamingHttpResponse

BATCH_ROWS = 1000


def csv_chunks(header, rows, batch=BATCH_ROWS):
    """Yield the CSV text in chunks of `batch` rows (UTF-8 with a BOM, for spreadsheets)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    pending = 0
    yield "\ufeff"
    for row in rows:
        writer.writerow(row)
        pending += 1
        if pending >= batch:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate(0)
            pending = 0
    yield buffer.getvalue()


def csv_response(filename, header, rows):
    response = StreamingHttpResponse(
        csv_chunks(header, rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def person_rows(people):
    """The drill-down as CSV cells (the same columns in the admin and the API)."""
    from .completion import PersonStatus

    labels = {key: str(label) for key, label in PersonStatus.LABELS.items()}  # translate once
    for person in people:
        yield person_cells(person, labels)


def person_cells(person, labels):
    return [
        person.employee_id,
        person.name,
        person.email,
        person.department,
        person.manager,
        labels[person.status],
        "yes" if person.overdue else "no",
        person.due_date.isoformat() if person.due_date else "",
        person.completed_at.isoformat(timespec="seconds") if person.completed_at else "",
        "yes" if person.certified else "no",
    ]


PERSON_HEADER = [
    "Employee id",
    "Name",
    "Email",
    "Department",
    "Manager",
    "Status",
    "Overdue",
    "Due date",
    "Completed at",
    "Certified",
]
