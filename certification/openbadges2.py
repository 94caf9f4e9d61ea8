"""Open Badges 2.0, for the backpacks and platforms that read nothing newer: a hosted Assertion
per certificate, a BadgeClass per program, the issuer Profile, and the badge image, plain or
baked (https://www.imsglobal.org/spec/ob/v2p0/ and its baking specification).

A hosted Assertion is public by nature (verifiers fetch it without signing in) and carries the
holder's e-mail hashed with its salt, the same salt as the Open Badges 3.0 credential
(certification.credentials.identity_salt). So its address is not derived from the serial alone:
the token in it is the serial under AES-SIV, a deterministic authenticated encryption whose key is
derived with HMAC from SECRET_KEY. Nobody without the key can make the token of a serial, a token
does not show its serial, and the view reads the serial back from the token without any stored
field. Only the holder is given the address: on their certificate page and inside the badge image
they download. Rotating SECRET_KEY changes every address; tokens made under a key kept in
SECRET_KEY_FALLBACKS still resolve (the view redirects them to the current address).
"""

import base64
import functools
import hashlib
import hmac
import io
import json
import re
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESSIV
from django.conf import settings
from django.urls import reverse
from PIL import Image, ImageDraw, ImageFont
from PIL.PngImagePlugin import PngInfo

from certification import credentials, jsonld
from certification.models import CertificateStatus, IssuerSettings
from certification.models.certificates import normalize_serial

CONTEXT = "https://w3id.org/openbadges/v2"
jsonld.register_context(CONTEXT, "openbadges-2.0/context.json")

#: The namespace of the <openbadges:assertion> element in a baked SVG.
SVG_NAMESPACE = "http://openbadges.org"
#: The keyword of the iTXt chunk in a baked PNG.
PNG_KEYWORD = "openbadges"
#: Open Badges 3.0 baking (its "Baked Badge" section): the credential as a compact JWS.
V3_SVG_NAMESPACE = "https://purl.imsglobal.org/ob/v3p0"
V3_PNG_KEYWORD = "openbadgecredential"

# --- Addresses -----------------------------------------------------------------------------

_TOKEN_INFO = b"social-academy openbadges-2.0 hosted assertion"
#: 20 serial characters + a 16-byte SIV tag = 36 bytes = 48 base64url characters, no padding.
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]{48}")


@functools.lru_cache(maxsize=8)
def _cipher(secret):
    key = hmac.new(secret.encode(), _TOKEN_INFO, hashlib.sha512).digest()  # AES-256-SIV
    return AESSIV(key)


def assertion_token(certificate):
    """The unguessable, stable token in the address of the certificate's hosted Assertion."""
    raw = certificate.serial.replace("-", "").encode("ascii")
    sealed = _cipher(settings.SECRET_KEY).encrypt(raw, [_TOKEN_INFO])
    return base64.urlsafe_b64encode(sealed).decode("ascii")


