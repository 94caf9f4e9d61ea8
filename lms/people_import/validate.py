"""Reading and checking an HR system export, whole, before anything is written.

The result is a `Plan`: the parsed rows plus what the database already holds, so applying it
needs no second look-up. Every problem is a `RowError` with the file's line number.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from lms.conf import academy_settings
from lms.models import Department, Employee

COLUMNS = (
    "employee_id",
    "first_name",
    "last_name",
    "email",
    "department_path",
    "manager_employee_id",
    "job_title",
    "location",
    "start_date",
    "active",
)
PATH_SEPARATOR = "/"
TRUE_WORDS = {"true", "yes", "y", "1", "active", ""}
FALSE_WORDS = {"false", "no", "n", "0", "inactive"}
MAX_LENGTHS = {
    "employee_id": 50,
    "first_name": 150,
    "last_name": 150,
    "email": 254,
    "job_title": 200,
    "location": 200,
}
DEPARTMENT_NAME_MAX = 200
NUL = "\x00"  # PostgreSQL cannot store it: a row problem, never an error when applying


class ImportRefused(Exception):
    """The file cannot be read at all (too large, empty, not UTF-8, no header)."""

    def __init__(self, message, line=1):
        super().__init__(message)
        self.line = line


@dataclass(frozen=True)
class RowError:
    line: int
    column: str
    message: str

    def as_dict(self):
        return {"line": self.line, "column": self.column, "message": self.message}


@dataclass
class PersonRow:
    line: int
    employee_id: str
    first_name: str
    last_name: str
    email: str
    department_path: tuple
    manager_employee_id: str
    job_title: str
    location: str
    start_date: datetime.date | None
    active: bool


@dataclass
class Existing:
    """What the database holds, read in a fixed number of queries."""

    employees: dict = field(default_factory=dict)  # employee_id -> dict of fields
    users: dict = field(default_factory=dict)  # user pk -> dict of fields
    user_by_email: dict = field(default_factory=dict)  # lower(email) -> [user pk, ...]
    usernames: set = field(default_factory=set)  # lower(username)
    departments: dict = field(default_factory=dict)  # name path tuple -> pk
    roots: set = field(default_factory=set)  # names of top-level departments
    department_codes: set = field(default_factory=set)

    @property
    def employee_by_user(self):
        return {emp["user_id"]: eid for eid, emp in self.employees.items()}


@dataclass
class Plan:
    rows: list
    errors: list
    existing: Existing
    total_rows: int
    #: The line checking stopped at, having found max_problems() problems; None if it read on.
    stopped_at_line: int | None = None

    @property
    def is_valid(self):
        return not self.errors and bool(self.rows)

    @property
    def stopped_early(self):
        return self.stopped_at_line is not None

    def stop_message(self):
        """Why the list of problems ends where it does, for the person who uploaded the file."""
        if not self.stopped_early:
            return ""
        return _(
            "Nothing was changed. Checking stopped after %(count)s problems, at line %(line)s: "
            "fix these and upload the file again (the lines after it were not checked)."
        ) % {"count": len(self.errors), "line": self.stopped_at_line}


def max_problems():
    """Checking stops once this many problems are found: a file of junk is refused quickly."""
    return max(int(academy_settings.PEOPLE_IMPORT_MAX_PROBLEMS), 1)


def load_existing():
    """Employees, users and departments as plain dicts: five queries whatever the size."""
    existing = Existing()
    User = get_user_model()
    manager_ids = dict(Employee.objects.values_list("pk", "employee_id"))
    for emp in Employee.objects.values(
        "pk",
        "employee_id",
        "user_id",
        "department_id",
        "manager_id",
        "job_title",
        "location",
        "start_date",
        "active",
    ).iterator(chunk_size=5000):
        emp["manager_employee_id"] = manager_ids.get(emp["manager_id"], "")
        existing.employees[emp["employee_id"]] = emp
    for user in User.objects.values(
        "pk", "username", "email", "first_name", "last_name", "is_active"
    ).iterator(chunk_size=5000):
        existing.users[user["pk"]] = user
        existing.usernames.add(user["username"].lower())
        if user["email"]:
            existing.user_by_email.setdefault(user["email"].lower(), []).append(user["pk"])
    names_by_path = {}
    for dept in Department.objects.order_by("path").values("pk", "path", "name", "code"):
        parent = names_by_path.get(dept["path"][: -Department.steplen], ())
        names = (*parent, dept["name"])
        names_by_path[dept["path"]] = names
        existing.departments.setdefault(names, dept["pk"])
        existing.department_codes.add(dept["code"])
        if len(names) == 1:
            existing.roots.add(dept["name"])
    return existing


def decode(raw):
    """The file's text; refuses what is empty, too large or not UTF-8."""
    limit = academy_settings.PEOPLE_IMPORT_MAX_BYTES
    if len(raw) > limit:
        raise ImportRefused(
            _("The file is %(size)s bytes; the limit is %(limit)s bytes.")
            % {"size": len(raw), "limit": limit}
        )
    if not raw.strip():
        raise ImportRefused(_("The file is empty."))
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ImportRefused(
            _("The file is not UTF-8 text (byte %(pos)s). Export it from the HR system as UTF-8.")
            % {"pos": exc.start},
            line=line,
        ) from exc


