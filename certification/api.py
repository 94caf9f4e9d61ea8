"""Certification API: my certificates, public verification, the holder's Open Badges
credentials, revocation, programs and the issuer profile. Mounted under /api/v1/."""

from datetime import date, datetime
from typing import Annotated

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Router, Schema
from ninja.errors import HttpError
from pydantic import StringConstraints

from certification import credentials, dataintegrity, learning, signing, status_lists
from certification.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    Program,
)
from certification.services import lifecycle, revoke_certificate
from certification.services.revocation import MAX_REASON_LENGTH
from certification.services.standing import programs_with_courses
from lms.api.auth import request_token, request_user, require_scope, session_auth, session_or_token
from lms.conf import academy_settings
from lms.models import TokenScope

router = Router(tags=["certification"])

VC_JWT = "application/vc+jwt"


class ProgramRef(Schema):
    name: str
    slug: str
    tier: int


class VerificationOut(Schema):
    """What anyone may know about a certificate: nothing else about the person."""

    serial: str
    status: CertificateStatus
    kind: CertificateKind = CertificateKind.EARNED
    holder: str
    program: ProgramRef
    issued_at: datetime
    expires_at: datetime
    revoked_at: datetime | None = None
    verification_url: str


class MyCertificateOut(VerificationOut):
    allows: str
    certificate_url: str
    pdf_url: str
    credential_url: str


class CourseRef(Schema):
    id: int
    title: str
    slug: str


class ProgramOut(Schema):
    name: str
    slug: str
    tier: int
    description: str
    allows: str
    requires_policy: bool
    requires_approval: bool
    validity_days: int
    builds_on: str | None = None
    courses: list[CourseRef]


class RevokeIn(Schema):
    reason: Annotated[
        str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_REASON_LENGTH)
    ]


class CredentialOut(Schema):
    jwt: str
    credential: dict


class Message(Schema):
    message: str


def find_certificate(serial):
    certificate = Certificate.objects.by_serial(serial).select_related("holder", "program").first()
    if certificate is None:
        raise Http404("No certificate has this serial.")
    return certificate


def verification(certificate):
    return {
        "serial": certificate.serial,
        # From the dates: a certificate past its end is expired before the sweep records it.
        "status": certificate.current_status,
        "kind": certificate.kind,
        "holder": certificate.holder_name,
        "program": certificate.program,
        "issued_at": certificate.issued_at,
        "expires_at": certificate.expires_at,
        "revoked_at": certificate.revoked_at,
        "verification_url": certificate.verification_url(),
    }


def holders_certificate(request, serial):
    """The signed-in holder's certificate. Anyone else's answers like an unknown serial, so a
    serial alone never confirms that a certificate (or its holder's hashed e-mail) exists."""
    user = request_user(request)
    certificate = None
    if user is not None:
        certificate = (
            Certificate.objects.by_serial(serial)
            .filter(holder=user)
            .select_related("holder", "program")
            .first()
        )
    if certificate is None:
        raise Http404("No certificate has this serial.")
    return certificate


def public(response):
    """Verification is for anyone, including a verifier's page in another origin."""
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache"


def private(response):
    """The holder's own data: no other origin reads it, and no shared cache keeps it."""
    response["Cache-Control"] = "private, no-store"


@router.get(
    "/me/certificates",
    auth=session_auth,
    response=list[MyCertificateOut],
    summary="My certificates, newest first (valid, expired and revoked)",
)
def my_certificates(request):
    user = request_user(request)
    rows = Certificate.objects.filter(holder=user).select_related("holder", "program")
    result = []
    for certificate in rows:
        item = verification(certificate)
        item.update(
            allows=certificate.program.allows,
            certificate_url=academy_settings.SITE_URL + certificate.get_absolute_url(),
            pdf_url=academy_settings.SITE_URL
            + reverse("certification:certificate_pdf", args=[certificate.serial]),
            credential_url=credentials.credential_id(certificate),
        )
        result.append(item)
    return result


