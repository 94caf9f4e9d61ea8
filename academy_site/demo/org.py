"""The demo organisation: a department tree, about fifty employees and the four demo users."""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from lms.models import Department, Employee
from lms.setup import setup_hr_group

# (code, name, parent code)
DEPARTMENTS = [
    ("northwind", "Northwind Systems", None),
    ("marketing", "Marketing", "northwind"),
    ("brand-social", "Brand & Social", "marketing"),
    ("communications", "Corporate Communications", "marketing"),
    ("sales", "Sales", "northwind"),
    ("sales-emea", "Sales EMEA", "sales"),
    ("sales-americas", "Sales Americas", "sales"),
    ("support", "Customer Support", "northwind"),
    ("support-consumer", "Consumer Support", "support"),
    ("support-enterprise", "Enterprise Support", "support"),
    ("engineering", "Engineering", "northwind"),
    ("engineering-platform", "Platform Engineering", "engineering"),
    ("engineering-devices", "Devices", "engineering"),
    ("people", "People & Culture", "northwind"),
]

# username, first, last, department, job title, group
DEMO_USERS = [
    ("admin", "Ada", "Admin", "brand-social", "Head of Social Media", None),
    ("editor", "Eddie", "Editor", "communications", "Learning Content Editor", "Editors"),
    ("hr", "Harriet", "Reyes", "people", "Learning & Development Partner", "HR"),
    ("employee", "Alex", "Morgan", "support-consumer", "Customer Support Specialist", None),
]

FIRST_NAMES = [
    "Aisha",
    "Ben",
    "Chloe",
    "Daniel",
    "Elena",
    "Farid",
    "Grace",
    "Hugo",
    "Ines",
    "Jonas",
    "Keiko",
    "Liam",
    "Maya",
    "Noah",
    "Olivia",
    "Pavel",
    "Quinn",
    "Rosa",
    "Samir",
    "Tara",
    "Umar",
    "Vera",
    "Wei",
    "Ximena",
    "Yusuf",
    "Zoe",
]
LAST_NAMES = [
    "Adams",
    "Brennan",
    "Costa",
    "Dubois",
    "Eriksen",
    "Fischer",
    "Garcia",
    "Hughes",
    "Ivanova",
    "Jensen",
    "Kowalski",
    "Larsen",
    "Moreau",
    "Nakamura",
    "Okafor",
    "Patel",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Uddin",
    "Vargas",
    "Walsh",
    "Yilmaz",
    "Zhang",
]
JOB_TITLES = {
    "brand-social": ["Social Media Manager", "Community Manager", "Content Strategist"],
    "communications": ["Communications Manager", "Press Officer"],
    "sales-emea": ["Account Executive", "Sales Engineer"],
    "sales-americas": ["Account Executive", "Regional Sales Manager"],
    "support-consumer": ["Support Specialist", "Support Team Lead"],
    "support-enterprise": ["Technical Account Manager", "Support Engineer"],
    "engineering-platform": ["Software Engineer", "Site Reliability Engineer"],
    "engineering-devices": ["Hardware Engineer", "Product Manager"],
    "people": ["HR Business Partner", "Recruiter"],
    "marketing": ["Marketing Director"],
    "sales": ["VP Sales"],
    "support": ["Director of Support"],
    "engineering": ["VP Engineering"],
}
LOCATIONS = ["Austin", "Dublin", "Berlin", "Singapore", "Toronto", "Paris"]
DEMO_EMPLOYEE_COUNT = 46  # plus the four demo users: fifty people


def seed_departments():
    by_code = {d.code: d for d in Department.objects.all()}
    for code, name, parent_code in DEPARTMENTS:
        if code in by_code:
            continue
        if parent_code is None:
            by_code[code] = Department.add_root(code=code, name=name)
        else:
            parent = Department.objects.get(pk=by_code[parent_code].pk)
            by_code[code] = parent.add_child(code=code, name=name)
    return {d.code: d for d in Department.objects.all()}


def seed_groups():
    hr, _missing = setup_hr_group()
    return {"HR": hr, "Editors": Group.objects.get(name="Editors")}


def _ensure_user(username, first, last, password=None, superuser=False):
    User = get_user_model()
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "first_name": first,
            "last_name": last,
            "email": f"{username}@northwind.example",
            "is_staff": superuser,
            "is_superuser": superuser,
        },
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
    return user


def _ensure_employee(user, employee_id, department, job_title, location, start, manager=None):
    employee, _ = Employee.objects.get_or_create(
        user=user,
        defaults={
            "employee_id": employee_id,
            "department": department,
            "job_title": job_title,
            "location": location,
            "start_date": start,
            "manager": manager,
        },
    )
    return employee


@transaction.atomic
def seed(log):
    departments = seed_departments()
    groups = seed_groups()
    rng = random.Random(2010)  # noqa: S311 - demo data, not security
    start = datetime.date(2019, 1, 7)

    managers = {}
    for index, (username, first, last, dept, title, group) in enumerate(DEMO_USERS, start=1):
        user = _ensure_user(username, first, last, password=username, superuser=username == "admin")
        if group:
            user.groups.add(groups[group])
        employee = _ensure_employee(
            user, f"NW{index:05d}", departments[dept], title, LOCATIONS[index % 6], start
        )
        managers.setdefault(dept, employee)

    people = []
    for number in range(DEMO_EMPLOYEE_COUNT):
        first = FIRST_NAMES[number % len(FIRST_NAMES)]
        last = LAST_NAMES[(number * 7) % len(LAST_NAMES)]
        dept_codes = [code for code, _name, parent in DEPARTMENTS if parent]
        dept = dept_codes[number % len(dept_codes)]
        username = f"{first}.{last}".lower()
        user = _ensure_user(username, first, last)
        employee = _ensure_employee(
            user,
            f"NW{number + 100:05d}",
            departments[dept],
            rng.choice(JOB_TITLES[dept]),
            rng.choice(LOCATIONS),
            start + datetime.timedelta(days=rng.randrange(0, 2400)),
        )
        people.append(employee)

    # Managers: the first person seen in each department manages the others there.
    for employee in people:
        head = managers.setdefault(employee.department.code, employee)
        if head != employee and employee.manager_id is None:
            employee.manager = head
            employee.save(update_fields=["manager"])
    log(
        f"Organisation: {Department.objects.count()} departments, "
        f"{Employee.objects.count()} employees."
    )