def serial_from_token(token):
    """(serial, made under an older key) for a token this site made, else None."""
    if not isinstance(token, str) or not _TOKEN_RE.fullmatch(token):
        return None
    sealed = base64.urlsafe_b64decode(token)
    secrets = [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    for index, secret in enumerate(secrets):
        try:
            raw = _cipher(secret).decrypt(sealed, [_TOKEN_INFO])
        except InvalidTag:
            continue
        serial = normalize_serial(raw.decode("ascii", "replace"))
        return (serial, index > 0) if serial else None
    return None


def assertion_url(certificate):
    return credentials.absolute(
        reverse("certification:ob2_assertion", kwargs={"token": assertion_token(certificate)})
    )


def baked_image_url(certificate):
    return credentials.absolute(
        reverse("certification:ob2_assertion_image", kwargs={"token": assertion_token(certificate)})
    )


def badge_class_url(program):
    return credentials.absolute(
        reverse("certification:ob2_badge_class", kwargs={"slug": program.slug})
    )


def badge_image_url(program, extension="png"):
    name = "ob2_badge_image_svg" if extension == "svg" else "ob2_badge_image"
    return credentials.absolute(reverse(f"certification:{name}", kwargs={"slug": program.slug}))


def issuer_url():
    return credentials.absolute(reverse("certification:ob2_issuer"))


# --- Documents -----------------------------------------------------------------------------


def has_assertion(certificate):
    """A revoked certificate has none, nor an exemption (not earned), nor one whose holder has
    no e-mail to be identified by."""
    if certificate.is_exemption:
        return False
    return certificate.status != CertificateStatus.REVOKED and bool(
        credentials.email_identity(certificate)
    )


def issuer_profile(issuer=None):
    """The issuer Profile. Open Badges 2.0 requires its id, type, name, url and email."""
    issuer = issuer or IssuerSettings.load()
    return {
        "@context": CONTEXT,
        "type": "Issuer",
        "id": issuer_url(),
        "name": issuer.issuer_name,
        "url": issuer.issuer_url,
        "email": issuer.contact_email or settings.DEFAULT_FROM_EMAIL,
        "description": "Certifies employees who speak for the company on social media.",
    }


def badge_class(program):
    """The program as a BadgeClass: criteria embedded as a narrative, the plain image."""
    return {
        "@context": CONTEXT,
        "type": "BadgeClass",
        "id": badge_class_url(program),
        "name": program.name,
        "description": f"{program.description} {program.allows}".strip(),
        "image": badge_image_url(program),
        "criteria": {"narrative": credentials.criteria_narrative(program)},
        "issuer": issuer_url(),
        "tags": [f"tier-{program.tier}"],
    }


def assertion(certificate):
    """The hosted Assertion. Call only when has_assertion(certificate)."""
    [identity] = credentials.email_identity(certificate)
    return {
        "@context": CONTEXT,
        "type": "Assertion",
        "id": assertion_url(certificate),
        "recipient": {
            "type": "email",
            "hashed": True,
            "salt": identity["salt"],
            "identity": identity["identityHash"],
        },
        "badge": badge_class_url(certificate.program),
        "verification": {"type": "hosted"},
        "issuedOn": credentials.timestamp(certificate.issued_at),
        "expires": credentials.timestamp(certificate.expires_at),
        "image": baked_image_url(certificate),
    }


def revoked_assertion(certificate):
    """What a revoked certificate's address answers (with 410): never a reason."""
    return {"@context": CONTEXT, "id": assertion_url(certificate), "revoked": True}


# --- Images --------------------------------------------------------------------------------

INK = "#16202c"
BRAND = "#1f5fa8"
WHITE = "#ffffff"
SIZE = 400
CENTRE = SIZE // 2
FONT_DIR = Path(__file__).resolve().parent / "fonts"
SVG_FONTS = "'DejaVu Sans', Verdana, Arial, sans-serif"


@functools.lru_cache(maxsize=64)
def _font(bold, size):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONT_DIR / name), size)


def _width(text, bold, size):
    return _font(bold, size).getlength(text)


def _wrap(words, bold, size, width):
    lines = [words[0]]
    for word in words[1:]:
        candidate = f"{lines[-1]} {word}"
        if _width(candidate, bold, size) <= width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def _clip(line, bold, size, width):
    if _width(line, bold, size) <= width:
        return line
    while line and _width(line + "…", bold, size) > width:
        line = line[:-1]
    return line.rstrip() + "…"


def _fit(text, *, bold, width, largest, smallest, max_lines):
    """(lines, size): the text in at most `max_lines` lines of `width`, as large as it fits;
    what does not fit even at the smallest size is cut short with an ellipsis."""
    words = text.split() or [""]
    for size in range(largest, smallest - 1, -2):
        lines = _wrap(words, bold, size, width)
        if len(lines) <= max_lines and all(_width(line, bold, size) <= width for line in lines):
            return lines, size
    lines = _wrap(words, bold, smallest, width)
    if len(lines) > max_lines:
        lines = lines[: max_lines - 1] + [" ".join(lines[max_lines - 1 :])]
    return [_clip(line, bold, smallest, width) for line in lines], smallest


def layout(name, tier, issuer_name):
    """What the badge says and where: [(text, bold, size, baseline y)], shared by PNG and SVG."""
    issuer_lines, issuer_size = _fit(
        issuer_name.upper(), bold=False, width=230, largest=18, smallest=10, max_lines=1
    )
    name_lines, name_size = _fit(name, bold=True, width=270, largest=46, smallest=22, max_lines=2)
    if name_lines[-1].endswith("…"):  # a long name: three smaller lines
        name_lines, name_size = _fit(
            name, bold=True, width=260, largest=30, smallest=16, max_lines=3
        )
    rows = [(issuer_lines[0], False, issuer_size, 118)]
    leading = round(name_size * 1.15)
    first = 212 - (len(name_lines) - 1) * leading // 2
    rows += [(line, True, name_size, first + i * leading) for i, line in enumerate(name_lines)]
    rows.append((f"TIER {tier}", True, 20, 307))
    return rows