@router.get(
    "/certificates/{serial}",
    auth=None,
    response={200: VerificationOut, 404: Message},
    url_name="certificate_verify",
    summary="Verify a certificate (public): status, holder's name, program and dates",
)
def verify_certificate(request, serial: str, response: HttpResponse):
    public(response)
    return verification(find_certificate(serial))


@router.get(
    "/certificates/{serial}/credential",
    auth=session_auth,
    response={200: CredentialOut, 404: Message, 410: Message, 503: Message},
    url_name="certificate_credential",
    summary="The holder's certificate as an Open Badges 3.0 credential, signed as a VC-JWT",
    description=(
        "For the certificate's holder only, signed in: the credential carries their e-mail "
        "salted and hashed, with the salt, so whoever holds it can test a guessed address. "
        "Without a session it answers 401; anyone else's serial answers 404, like an unknown "
        "one (public verification is `GET /certificates/{serial}`). "
        'Returns JSON `{"jwt": <compact VC-JWT>, "credential": <OpenBadgeCredential>}`. '
        f"Send `Accept: {VC_JWT}` to receive only the compact JWT with that media type. "
        f"Send `Accept: {dataintegrity.MEDIA_TYPE}` (or `?format=ldp_vc`) to receive the "
        "credential with an embedded Data Integrity proof (`eddsa-rdfc-2022`) instead. "
        "The JWT is signed with RS256 (or the site's ES256/EdDSA key); its `kid` is the URL "
        "of the public key, also listed in `/.well-known/jwks.json`. "
        "`credentialStatus` points at a Bitstring Status List (or a 1EdTech revocation list). "
        "A revoked certificate has no credential (410); an expired one "
        "still has, with `validUntil` in the past."
    ),
    openapi_extra={
        "responses": {
            "200": {
                "description": "The signed credential",
                "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/CredentialOut"}},
                    VC_JWT: {"schema": {"type": "string", "description": "Compact JWS"}},
                    dataintegrity.MEDIA_TYPE: {
                        "schema": {
                            "type": "object",
                            "description": "The credential with its DataIntegrityProof",
                        }
                    },
                },
            }
        }
    },
)
def certificate_credential(request, serial: str, response: HttpResponse):
    private(response)
    certificate = holders_certificate(request, serial)
    if certificate.is_exemption:
        raise HttpError(404, credentials.exemption_message())
    if not credentials.is_issuable(certificate):
        raise HttpError(410, "This certificate was revoked; it has no credential.")
    accept = request.headers.get("Accept", "")
    if dataintegrity.MEDIA_TYPE in accept or request.GET.get("format") == "ldp_vc":
        try:
            secured = dataintegrity.add_proof(credentials.build_credential(certificate))
        except dataintegrity.DataIntegrityKeyMissing as exc:
            raise HttpError(503, "Credentials cannot be signed yet: the site has no key.") from exc
        plain = JsonResponse(secured, content_type=dataintegrity.MEDIA_TYPE)
        private(plain)
        return plain
    try:
        token, credential = credentials.signed_credential(certificate)
    except signing.SigningKeyMissing as exc:
        raise HttpError(503, "Credentials cannot be signed yet: the site has no key.") from exc
    if VC_JWT in request.headers.get("Accept", ""):
        plain = HttpResponse(token, content_type=VC_JWT)
        private(plain)
        return plain
    return {"jwt": token, "credential": credential}


def check_may_revoke(request):
    token = request_token(request)
    if token is not None:
        require_scope(request, TokenScope.CERTIFICATES_REVOKE)
        return None
    user = request_user(request)
    if not user.has_perm("certification.revoke_certificate"):
        raise HttpError(403, "You may not revoke certificates.")
    return user


@router.post(
    "/certificates/{serial}/revoke",
    auth=session_or_token,
    response={200: VerificationOut, 403: Message, 404: Message, 409: Message, 422: Message},
    summary="Revoke a certificate, with a reason (staff, or a token with certificates:revoke)",
)
def revoke(request, serial: str, payload: RevokeIn):
    by = check_may_revoke(request)
    certificate = find_certificate(serial)
    try:
        revoke_certificate(certificate, reason=payload.reason, by=by)
    except ValidationError as exc:
        raise HttpError(422, " ".join(exc.messages)) from exc
    return verification(certificate)


