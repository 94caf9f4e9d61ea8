"""Copy the README's screenshots from a browser run: `python -m tests.e2e.publish_screenshots`.

Reads artifacts/screenshots/ (written by `pytest tests/e2e`), crops each chosen page to the top of
a laptop screen, saves it as a small PNG and writes it to docs/screenshots/; the phone
pages are set side by side in one picture. Each file stays 1280 pixels wide and small.
"""

import sys

from PIL import Image

from .helpers import ROOT, SCREENSHOTS

DOCS = ROOT / "docs" / "screenshots"
WIDTH = 1280
BACKGROUND = (244, 246, 249)

# docs name: (artifact name, height kept)
PAGES = {
    "employee-home": ("employee-09-home-certified", 760),
    "employee-course": ("employee-04-course", 900),
    "employee-lesson": ("employee-05-lesson", 1000),
    "employee-quiz": ("employee-06-quiz", 900),
    "employee-quiz-result": ("employee-08-quiz-passed", 760),
    "employee-certificate": ("employee-10-certificate", 860),
    "employee-access": ("access-04-granted", 620),
    "visitor-verification": ("employee-11-verified", 600),
    "visitor-official-accounts": ("site-visitor-official-accounts-laptop", 900),
    "editor-new-quiz": ("editor-04-new-quiz", 800),
    "editor-review": ("editor-05-awaiting-review", 800),
    "hr-report": ("hr-02-report", 800),
    "hr-people": ("hr-03-people", 600),
}
PHONE = ("site-employee-home-phone", "site-employee-lesson-phone", "site-employee-quiz-phone")
PHONE_HEIGHT = 844


def small_png(image, path, limit=240 * 1024):
    """Full colour when small enough, else a 256-colour palette (octree keeps rare colours)."""
    image = image.convert("RGB")
    image.save(path, optimize=True)
    if path.stat().st_size > limit:
        image.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(path, optimize=True)
    return path.stat().st_size


def crop(name, height):
    with Image.open(SCREENSHOTS / f"{name}.png") as image:
        return image.crop((0, 0, min(image.width, WIDTH), min(image.height, height)))


def phone_strip():
    gap = (WIDTH - 3 * 390) // 4
    strip = Image.new("RGB", (WIDTH, PHONE_HEIGHT + 2 * gap), BACKGROUND)
    for index, name in enumerate(PHONE):
        strip.paste(crop(name, PHONE_HEIGHT), (gap + index * (390 + gap), gap))
    return strip


def main():
    missing = [a for a, _h in PAGES.values() if not (SCREENSHOTS / f"{a}.png").exists()]
    missing += [a for a in PHONE if not (SCREENSHOTS / f"{a}.png").exists()]
    if missing:
        sys.exit(f"Run `pytest tests/e2e` first; missing: {', '.join(missing)}")
    DOCS.mkdir(parents=True, exist_ok=True)
    written = {name: small_png(crop(a, h), DOCS / f"{name}.png") for name, (a, h) in PAGES.items()}
    written["employee-phone"] = small_png(phone_strip(), DOCS / "employee-phone.png")
    for name, size in written.items():
        sys.stdout.write(f"docs/screenshots/{name}.png  {size // 1024} KB\n")


if __name__ == "__main__":
    main()