def badge_svg(program, issuer=None, *, baked=None, credential_jwt=None):
    """The badge as SVG text; with `baked` (a hosted Assertion) it carries the 2.0 assertion,
    with `credential_jwt` (a compact VC-JWT) the Open Badges 3.0 credential."""
    issuer = issuer or IssuerSettings.load()
    label = f"{program.name}, tier {program.tier}, issued by {issuer.issuer_name}"
    namespace = V3_SVG_NAMESPACE if credential_jwt else SVG_NAMESPACE
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n',
        '<svg xmlns="http://www.w3.org/2000/svg"',
        f' xmlns:openbadges="{namespace}"' if baked or credential_jwt else "",
        f' viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" role="img"',
        f" aria-label={quoteattr(label)}>\n",
    ]
    if credential_jwt:
        parts.append(
            f"<openbadges:credential verify={quoteattr(credential_jwt)}></openbadges:credential>\n"
        )
    elif baked:
        body = json.dumps(baked, indent=2).replace("]]>", "]]]]><![CDATA[>")
        parts.append(
            f"<openbadges:assertion verify={quoteattr(baked['id'])}><![CDATA[\n{body}\n]]>"
            "</openbadges:assertion>\n"
        )
    parts += [
        f"<title>{escape(label)}</title>\n",
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="192" fill="{INK}"/>\n',
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="180" fill="{BRAND}"/>\n',
        f'<circle cx="{CENTRE}" cy="{CENTRE}" r="166" fill="none" stroke="{WHITE}"'
        ' stroke-width="3"/>\n',
        f'<rect x="120" y="280" width="160" height="38" rx="6" fill="{INK}"/>\n',
    ]
    for text, bold, size, y in layout(program.name, program.tier, issuer.issuer_name):
        weight = ' font-weight="bold"' if bold else ""
        parts.append(
            f'<text x="{CENTRE}" y="{y}" text-anchor="middle" font-family="{SVG_FONTS}"'
            f'{weight} font-size="{size}" fill="{WHITE}">{escape(text)}</text>\n'
        )
    parts.append("</svg>\n")
    return "".join(parts)


@functools.lru_cache(maxsize=32)
def _drawn(name, tier, issuer_name):
    """The badge drawn (kept: drawing takes longer than encoding). Not to be changed in place."""
    scale = 2  # drawn large and reduced, for smooth edges
    image = Image.new("RGBA", (SIZE * scale, SIZE * scale), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)

    def circle(radius, **style):
        c = CENTRE * scale
        r = radius * scale
        draw.ellipse((c - r, c - r, c + r, c + r), **style)

    circle(192, fill=INK)
    circle(180, fill=BRAND)
    circle(166, outline=WHITE, width=3 * scale)
    draw.rounded_rectangle(
        (120 * scale, 280 * scale, 280 * scale, 318 * scale), radius=6 * scale, fill=INK
    )
    for text, bold, size, y in layout(name, tier, issuer_name):
        draw.text(
            (CENTRE * scale, y * scale),
            text,
            font=_font(bold, size * scale),
            fill=WHITE,
            anchor="ms",  # middle, baseline: as text-anchor="middle" at y in the SVG
        )
    return image.resize((SIZE, SIZE), Image.Resampling.LANCZOS)


def badge_png(program, issuer=None, *, baked=None, credential_jwt=None):
    """The badge as PNG bytes; with `baked` (a hosted Assertion) it carries the assertion in an
    uncompressed iTXt chunk with the keyword "openbadges", as the baking specification says;
    with `credential_jwt` the Open Badges 3.0 credential, keyword "openbadgecredential"."""
    issuer = issuer or IssuerSettings.load()
    image = _drawn(program.name, program.tier, issuer.issuer_name)
    info = None
    if credential_jwt:
        info = PngInfo()
        info.add_itxt(V3_PNG_KEYWORD, credential_jwt, zip=False)
    elif baked:
        info = PngInfo()
        info.add_itxt(PNG_KEYWORD, json.dumps(baked, separators=(",", ":")), zip=False)
    out = io.BytesIO()
    image.save(out, format="PNG", pnginfo=info)
    return out.getvalue()
