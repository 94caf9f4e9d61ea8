"""The department completion report as HR reads it on a laptop and on a phone: every card opens
the people it counts, the downloads are in plain sight, the numbers are defined, the page passes
axe-core, and no chart label is drawn smaller than 12px."""

import re

import pytest
from playwright.sync_api import expect

from .helpers import assert_accessible, shot, wagtail_sign_in

pytestmark = pytest.mark.browser

REPORT = "/admin/reports/department-completion/"
SIZES = {"laptop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# The size each visible chart label is drawn at: its font size times the scale of the SVG
# around it, if any (an SVG scaled down to fit shrinks its text with it).
CHART_LABEL_SIZES = """
() => {
  const sizes = [];
  const labels = 'text, figcaption, .sa-chart-desc, .sa-chart-legend li, .sa-bar-name,'
    + ' .sa-bar-value, summary';
  for (const el of document.querySelectorAll('.sa-chart :is(' + labels + ')')) {
    if (!el.getClientRects().length || !el.textContent.trim()) continue;
    let size = parseFloat(getComputedStyle(el).fontSize);
    if (el.closest('svg')) {
      const m = el.getScreenCTM();
      size *= Math.hypot(m.a, m.b);
    }
    sizes.push([el.textContent.trim().slice(0, 40), Math.round(size * 100) / 100]);
  }
  return sizes;
}
"""


def card(page, name):
    return page.locator(f".sa-totals .sa-total-{name} a.sa-total-link")


@pytest.mark.parametrize("size", SIZES)
def test_hr_report_page_drills_down_exports_and_reads_well(visit, size):
    page = visit().page
    page.set_viewport_size(SIZES[size])
    wagtail_sign_in(page, "hr")
    page.goto(REPORT)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Department completion")

    # The downloads are buttons beside the filters, not behind a menu.
    csv_button = page.get_by_role("link", name="Download CSV")
    expect(csv_button).to_be_visible()
    expect(page.get_by_role("link", name="Download XLSX")).to_be_visible()

    # Chart labels: none under 12px, on either screen.
    sizes = page.evaluate(CHART_LABEL_SIZES)
    assert sizes, "No chart labels found."
    small = [(text, px) for text, px in sizes if px < 12]
    assert not small, f"Chart labels under 12px at {size}: {small}"

    # The definitions, then the whole page through axe-core and the site's own checks.
    page.get_by_text("What the numbers mean").first.click()
    expect(page.locator("#report-def-certified")).to_be_visible()
    expect(page.locator("#report-certified-vs-completed")).to_contain_text(
        "Certified can be higher than Completed"
    )
    shot(page, "hr-report", f"{size}-01-report")
    assert_accessible(page)

    # Every card is a link to the people it counts: the overdue one, then back for completed.
    for name in ("overdue", "completed"):
        link = card(page, name)
        expected = int(link.locator(".sa-total-value").inner_text())
        link.click()
        expect(page).to_have_url(re.compile(rf"/people/\?(.*&)?metric={name}"))
        rows = page.locator("table.listing tbody tr")
        expect(rows).to_have_count(min(expected, 50))
        if name == "overdue":
            shot(page, "hr-report", f"{size}-02-people-overdue")
            assert_accessible(page)
        page.go_back()

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download CSV").click()
    assert download_info.value.suggested_filename.endswith(".csv")
