"""Open Badges 2.0 on the site: the hosted Assertion (public at its unguessable address), the
BadgeClass and its plain image per program and the issuer Profile (public), and the holder's own
baked badge images (signed in, holder only). See certification.openbadges2."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseGone, JsonResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from certification import credentials, openbadges2
from certification.models import Certificate, CertificateStatus, IssuerSettings, Program
from certification.views import own_certificate

LD_JSON = "application/ld+json"
JSON = "application/json"


def badge_object(request, data, *, status=200, cache="public, max-age=300"):
    """A badge object as Open Badges 2.0 publishes it: application/ld+json, or application/json
    to a client that asks only for that; readable from any origin."""
    accept = request.headers.get("Accept", "")
    content_type = JSON if JSON in accept and LD_JSON not in accept else LD_JSON
    response = JsonResponse(data, status=status, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = cache
    response["Vary"] = "Accept"
    return response


def not_found(message):
    response = JsonResponse({"message": message}, status=404)
    response["Access-Control-Allow-Origin"] = "*"
    return response


def certificate_for_token(token):
    """(certificate, made under an older key) for a token of this site, else (None, False)."""
    found = openbadges2.serial_from_token(token)
    if found is None:
        return None, False
    serial, stale = found
    certificates = Certificate.objects.select_related("holder", "program")
    return certificates.filter(serial=serial).first(), stale


def _unknown_assertion():
    return not_found("No Open Badges assertion has this address.")


@require_safe
def assertion(request, token):
    """The hosted Assertion; 410 with {"revoked": true} once revoked (no reason is published)."""
    certificate, stale = certificate_for_token(token)
    if certificate is None:
        return _unknown_assertion()
    if stale:
        return redirect(openbadges2.assertion_url(certificate), permanent=True)
    if certificate.status == CertificateStatus.REVOKED:
        return badge_object(
            request, openbadges2.revoked_assertion(certificate), status=410, cache="no-cache"
        )
    if not openbadges2.has_assertion(certificate):
        return _unknown_assertion()
    response = badge_object(request, openbadges2.assertion(certificate), cache="no-cache")
    response["X-Robots-Tag"] = "noindex"
    return response


@require_safe
def assertion_image(request, token):
    """The Assertion's `image`: the badge PNG baked with the Assertion."""
    certificate, stale = certificate_for_token(token)
    if certificate is None:
        return _unknown_assertion()
    if stale:
        return redirect(openbadges2.baked_image_url(certificate), permanent=True)
    if certificate.status == CertificateStatus.REVOKED:
        response = HttpResponseGone(_("This certificate was revoked."), content_type="text/plain")
        response["Access-Control-Allow-Origin"] = "*"
        return response
    if not openbadges2.has_assertion(certificate):
        return _unknown_assertion()
    baked = openbadges2.assertion(certificate)
    response = HttpResponse(
        openbadges2.badge_png(certificate.program, baked=baked), content_type="image/png"
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response


def _program(slug):
    return Program.objects.filter(slug=slug).first()


@require_safe
def badge_class(request, slug):
    program = _program(slug)
    if program is None:
        return not_found("No program has this slug.")
    return badge_object(request, openbadges2.badge_class(program))


@require_safe
def issuer(request):
    return badge_object(request, openbadges2.issuer_profile())


def public_image(content, content_type):
    response = HttpResponse(content, content_type=content_type)
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "public, max-age=300"
    return response


@require_safe
def badge_image(request, slug):
    """The plain (unbaked) badge of a program, the BadgeClass `image`."""
    program = _program(slug)
    if program is None:
        raise Http404(_("No program has this slug."))
    return public_image(openbadges2.badge_png(program), "image/png")


@require_safe
def badge_image_svg(request, slug):
    program = _program(slug)
    if program is None:
        raise Http404(_("No program has this slug."))
    return public_image(openbadges2.badge_svg(program), "image/svg+xml")


def _holders_badge(request, serial, render, content_type, extension):
    certificate = own_certificate(request, serial)
    if certificate.is_exemption:
        raise Http404(credentials.exemption_message())
    if certificate.status == CertificateStatus.REVOKED:
        return HttpResponseGone(
            _("This certificate was revoked; it has no badge."), content_type="text/plain"
        )
    if not openbadges2.has_assertion(certificate):
        raise Http404(_("Your account has no e-mail address for the badge to name."))
    baked = openbadges2.assertion(certificate)
    response = HttpResponse(
        render(certificate.program, IssuerSettings.load(), baked=baked), content_type=content_type
    )
    filename = f"{certificate.program.slug}-badge-{certificate.serial}.{extension}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_safe
def holders_badge_png(request, serial):
    """The holder's badge, baked: a PNG carrying their hosted Assertion."""
    return _holders_badge(request, serial, openbadges2.badge_png, "image/png", "png")


@login_required
@require_safe
def holders_badge_svg(request, serial):
    """The holder's badge, baked: an SVG carrying their hosted Assertion."""
    return _holders_badge(request, serial, openbadges2.badge_svg, "image/svg+xml", "svg")
