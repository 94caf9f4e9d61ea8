"""Site pages: my certificates, one certificate (with its PDF), asking for approval, and the
public verification pages. The JWKS lives here too, at /.well-known/jwks.json."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_GET, require_POST

from certification import credentials, signing
from certification.forms import ApprovalRequestForm, VerifyForm
from certification.models import Certificate, IssuerSettings, Program
from certification.pdf import render_certificate_pdf
from certification.services import ask_for_approval, renew
from certification.services.recertification import successor_of
from certification.services.standing import LearnerRecord, renewal_plan
from certification.services.suspension import policy_notice


def own_certificate(request, serial):
    """The signed-in holder's certificate; anyone else's is simply not found."""
    certificate = (
        Certificate.objects.by_serial(serial)
        .select_related("holder", "program", "revoked_by")
        .filter(holder=request.user)
        .first()
    )
    if certificate is None:
        raise Http404(_("No certificate of yours has this serial."))
    return certificate


@login_required
def my_certificates(request):
    record = LearnerRecord(request.user)
    certificates = Certificate.objects.filter(holder=request.user).select_related("program")[:100]
    return render(
        request,
        "certification/my_certificates.html",
        {
            "standings": record.standings(),
            "certificates": certificates,
            "request_form": ApprovalRequestForm(),
        },
    )


@login_required
def certificate_detail(request, serial, status=200):
    certificate = own_certificate(request, serial)
    return render(
        request,
        "certification/certificate.html",
        {
            "certificate": certificate,
            "plan": renewal_plan(certificate),
            "successor": successor_of(certificate),
            "verification_url": certificate.verification_url(),
            "policy_notice": certificate_policy_notice(request.user, certificate),
        },
        status=status,
    )


def renewal_refusal(plan):
    """Why a revoked or already renewed certificate is not renewed, in words."""
    if plan.revoked:
        return _(
            "A revoked certificate cannot be renewed: the social media team must approve a new "
            "one. Ask from My certificates once the other requirements are met."
        )
    return _("This certificate was already renewed: renew the certificate that continues it.")


def certificate_policy_notice(user, certificate):
    """The new-policy notice, when it concerns this certificate."""
    notice = policy_notice(user)
    return notice if notice is not None and notice.concerns(certificate) else None


@login_required
def certificate_pdf(request, serial):
    certificate = own_certificate(request, serial)
    if certificate.is_exemption:
        raise Http404(credentials.exemption_message())
    response = HttpResponse(render_certificate_pdf(certificate), content_type="application/pdf")
    filename = f"{certificate.program.slug}-certificate-{certificate.serial}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@login_required
@require_POST
def renew_certificate(request, serial):
    certificate = own_certificate(request, serial)
    plan = renewal_plan(certificate)
    if plan.revoked or plan.renewed:
        # Nothing to renew, ever: refused (409) with the page that says why.
        messages.error(request, renewal_refusal(plan))
        return certificate_detail(request, serial, status=409)
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Confirm that you still follow the current policy to renew."))
    elif not plan.can_renew_now:
        messages.error(request, _("This certificate cannot be renewed now."))
    elif (renewed := renew(certificate)) is not None:
        messages.success(request, _("Renewed: here is your new certificate."))
        return redirect(renewed)
    else:
        messages.info(
            request,
            _("Your renewal is with the social media team; you will hear from them by e-mail."),
        )
    return redirect(certificate)


@login_required
@require_POST
def request_approval(request, slug):
    program = get_object_or_404(Program, slug=slug)
    form = ApprovalRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(m for e in form.errors.values() for m in e))
        return redirect("certification:my_certificates")
    try:
        ask_for_approval(request.user, program, message=form.cleaned_data["message"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Your request for %(program)s is with the social media team.") % {"program": program},
        )
    return redirect("certification:my_certificates")


@require_GET
def verify_form(request):
    """/verify/: type a serial (or follow ?serial=…) to see the certificate's status."""
    if "serial" not in request.GET:
        return render(request, "certification/verify.html", {"form": VerifyForm()})
    form = VerifyForm(request.GET)
    if form.is_valid():
        return redirect("certification:verify", serial=form.cleaned_data["serial"])
    return render(request, "certification/verify.html", {"form": form}, status=400)


@require_GET
def verify(request, serial):
    """Public: valid, expired or revoked, with the holder's name, the program and the dates."""
    certificate = Certificate.objects.by_serial(serial).select_related("holder", "program").first()
    if certificate is None:
        form = VerifyForm(initial={"serial": serial[:64]})
        return render(
            request, "certification/verify.html", {"form": form, "not_found": True}, status=404
        )
    if certificate.serial != serial:
        return redirect("certification:verify", serial=certificate.serial)
    return render(
        request,
        "certification/verification.html",
        {
            "certificate": certificate,
            "successor": successor_of(certificate),
            "issuer": IssuerSettings.load(request_or_site=request),
        },
    )


@require_GET
@cache_control(public=True, max_age=300)
def jwks(request):
    """The public key that verifies every Open Badges credential this site signs."""
    try:
        keys = signing.public_jwks()
    except signing.SigningKeyMissing:
        return JsonResponse({"message": "The site has no signing key yet."}, status=503)
    response = JsonResponse(keys, content_type="application/jwk-set+json")
    response["Access-Control-Allow-Origin"] = "*"
    return response