# Lifecycle actions: staff with the permission (HR users for the people in their scope), or
# a token with certificates:lifecycle.

Reason = Annotated[
    str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_REASON_LENGTH)
]


class ExtendIn(Schema):
    until: date
    reason: Reason


class ReasonIn(Schema):
    reason: Reason


class ExemptionIn(Schema):
    employee_id: str
    program: str
    until: date
    reason: Reason


class LifecycleEventOut(Schema):
    id: int
    action: str
    at: datetime
    reason: str
    person: str | None = None
    certificate: VerificationOut | None = None
    details: dict


def check_may_manage_lifecycle(request):
    """The acting person (None for a token); 403 for anyone else."""
    token = request_token(request)
    if token is not None:
        require_scope(request, TokenScope.CERTIFICATES_LIFECYCLE)
        return None
    user = request_user(request)
    if not lifecycle.can_manage_lifecycle(user):
        raise HttpError(403, "You may not change certificates' lifecycle.")
    return user


def lifecycle_out(event, certificate=None):
    return {
        "id": event.pk,
        "action": event.action,
        "at": event.at,
        "reason": event.reason,
        "person": event.subject.email if event.subject_id else None,
        "certificate": verification(certificate) if certificate is not None else None,
        "details": event.details,
    }


def find_person(employee_id):
    person = (
        get_user_model()
        .objects.filter(employee__employee_id=employee_id.strip())
        .select_related("employee__department")
        .first()
    )
    if person is None:
        raise Http404(lifecycle.NO_PERSON)
    return person


LIFECYCLE_RESPONSES = {
    200: LifecycleEventOut,
    400: Message,
    403: Message,
    404: Message,
    409: Message,
    422: Message,
}


@router.post(
    "/certificates/{serial}/extend",
    auth=session_or_token,
    response=LIFECYCLE_RESPONSES,
    summary="Extend a valid or expired certificate to a later date, with a reason",
)
def extend(request, serial: str, payload: ExtendIn):
    by = check_may_manage_lifecycle(request)
    certificate = find_certificate(serial)
    event = lifecycle.extend_certificate(
        certificate, until=payload.until, reason=payload.reason, by=by
    )
    return lifecycle_out(event, certificate)


@router.post(
    "/certificates/{serial}/reinstate",
    auth=session_or_token,
    response=LIFECYCLE_RESPONSES,
    summary="Reinstate a revoked certificate whose end is still ahead, with a reason",
)
def reinstate(request, serial: str, payload: ReasonIn):
    by = check_may_manage_lifecycle(request)
    certificate = find_certificate(serial)
    event = lifecycle.reinstate_certificate(certificate, reason=payload.reason, by=by)
    return lifecycle_out(event, certificate)


@router.post(
    "/exemptions",
    auth=session_or_token,
    response=LIFECYCLE_RESPONSES,
    summary="Grant an exemption: the person counts as certified in the program until a date",
)
def exemption(request, payload: ExemptionIn):
    by = check_may_manage_lifecycle(request)
    person = find_person(payload.employee_id)
    program = Program.objects.filter(slug=payload.program.strip()).first()
    if program is None:
        raise Http404("No program has this slug.")
    event = lifecycle.grant_exemption(
        person, program, until=payload.until, reason=payload.reason, by=by
    )
    certificate = Certificate.objects.select_related("holder", "program").get(
        pk=event.certificate_id
    )
    return lifecycle_out(event, certificate)


@router.post(
    "/people/{employee_id}/quizzes/{quiz_id}/reset-attempts",
    auth=session_or_token,
    response=LIFECYCLE_RESPONSES,
    summary="Reset a person's attempts at a quiz (archived, kept on record), with a reason",
)
def reset_attempts(request, employee_id: str, quiz_id: int, payload: ReasonIn):
    by = check_may_manage_lifecycle(request)
    person = find_person(employee_id)
    quiz = learning.find_quiz(quiz_id)
    if quiz is None:
        raise Http404("No quiz has this id.")
    event = lifecycle.reset_quiz_attempts(person, quiz, reason=payload.reason, by=by)
    return lifecycle_out(event)


