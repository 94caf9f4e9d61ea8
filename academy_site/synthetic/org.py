"""The synthetic department tree, users and employees, written in bulk.

Department paths are computed here the way treebeard's MP_Node computes them (steplen 4,
alphabet 0-9A-Z), siblings numbered in name order as `node_order_by = ["name"]` expects.
"""

import datetime
import random
from collections import Counter
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from academy_site.synthetic.bulk import IdBlock, Table
from lms.models import Department, Employee

MARKER = "synth-"  # usernames and department codes of synthetic rows start with it

DIVISIONS = [
    "Consumer Products", "Corporate Affairs", "Customer Experience", "Enterprise Solutions",
    "Finance", "Global Marketing", "Infrastructure", "Legal and Compliance", "Manufacturing",
    "Operations", "People and Culture", "Public Sector", "Research and Development", "Sales",
    "Services", "Supply Chain",
]  # fmt: skip
AREAS = [
    "Analytics", "Brand", "Channel", "Communications", "Delivery", "Design", "Digital", "Events",
    "Field", "Insights", "Partnerships", "Platform", "Programs", "Quality", "Strategy", "Support",
    "Technology", "Training",
]  # fmt: skip
REGIONS = [
    "Americas", "APAC", "Benelux", "DACH", "France", "Iberia", "India", "Japan", "LATAM",
    "Middle East", "Nordics", "UK and Ireland", "US East", "US West",
]  # fmt: skip
FIRST_NAMES = [
    "Aisha", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace", "Hugo", "Ines", "Jonas",
    "Keiko", "Liam", "Maya", "Noah", "Olivia", "Pavel", "Quinn", "Rosa", "Samir", "Tara", "Umar",
    "Vera", "Wei", "Ximena", "Yusuf", "Zoe", "Amara", "Bruno", "Carmen", "Dmitri", "Esther",
    "Felix", "Gita", "Hana", "Ivan", "Julia", "Kofi", "Lena", "Mateo", "Nia",
]  # fmt: skip
LAST_NAMES = [
    "Adams", "Brennan", "Costa", "Dubois", "Eriksen", "Fischer", "Garcia", "Hughes", "Ivanova",
    "Jensen", "Kowalski", "Larsen", "Moreau", "Nakamura", "Okafor", "Patel", "Rossi", "Schmidt",
    "Tanaka", "Uddin", "Vargas", "Walsh", "Yilmaz", "Zhang", "Novak", "Silva", "Meyer", "Khan",
    "Lopez", "Murphy",
]  # fmt: skip
JOB_TITLES = [
    "Analyst", "Specialist", "Senior Specialist", "Engineer", "Senior Engineer", "Consultant",
    "Coordinator", "Associate", "Account Manager", "Designer", "Advisor", "Team Lead",
]  # fmt: skip
LOCATIONS = ["Austin", "Dublin", "Berlin", "Singapore", "Toronto", "Paris", "Sao Paulo", "Tokyo"]

#: Shares of the people who sit in a department at each level (root, division, area, team).
LEVEL_SHARE = {1: 0.004, 2: 0.016, 3: 0.08, 4: 0.9}


@dataclass
class Dept:
    pk: int
    path: str
    name: str
    depth: int
    parent: "Dept | None" = None
    children: list = field(default_factory=list)
    head: int | None = None  # employee pk
    first: int = 0  # employee number range [first, first + headcount)
    headcount: int = 0

    def ancestors(self):
        node = self.parent
        while node is not None:
            yield node
            node = node.parent


@dataclass
class Person:
    number: int
    employee_pk: int
    user_pk: int
    dept: Dept
    start_date: datetime.date
    active: bool
    is_head: bool
    email: str


def plan_shape(total_departments):
    """How many departments at levels 2, 3 and 4 (level 1 is the single root)."""
    cube = max(total_departments, 15) ** (1 / 3)
    divisions = max(2, min(len(DIVISIONS), round(cube)))
    areas = max(2 * divisions, round(cube * cube * 0.8))
    teams = max(areas, max(total_departments, 15) - 1 - divisions - areas)
    return divisions, areas, teams


def _spread(rng, parents, count):
    """Share `count` children among parents: each gets at least one, the rest at random."""
    per_parent = Counter(dict.fromkeys(range(len(parents)), 1))
    weights = [rng.uniform(0.5, 2.0) for _ in parents]
    per_parent.update(rng.choices(range(len(parents)), weights=weights, k=count - len(parents)))
    return [per_parent[index] for index in range(len(parents))]


def _child_names(rng, parent, count):
    if parent.depth == 1:
        return rng.sample(DIVISIONS, count)
    pool = AREAS if parent.depth == 2 else REGIONS
    names, round_ = [], 0
    while len(names) < count:
        round_ += 1
        for word in rng.sample(pool, len(pool)):
            stem = word if parent.depth == 2 else f"{parent.name} {word}"
            names.append(stem if round_ == 1 else f"{stem} {round_}")
            if len(names) == count:
                break
    return names


