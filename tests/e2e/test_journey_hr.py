"""Journey 4: HR opens the department completion report from the admin's Reports menu, drills
down to the people behind a number, filters by course and downloads the CSV."""

import csv
import io
import re

import pytest
from playwright.sync_api import expect

from .helpers import shot, wagtail_sign_in

pytestmark = pytest.mark.browser

JOURNEY = "hr"
DEPARTMENT = "Customer Support"
COURSE = "Social media basics"


def report_row(page, name):
    return page.locator("table.sa-tree tbody tr", has=page.get_by_role("rowheader", name=name))


def test_hr_reads_filters_and_exports_the_completion_report(visit):
    page = visit().page
    wagtail_sign_in(page, "hr")
    shot(page, JOURNEY, "01-dashboard")

    page.get_by_role("button", name="Reports").click()
    page.get_by_role("link", name="Department completion", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Department completion")
    expect(report_row(page, "Northwind Systems")).to_be_visible()
    shot(page, JOURNEY, "02-report")

    # Drill down: open a department of the tree, then follow one of its numbers to the people.
    report_row(page, DEPARTMENT).get_by_role("link", name=f"Expand {DEPARTMENT}").click()
    expect(report_row(page, "Consumer Support")).to_be_visible()
    completed = report_row(page, "Consumer Support").locator("td.sa-completed a")
    count = int(completed.inner_text())
    completed.click()
    expect(page).to_have_url(re.compile(r"/people/\?.*metric=completed"))
    people = page.locator("table.listing tbody tr")
    expect(people).to_have_count(min(count, 50))
    shot(page, JOURNEY, "03-people")
    page.go_back()

    # Filter by course: the numbers are those of that course only.
    page.get_by_role("button", name="Show filters").click()
    page.get_by_role("button", name="Course").click()
    page.get_by_label("Course").select_option(label=COURSE)
    expect(page).to_have_url(re.compile(r"[?&]course=\d+"))
    expect(report_row(page, "Northwind Systems")).to_be_visible()
    page.keyboard.press("Escape")
    shot(page, JOURNEY, "04-filtered")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    assert "course=" in download.url, "The export ignores the filter."
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    assert rows[0][:3] == ["Department", "Level", "Headcount"]
    assert any(row[0].endswith(DEPARTMENT) for row in rows[1:])
    shot(page, JOURNEY, "05-export")