def program_out(program):
    courses = []
    seen = set()
    for pc in program.program_courses.all():
        if pc.course_id not in seen:
            seen.add(pc.course_id)
            courses.append({"id": pc.course_id, "title": pc.course.title, "slug": pc.course.slug})
    return {
        "name": program.name,
        "slug": program.slug,
        "tier": program.tier,
        "description": program.description,
        "allows": program.allows,
        "requires_policy": program.requires_policy,
        "requires_approval": program.requires_approval,
        "validity_days": program.validity_days,
        "builds_on": program.builds_on.slug if program.builds_on_id else None,
        "courses": courses,
    }


@router.get(
    "/programs",
    auth=None,
    response=list[ProgramOut],
    summary="The certification ladder, lowest tier first, with each program's own courses",
)
def programs(request):
    ladder = programs_with_courses()
    by_id = {p.pk: p for p in ladder}
    for program in ladder:
        program.builds_on = by_id.get(program.builds_on_id)
    return [program_out(program) for program in ladder]


@router.get(
    "/programs/{slug}",
    auth=None,
    response={200: ProgramOut, 404: Message},
    url_name="program_detail",
    summary="One program (the Open Badges achievement id points here)",
)
def program_detail(request, slug: str):
    program = get_object_or_404(
        Program.objects.select_related("builds_on").prefetch_related("program_courses__course"),
        slug=slug,
    )
    return program_out(program)


@router.get(
    "/issuer",
    auth=None,
    response=dict,
    url_name="issuer_profile",
    summary="The Open Badges issuer profile of this site, with the key set that verifies it",
)
def issuer(request, response: HttpResponse):
    public(response)
    # Also the controller document of the Data Integrity key (its assertionMethod).
    return dataintegrity.controller_document(credentials.issuer_document())


@router.get(
    "/issuer/keys/{thumbprint}",
    auth=None,
    response={200: dict, 404: Message, 503: Message},
    url_name="issuer_key",
    summary="One public key of the issuer, as a JWK: what a credential's `kid` dereferences to",
    description=(
        "The key's RFC 7638 thumbprint names it. Keys replaced by a rotation stay here until "
        "the credentials they signed have expired."
    ),
)
def issuer_key(request, thumbprint: str, response: HttpResponse):
    try:
        jwk = signing.find_public_key(thumbprint)
    except signing.SigningKeyMissing as exc:
        raise HttpError(503, "The site has no signing key yet.") from exc
    if jwk is None:
        raise Http404("No published key has this thumbprint.")
    plain = JsonResponse(jwk, content_type="application/jwk+json")
    public(plain)
    return plain


@router.get(
    "/achievements/{slug}",
    auth=None,
    response={200: dict, 404: Message},
    url_name="achievement",
    summary="A program as an Open Badges 3.0 Achievement (what a credential's achievement id is)",
)
def achievement(request, slug: str, response: HttpResponse):
    public(response)
    program = get_object_or_404(Program.objects.select_related("builds_on"), slug=slug)
    return credentials.achievement_document(program)


def status_list_format(request):
    """The form a status list is wanted in: the signed JWT unless JSON is asked for."""
    accept = request.headers.get("Accept", "")
    if dataintegrity.MEDIA_TYPE in accept or request.GET.get("format") == "ldp_vc":
        return "ld"
    if "application/json" in accept and VC_JWT not in accept:
        return "json"
    return "jwt"