def _reader(text):
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except csv.Error as exc:
        raise ImportRefused(_("The header cannot be read: %(error)s") % {"error": exc}) from exc
    if any(NUL in name for name in header):
        raise ImportRefused(
            _(
                "The header holds a NUL character (U+0000): the file is damaged or not a CSV "
                "export. Export it from the HR system again."
            )
        )
    header = [name.strip().lower() for name in header]
    missing = [name for name in COLUMNS if name not in header]
    if missing:
        raise ImportRefused(
            _("Missing column(s): %(missing)s. Expected: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    if duplicated:
        raise ImportRefused(
            _("Column(s) appear twice: %(names)s.") % {"names": ", ".join(duplicated)}
        )
    return reader, header


def _parse_path(value):
    parts = [part.strip() for part in value.split(PATH_SEPARATOR)]
    if not value.strip():
        raise ValueError(_("The department path is empty."))
    if any(not part for part in parts):
        raise ValueError(
            _("The department path '%(path)s' is malformed: it has an empty level.")
            % {"path": value}
        )
    if any(len(part) > DEPARTMENT_NAME_MAX for part in parts):
        raise ValueError(_("A department name is longer than 200 characters."))
    return tuple(parts)


def _parse_date(value):
    if not value:
        return None
    try:
        parsed = datetime.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(
            _("'%(value)s' is not a date in the form YYYY-MM-DD.") % {"value": value}
        ) from exc
    if parsed.year < 1900:
        raise ValueError(_("'%(value)s' is not a plausible start date.") % {"value": value})
    return parsed


def _parse_active(value):
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("'%(value)s' is not true or false.") % {"value": value})


class RowChecker:
    """Checks one row at a time, remembering what it needs to catch duplicates."""

    def __init__(self, existing, header):
        self.existing = existing
        self.header = header
        self.width = len(header)
        self.errors = []
        self.seen_ids = {}
        self.seen_emails = {}

    def error(self, line, column, message):
        self.errors.append(RowError(line, column, str(message)))

    def check(self, line, values):
        if len(values) != self.width:
            self.error(
                line,
                "",
                _("Expected %(expected)s fields, found %(found)s.")
                % {"expected": self.width, "found": len(values)},
            )
            return None
        data = {name: value.strip() for name, value in zip(self.header, values, strict=True)}
        before = len(self.errors)
        damaged = [name for name in COLUMNS if NUL in data[name]]
        if damaged:
            return self._refuse_damaged(line, data, damaged)
        for name, limit in MAX_LENGTHS.items():
            if len(data[name]) > limit:
                self.error(line, name, _("Longer than %(limit)s characters.") % {"limit": limit})
        for name in ("employee_id", "first_name", "email"):
            if not data[name]:
                self.error(line, name, _("This column is required."))
        row = PersonRow(
            line=line,
            employee_id=data["employee_id"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            email=data["email"].lower(),
            department_path=(),
            manager_employee_id=data["manager_employee_id"],
            job_title=data["job_title"],
            location=data["location"],
            start_date=None,
            active=True,
        )
        self._check_parsed(row, data)
        self._check_unique(row)
        return row if len(self.errors) == before else None

    def _refuse_damaged(self, line, data, damaged):
        """Cells holding a NUL are reported alone (the other checks would quote them back);
        the row's id and email, when whole, still count, as a manager or a duplicate."""
        for name in damaged:
            self.error(
                line,
                name,
                _("Holds a NUL character (U+0000): remove it and upload the file again."),
            )
        whole = {name: "" if name in damaged else data[name] for name in COLUMNS}
        self._check_unique(
            PersonRow(
                line=line,
                employee_id=whole["employee_id"],
                first_name="",
                last_name="",
                email=whole["email"].lower(),
                department_path=(),
                manager_employee_id="",
                job_title="",
                location="",
                start_date=None,
                active=True,
            )
        )

    def _check_parsed(self, row, data):
        for column, parser, attribute in (
            ("department_path", _parse_path, "department_path"),
            ("start_date", _parse_date, "start_date"),
            ("active", _parse_active, "active"),
        ):
            try:
                setattr(row, attribute, parser(data[column]))
            except ValueError as exc:
                self.error(row.line, column, exc)
        if row.department_path and self.existing.roots:
            root = row.department_path[0]
            if root not in self.existing.roots:
                self.error(
                    row.line,
                    "department_path",
                    _("Unknown top-level department '%(root)s' (the organisation is %(known)s).")
                    % {"root": root, "known": ", ".join(sorted(self.existing.roots))},
                )
        if row.email:
            try:
                validate_email(row.email)
            except ValidationError:
                self.error(
                    row.line,
                    "email",
                    _("'%(email)s' is not an email address.") % {"email": row.email},
                )
        if row.manager_employee_id and row.manager_employee_id == row.employee_id:
            self.error(row.line, "manager_employee_id", _("A person cannot manage themselves."))

    def _check_unique(self, row):
        if row.employee_id:
            first = self.seen_ids.setdefault(row.employee_id, row.line)
            if first != row.line:
                self.error(
                    row.line,
                    "employee_id",
                    _("Employee id '%(id)s' is already on line %(line)s.")
                    % {"id": row.employee_id, "line": first},
                )
        if row.email:
            first = self.seen_emails.setdefault(row.email, row.line)
            if first != row.line:
                self.error(
                    row.line,
                    "email",
                    _("Email '%(email)s' is already on line %(line)s.")
                    % {"email": row.email, "line": first},
                )


def _check_email_owners(rows, existing, errors):
    """An email may not belong to a user who is someone else."""
    employee_by_user = existing.employee_by_user
    for row in rows:
        owners = existing.user_by_email.get(row.email, [])
        current = existing.employees.get(row.employee_id)
        for user_pk in owners:
            if current and current["user_id"] == user_pk:
                continue
            other = employee_by_user.get(user_pk)
            if other is None and current is None and len(owners) == 1:
                continue  # a user without an employee record: the import adopts it
            if other is None:
                message = _("Email '%(email)s' already belongs to the user '%(user)s'.") % {
                    "email": row.email,
                    "user": existing.users[user_pk]["username"],
                }
            else:
                message = _("Email '%(email)s' already belongs to employee '%(other)s'.") % {
                    "email": row.email,
                    "other": other,
                }
            errors.append(RowError(row.line, "email", message))
            break


def _check_managers(rows, existing, errors, ids_in_file):
    """Every manager exists (in the file or already), and no chain of managers loops."""
    manager_of = {eid: emp["manager_employee_id"] for eid, emp in existing.employees.items()}
    for row in rows:
        manager_of[row.employee_id] = row.manager_employee_id
    for row in rows:
        wanted = row.manager_employee_id
        if wanted and wanted not in manager_of and wanted not in ids_in_file:
            errors.append(
                RowError(
                    row.line,
                    "manager_employee_id",
                    _("No employee '%(id)s' in the file or the organisation.") % {"id": wanted},
                )
            )
    state = {}  # employee_id -> "visiting" | "done"
    in_cycle = set()
    for row in rows:
        chain = []
        node = row.employee_id
        while node and state.get(node) is None:
            state[node] = "visiting"
            chain.append(node)
            node = manager_of.get(node)
        if node and state.get(node) == "visiting":
            loop = chain[chain.index(node) :]
            in_cycle.update(loop)
        for visited in chain:
            state[visited] = "done"
    lines = {row.employee_id: row for row in rows}
    for employee_id in sorted(in_cycle, key=lambda eid: lines[eid].line if eid in lines else 0):
        if employee_id in lines:
            errors.append(
                RowError(
                    lines[employee_id].line,
                    "manager_employee_id",
                    _("The manager chain of '%(id)s' loops back to them.") % {"id": employee_id},
                )
            )


def validate(raw, progress=None, existing=None):
    """Parse and check the whole file. Returns a Plan; nothing is written."""
    try:
        text = decode(raw)
        reader, header = _reader(text)
    except ImportRefused as exc:
        return Plan(
            rows=[], errors=[RowError(exc.line, "", str(exc))], existing=Existing(), total_rows=0
        )
    existing = existing if existing is not None else load_existing()
    checker = RowChecker(existing, header)
    limit = max_problems()
    rows = []
    count = 0
    stopped_at = None
    try:
        for values in reader:
            if not any(value.strip() for value in values):
                continue
            count += 1
            row = checker.check(reader.line_num, values)
            if row is not None:
                rows.append(row)
            if progress and count % 2000 == 0:
                progress(count)
            if len(checker.errors) >= limit:
                stopped_at = reader.line_num
                break
    except csv.Error as exc:
        checker.error(
            reader.line_num, "", _("The CSV cannot be read here: %(error)s") % {"error": exc}
        )
    errors = checker.errors
    if count == 0 and not errors:
        errors.append(RowError(1, "", _("The file has a header but no people.")))
    if stopped_at is None:
        # Both need the whole file: a manager may be on a line after the person.
        _check_email_owners(rows, existing, errors)
        _check_managers(rows, existing, errors, set(checker.seen_ids))
    errors.sort(key=lambda error: (error.line, error.column))
    return Plan(
        rows=rows,
        errors=errors,
        existing=existing,
        total_rows=count,
        stopped_at_line=stopped_at,
    )
