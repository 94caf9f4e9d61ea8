"""The holder's credential, for people: what an Open Badges credential is, how to put it in a
wallet or on LinkedIn, and the files to do it with (the signed credential, and the badge image
with the credential baked in, Open Badges 3.0 "Baked Badge"). Holder only, like the API."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from certification import credentials, openbadges2, signing
from certification.models import IssuerSettings
from certification.views import own_certificate


def _unavailable(request, certificate, status):
    """A page, not a traceback: an exemption (404), revoked (410) or no signing key yet (503)."""
    return render(
        request,
        "certification/credential_unavailable.html",
        {
            "certificate": certificate,
            "revoked": status == 410,
            "exemption": status == 404,
            "exemption_message": credentials.exemption_message(),
        },
        status=status,
    )


def _private(response, filename=None):
    response["Cache-Control"] = "private, no-store"
    if filename:
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_safe
def credential_page(request, serial):
    certificate = own_certificate(request, serial)
    if certificate.is_exemption:
        return _unavailable(request, certificate, 404)
    if not credentials.is_issuable(certificate):
        return _unavailable(request, certificate, 410)
    try:
        signing.signing_key()
    except signing.SigningKeyMissing:
        return _unavailable(request, certificate, 503)
    return _private(
        render(
            request,
            "certification/credential.html",
            {
                "certificate": certificate,
                "issuer": IssuerSettings.load(request_or_site=request),
                "verification_url": certificate.verification_url(),
                "has_ob2": openbadges2.has_assertion(certificate),
            },
        )
    )


def _signed(request, serial):
    """(certificate, compact VC-JWT) or (certificate, error response)."""
    certificate = own_certificate(request, serial)
    if certificate.is_exemption:
        return certificate, _unavailable(request, certificate, 404)
    if not credentials.is_issuable(certificate):
        return certificate, _unavailable(request, certificate, 410)
    try:
        token, _credential = credentials.signed_credential(certificate)
    except signing.SigningKeyMissing:
        return certificate, _unavailable(request, certificate, 503)
    return certificate, token


def _name(certificate, what, extension):
    return f"{certificate.program.slug}-{what}-{certificate.serial}.{extension}"


@login_required
@require_safe
def credential_file(request, serial):
    """The credential as a file: the compact JWS, extension .jwt (Open Badges 3.0 File Format)."""
    certificate, token = _signed(request, serial)
    if isinstance(token, HttpResponse):
        return token
    response = HttpResponse(token, content_type="text/plain; charset=us-ascii")
    return _private(response, _name(certificate, "credential", "jwt"))


@login_required
@require_safe
def credential_badge_png(request, serial):
    """The badge image with the credential baked in (iTXt "openbadgecredential")."""
    certificate, token = _signed(request, serial)
    if isinstance(token, HttpResponse):
        return token
    image = openbadges2.badge_png(certificate.program, credential_jwt=token)
    return _private(
        HttpResponse(image, content_type="image/png"), _name(certificate, "badge", "png")
    )


@login_required
@require_safe
def credential_badge_svg(request, serial):
    """The badge image with the credential baked in (<openbadges:credential verify=…>)."""
    certificate, token = _signed(request, serial)
    if isinstance(token, HttpResponse):
        return token
    image = openbadges2.badge_svg(certificate.program, credential_jwt=token)
    response = HttpResponse(image, content_type="image/svg+xml")
    return _private(response, _name(certificate, "badge", "svg"))