def build_tree(rng, seed, total_departments):
    """Write the department tree under a new root; return its departments in path order."""
    root_node = Department.add_root(name=f"Synthetic Organisation {seed}", code=f"{MARKER}{seed}")
    root = Dept(root_node.pk, root_node.path, root_node.name, 1)
    divisions, areas, teams = plan_shape(total_departments)
    ids = IdBlock(Department)
    table = Table(Department, ["id", "path", "depth", "numchild", "name", "code"])
    levels = [[root]]
    for count in (divisions, areas, teams):
        parents = levels[-1]
        level = []
        for parent, how_many in zip(parents, _spread(rng, parents, count), strict=True):
            for position, name in enumerate(sorted(_child_names(rng, parent, how_many)), start=1):
                path = parent.path + Department._int2str(position).rjust(Department.steplen, "0")
                child = Dept(ids.take(), path, name[:200], parent.depth + 1, parent)
                parent.children.append(child)
                level.append(child)
        levels.append(level)
    for level in levels[1:]:
        for dept in level:
            code = f"{MARKER}{seed}-{dept.path.lower()}"
            table.add((dept.pk, dept.path, dept.depth, len(dept.children), dept.name, code))
    table.flush()
    Department.objects.filter(pk=root.pk).update(numchild=len(root.children))
    return sorted((d for level in levels for d in level), key=lambda d: d.path)


def allocate_headcount(rng, departments, employees):
    """Give each department its people: mostly in teams, a few at each level above; the root
    (first in path order) always has one, the head of the organisation."""
    weights = [LEVEL_SHARE[d.depth] * rng.uniform(0.4, 2.0) for d in departments]
    by_level = Counter(d.depth for d in departments)
    weights = [w / by_level[d.depth] for w, d in zip(weights, departments, strict=True)]
    counts = Counter(rng.choices(range(len(departments)), weights=weights, k=employees - 1))
    counts[0] += 1  # the head of the whole organisation
    number = 0
    for index, dept in enumerate(departments):
        dept.first, dept.headcount = number, counts[index]
        number += dept.headcount


def write_people(rng, seed, departments, today):
    """Users (unusable passwords) and employees with their managers; returns the people."""
    User = get_user_model()
    user_ids, employee_ids = IdBlock(User), IdBlock(Employee)
    users = Table(
        User,
        ["id", "password", "username", "first_name", "last_name", "email", "is_active",
         "date_joined"],
    )  # fmt: skip
    employees = Table(
        Employee,
        ["id", "user_id", "employee_id", "department_id", "manager_id", "job_title", "location",
         "start_date", "active"],
    )  # fmt: skip
    people = []
    for dept in departments:
        for number in range(dept.first, dept.first + dept.headcount):
            person = _person(rng, number, dept, user_ids.take(), employee_ids.take(), today)
            if dept.head is None:
                dept.head, person.is_head = person.employee_pk, True
            people.append(person)
    for person in people:
        first, last = person.email.split("@")[0].split(".")[:2]
        joined = datetime.datetime.combine(person.start_date, datetime.time(9), tzinfo=datetime.UTC)
        users.add((
            person.user_pk, "!synthetic", f"{MARKER}{seed}-{person.number:06d}",
            first.title(), last.title(), person.email, person.active, joined,
        ))  # fmt: skip
        title = f"Head of {person.dept.name}"[:200] if person.is_head else rng.choice(JOB_TITLES)
        employees.add((
            person.employee_pk, person.user_pk, f"S{seed}-{person.number:06d}", person.dept.pk,
            _manager_of(person), title, rng.choice(LOCATIONS), person.start_date, person.active,
        ))  # fmt: skip
    users.flush()
    employees.flush()
    return people


def _person(rng, number, dept, user_pk, employee_pk, today):
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    recent = rng.random() < 0.12
    days_ago = rng.randrange(1, 120) if recent else rng.randrange(120, 3650)
    return Person(
        number=number,
        employee_pk=employee_pk,
        user_pk=user_pk,
        dept=dept,
        start_date=today - datetime.timedelta(days=days_ago),
        active=rng.random() >= 0.02,
        is_head=False,
        email=f"{first}.{last}.{number}@synth.example".lower(),
    )


def _manager_of(person):
    dept = person.dept
    if not person.is_head:
        return dept.head
    for ancestor in dept.ancestors():
        if ancestor.head is not None:
            return ancestor.head
    return None


def new_rng(seed, salt):
    return random.Random(f"{seed}:{salt}")  # noqa: S311 - synthetic data, not security
