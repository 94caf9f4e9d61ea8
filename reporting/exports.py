"""CSV rows of the completion report's people."""

from reporting.completion import PersonStatus


def person_rows(people):
    """The drill-down as CSV cells (the same columns in the admin and the API)."""

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
        "yes" if person.due_renewal else "no",
        "yes" if person.renewed else "no",
        "yes" if person.lapsed else "no",
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
    "Due for renewal",
    "Renewed",
    "Lapsed",
]