@router.get(
    "/credentials/status/{number}",
    auth=None,
    response={200: CredentialOut, 404: Message, 503: Message},
    url_name="status_list",
    summary="A Bitstring Status List credential (revocation), signed like every credential",
    description=(
        "W3C Bitstring Status List v1.0: `credentialSubject.encodedList` is the GZIP of a "
        "131,072-bit string, base64url with the multibase prefix `u`; a set bit at a "
        "credential's `statusListIndex` means it was revoked. Computed at each request and "
        "valid (and cacheable) for a few minutes (`validUntil`). Returns the compact JWT as "
        f"`{VC_JWT}`; send `Accept: application/json` for "
        '`{"jwt": ..., "credential": ...}`, or `Accept: application/vc+ld+json` for the list '
        "with a Data Integrity proof (eddsa-rdfc-2022)."
    ),
    openapi_extra={
        "responses": {
            "200": {
                "description": "The signed status list credential",
                "content": {
                    VC_JWT: {"schema": {"type": "string", "description": "Compact JWS"}},
                    "application/json": {"schema": {"$ref": "#/components/schemas/CredentialOut"}},
                },
            }
        }
    },
)
def status_list(request, number: int, response: HttpResponse):
    return status_list_response(request, number, response, status_lists.PURPOSE)


@router.get(
    "/credentials/status/{number}/suspension",
    auth=None,
    response={200: CredentialOut, 404: Message, 503: Message},
    url_name="suspension_status_list",
    summary="A Bitstring Status List credential (suspension), at the revocation list's indices",
    description=(
        "The same list numbers and `statusListIndex` values as `/credentials/status/{number}`, "
        "with `statusPurpose` `suspension`: a set bit means the certificate is suspended now "
        "(a new policy version not accepted after its grace period); it clears when the "
        "suspension is lifted. Same forms and cache lifetime as the revocation list."
    ),
)
def suspension_status_list(request, number: int, response: HttpResponse):
    return status_list_response(request, number, response, status_lists.SUSPENSION)


def status_list_response(request, number, response, purpose):
    if number < 1 or not status_lists.list_exists(number):
        raise Http404("No status list has this number.")
    credential = status_lists.status_list_credential(
        number, credentials.issuer_id(), purpose=purpose
    )
    cache = f"public, max-age={academy_settings.CREDENTIAL_STATUS_LIST_TTL}"
    wanted = status_list_format(request)
    if wanted == "ld":
        try:
            secured = dataintegrity.add_proof(credential)
        except dataintegrity.DataIntegrityKeyMissing as exc:
            raise HttpError(503, "The site has no Data Integrity key yet.") from exc
        plain = JsonResponse(secured, content_type=dataintegrity.MEDIA_TYPE)
        plain["Cache-Control"] = cache
        plain["Access-Control-Allow-Origin"] = "*"
        return plain
    # The JOSE forms: signed only when one of them is wanted (RS256 costs milliseconds).
    try:
        token = signing.sign(status_lists.status_list_claims(credential))
    except signing.SigningKeyMissing as exc:
        raise HttpError(503, "Status lists cannot be signed yet: the site has no key.") from exc
    if wanted == "json":
        response["Cache-Control"] = cache
        response["Access-Control-Allow-Origin"] = "*"
        return {"jwt": token, "credential": credential}
    plain = HttpResponse(token, content_type=VC_JWT)
    plain["Cache-Control"] = cache
    plain["Access-Control-Allow-Origin"] = "*"
    return plain


@router.get(
    "/credentials/revocations/{serial}",
    auth=None,
    response={200: dict, 404: Message},
    url_name="revocation_list",
    summary="The 1EdTech revocation list of one credential (Open Badges 3.0 status method)",
    description=(
        "`revokedCredentials` holds the credential's id once its certificate is revoked, and is "
        "empty otherwise; it says no more than `GET /certificates/{serial}`."
    ),
)
def revocation_list(request, serial: str, response: HttpResponse):
    public(response)
    certificate = find_certificate(serial)
    revoked = []
    if certificate.status == CertificateStatus.REVOKED:
        revoked.append({"id": credentials.credential_id(certificate), "revoked": True})
    return {
        "id": status_lists.revocation_list_url(certificate),
        "issuer": credentials.issuer_id(),
        "revokedCredentials": revoked,
    }
