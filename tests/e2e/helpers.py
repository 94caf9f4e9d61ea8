"""What the journeys share: screenshots, signing in, and the checks every page must pass."""

import functools
import os
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
DEMO_PASSWORD = {"admin": "admin", "editor": "editor", "hr": "hr", "employee": "employee"}


def shot(page, journey, step, full_page=True):
    """Save artifacts/screenshots/<journey>-<step>.png and return its path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{journey}-{step}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path


def sign_in(page, username, password=None):
    """Sign in through the login form and wait to be taken away from it."""
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password or DEMO_PASSWORD[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_load_state()
    if "/accounts/login/" in page.url:
        raise AssertionError(f"Signing in as {username} failed: {page.url}")


def sign_out(page):
    page.goto("/")
    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state()


def wagtail_sign_in(page, username, password=None):
    """Sign in through the Wagtail admin's own login form."""
    page.goto("/admin/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password or DEMO_PASSWORD[username])
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(r".*/admin/(?!login).*"))


# What every page of the site must pass: run in the browser, returns a list of sentences.
A11Y_SCRIPT = r"""
() => {
  const problems = [];
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  const labelledBy = (el) => (el.getAttribute('aria-labelledby') || '').split(/\s+/)
    .map((id) => document.getElementById(id)).filter(Boolean)
    .map((label) => label.textContent).join(' ');
  const name = (el) => (el.getAttribute('aria-label') || labelledBy(el) || el.textContent
    || el.title || '').trim();
  if (!document.documentElement.lang) problems.push('The page has no lang attribute.');
  if (!document.title.trim()) problems.push('The page has no title.');
  const h1s = document.querySelectorAll('h1');
  if (h1s.length !== 1) problems.push(`The page has ${h1s.length} h1 headings, not one.`);
  if (!document.querySelector('main')) problems.push('The page has no main landmark.');
  if (!document.querySelector('header, [role=banner]')) problems.push('No banner landmark.');
  if (!document.querySelector('nav')) problems.push('No navigation landmark.');
  // The site's skip link, or the Wagtail admin's own (a.skiplink).
  const skip = document.querySelector('a.skip-link, a.skiplink');
  if (!skip) problems.push('No skip link.');
  else if (!document.querySelector(skip.getAttribute('href')))
    problems.push('The skip link points nowhere.');
  for (const img of document.querySelectorAll('img')) {
    if (!img.hasAttribute('alt')) problems.push(`An image has no alt text: ${img.src}`);
  }
  const fields = document.querySelectorAll(
    'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]),'
    + 'select, textarea');
  for (const field of fields) {
    if (field.hidden) continue;  // not shown, not announced: nothing to label
    const labelled = (field.labels && field.labels.length) || field.getAttribute('aria-label')
      || field.getAttribute('aria-labelledby') || field.title;
    if (!labelled) problems.push(`A form field has no label: ${field.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll('a[href], button')) {
    if (visible(el) && !name(el) && !el.querySelector('img[alt]:not([alt=""])'))
      problems.push(`A link or button has no name: ${el.outerHTML.slice(0, 120)}`);
  }
  for (const el of document.querySelectorAll('.empty, .error, .message, [role=alert]')) {
    const text = el.textContent.replace(/\s+/g, ' ').trim();
    if (text && !/^[A-Z0-9“"'@].*[.!?:”)]$/.test(text))
      problems.push(`A message does not read as a sentence: "${text.slice(0, 80)}"`);
  }
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) ids[el.id] = (ids[el.id] || 0) + 1;
  for (const [id, count] of Object.entries(ids)) {
    if (count > 1) problems.push(`The id "${id}" is used ${count} times.`);
  }
  return problems;
}
"""


def accessibility_problems(page):
    """The page's accessibility problems as sentences (empty when it passes)."""
    return page.evaluate(A11Y_SCRIPT)


AXE = Path(__file__).resolve().parents[1] / "verifiers" / "node_modules" / "axe-core" / "axe.min.js"


@functools.cache
def axe_source():
    """axe-core from its npm package (tests/verifiers, installed by `make install` and CI)."""
    if not AXE.exists():
        message = f"axe-core is not installed at {AXE}: run npm ci --prefix tests/verifiers"
        if os.environ.get("CI"):
            raise AssertionError(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


def axe_results(page):
    """axe-core's violations on the page, every impact level: a list of {id, impact, help,
    targets} (none asked for on a page with scripts off: axe runs on timers that never fire
    there)."""
    if getattr(page, "academy_scripts_off", False):
        return []
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    return page.evaluate(
        """async () => {
            const result = await axe.run(document, {resultTypes: ["violations"]});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                targets: v.nodes.slice(0, 5).map(n => n.target.join(" ")),
            }));
        }"""
    )


def describe_axe(violations):
    return [
        f"axe {v['id']} ({v['impact']}): {v['help']} at {', '.join(v['targets'])}."
        for v in violations
    ]


def axe_violations(page):
    """axe-core's violations on the page as sentences."""
    return describe_axe(axe_results(page))


def assert_accessible(page):
    """axe-core finds no violation of any impact; and our own checks: landmarks, one h1,
    labels, alt text, names, unique ids and text contrast."""
    problems = axe_violations(page) + accessibility_problems(page) + contrast_problems(page)
    assert not problems, f"{page.url}: " + " ".join(problems)


def assert_css_loaded(page):
    """The project's stylesheet was applied (the header has its dark background)."""
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
    )
    assert background not in ("rgba(0, 0, 0, 0)", "transparent"), "site.css did not load"


def follow_nav(page, name):
    """Follow a link of the site's main navigation, as a person would."""
    page.get_by_role("navigation", name="Main").get_by_role("link", name=name).click()


# WCAG contrast of every visible piece of text against the first opaque background behind it
# (text over a gradient or an image is skipped: its background is not one colour).
CONTRAST_SCRIPT = """
() => {
  const rgba = (value) => {
    const m = value.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const [r, g, b, a = 1] = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return { r, g, b, a };
  };
  const luminance = ({ r, g, b }) => {
    const c = [r, g, b].map((v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    });
    return 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  };
  const background = (el) => {
    for (let node = el; node; node = node.parentElement) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== 'none') return null;
      const colour = rgba(style.backgroundColor);
      if (colour && colour.a >= 0.95) return colour;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  const problems = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  while (walker.nextNode()) {
    const el = walker.currentNode.parentElement;
    if (!walker.currentNode.textContent.trim() || seen.has(el)) continue;
    seen.add(el);
    if (!el.getClientRects().length) continue;
    if (el.closest('.skip-link, [aria-hidden=true], .sr-only, .w-sr-only, .who-name')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || Number(style.opacity) < 0.95) continue;
    const fg = rgba(style.color), bg = background(el);
    if (!fg || !bg) continue;
    const [hi, lo] = [luminance(fg), luminance(bg)].sort((a, b) => b - a);
    const ratio = (hi + 0.05) / (lo + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) {
      const text = el.textContent.trim().slice(0, 40);
      problems.push(`"${text}" has contrast ${ratio.toFixed(2)}:1 (needs ${needed}:1).`);
    }
  }
  return problems;
}
"""


def contrast_problems(page):
    return page.evaluate(CONTRAST_SCRIPT)


# What is left out on Wagtail's own admin screens: each a piece of Wagtail's markup that this
# project neither writes nor can change, named by the axe rule and the element it is found on
# (the same rule anywhere else still fails). Wagtail 8 bundles its own axe-core in the admin,
# which axe_results() then uses, with Wagtail's content checks.
ADMIN_AXE_EXCLUDED = {
    # Draftail (Wagtail's rich text editor): Draft.js's contenteditable has role="textbox" and
    # no accessible name; the field's <label> points at the hidden input that holds the value.
    ("aria-input-field-name", ".notranslate"): "Draftail's editable area has no name",
    # The tags field: Wagtail's jQuery UI tag-it widget adds the input one types into, with no
    # label (the field's <label> names the hidden input tag-it fills).
    ("label", ".ui-autocomplete-input"): "Wagtail's tag-it typing input has no label",
    # One of Wagtail's content checks (its bundled axe, for editors): it says the page being
    # edited has no search description yet, a note on content, not on the screen's markup.
    ("empty-meta-description", "h1"): "Wagtail's content check for the edited page's SEO text",
}
# Our own checks, on the same tag-it input.
ADMIN_PROBLEMS_EXCLUDED = ('A form field has no label: <input type="text" class="ui-widget',)


def admin_accessibility_problems(page):
    """What assert_admin_accessible finds: axe-core but ADMIN_AXE_EXCLUDED, our own checks
    but ADMIN_PROBLEMS_EXCLUDED, and text contrast."""
    # Wagtail fades its messages and buttons in: axe reads colours once they have settled.
    page.evaluate(
        """() => Promise.all(document.getAnimations()
            .filter((a) => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
            .map((a) => a.finished.catch(() => null)))"""
    )
    violations = []
    for violation in axe_results(page):
        targets = [
            target
            for target in violation["targets"]
            if (violation["id"], target) not in ADMIN_AXE_EXCLUDED
        ]
        if targets:
            violations.append({**violation, "targets": targets})
    ours = [
        problem
        for problem in accessibility_problems(page)
        if not problem.startswith(ADMIN_PROBLEMS_EXCLUDED)
    ]
    return describe_axe(violations) + ours + contrast_problems(page)


def assert_admin_accessible(page):
    """assert_accessible for a Wagtail admin screen (see ADMIN_AXE_EXCLUDED)."""
    problems = admin_accessibility_problems(page)
    assert not problems, f"{page.url}: " + " ".join(problems)
