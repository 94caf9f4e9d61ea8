"""Open Badges 3.0: a certificate as an OpenBadgeCredential (VC Data Model 2.0), signed as a VC-JWT.

The JWT payload is the credential itself with the registered claims beside it, as Open Badges 3.0
maps them: iss = issuer id, jti = credential id, nbf = validFrom, exp = validUntil,
sub = credentialSubject id. The public key is at /.well-known/jwks.json.
"""

import datetime
import hashlib
import hmac
import uuid

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from certification import signing, status_lists
from certification.jsonld import OB_V3 as OB_CONTEXT
from certification.jsonld import VC_V2 as VC_CONTEXT
from certification.models import CertificateStatus, IssuerSettings
from lms.conf import academy_settings


def absolute(path):
    return academy_settings.SITE_URL + path


def timestamp(moment):
    """RFC 3339 in UTC with whole seconds, matching the JWT's numeric dates."""
    return moment.astimezone(datetime.UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def issuer_id():
    return signing.issuer_id()


def issuer_profile(issuer=None):
    """The organisation that issues the credentials, as an Open Badges Profile."""
    issuer = issuer or IssuerSettings.load()
    profile = {
        "id": issuer_id(),
        "type": ["Profile"],
        "name": issuer.issuer_name,
        "url": issuer.issuer_url,
        "description": "Certifies employees who speak for the company on social media.",
    }
    email = issuer.contact_email or settings.DEFAULT_FROM_EMAIL
    if email and "@localhost" not in email:
        profile["email"] = email
    return profile


def subject_id(user):
    """A stable pseudonymous URN for the holder: no name or e-mail inside."""
    namespace = uuid.uuid5(uuid.NAMESPACE_URL, academy_settings.SITE_URL)
    return f"urn:uuid:{uuid.uuid5(namespace, f'holder:{user.pk}')}"


def identity_salt(certificate):
    return hmac.new(
        settings.SECRET_KEY.encode(), f"salt:{certificate.serial}".encode(), hashlib.sha256
    ).hexdigest()[:16]


def email_identity(certificate):
    """The holder's e-mail, salted and hashed, so a wallet can prove whose it is."""
    email = (certificate.holder.email or "").strip().lower()
    if not email:
        return []
    salt = identity_salt(certificate)
    digest = hashlib.sha256((email + salt).encode()).hexdigest()
    return [
        {
            "type": "IdentityObject",
            "identityType": "emailAddress",
            "hashed": True,
            "identityHash": f"sha256${digest}",
            "salt": salt,
        }
    ]


def criteria_narrative(program):
    lines = []
    lineage = program.lineage()
    if any(p.requires_policy for p in lineage):
        lines.append("- Accept the current social media policy.")
    seen = set()
    for tier in lineage:
        for pc in tier.program_courses.select_related("course").order_by("sort_order"):
            if pc.course_id not in seen:
                seen.add(pc.course_id)
                lines.append(f"- Complete the course “{pc.course.title}” and pass its quiz.")
    if program.builds_on_id:
        lines.append(f"- Hold a valid {program.builds_on.name} certificate.")
    if program.requires_approval:
        lines.append("- Be approved by the social media team.")
    lines.append(
        f"Valid for {program.validity_days} days; renewed by meeting the current requirements "
        "again."
    )
    return "\n".join(lines)


def achievement_id(program):
    return absolute(reverse("api:achievement", kwargs={"slug": program.slug}))


def achievement(program, issuer=None):
    """The program as an Open Badges Achievement; its id dereferences to this document."""
    return {
        "id": achievement_id(program),
        "type": ["Achievement"],
        "achievementType": "Certification",
        "name": program.name,
        "description": f"{program.description} {program.allows}".strip(),
        "criteria": {"narrative": criteria_narrative(program)},
        "humanCode": f"TIER-{program.tier}",
        "creator": issuer_profile(issuer),
    }


def subject(certificate, issuer=None):
    data = {"id": subject_id(certificate.holder), "type": ["AchievementSubject"]}
    identifier = email_identity(certificate)
    if identifier:
        data["identifier"] = identifier
    data["achievement"] = achievement(certificate.program, issuer)
    return data


def credential_id(certificate):
    return absolute(reverse("api:certificate_credential", kwargs={"serial": certificate.serial}))


def build_credential(certificate):
    """The unsigned OpenBadgeCredential of a certificate."""
    program = certificate.program
    issuer = IssuerSettings.load()
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT, *status_lists.extra_contexts()],
        "id": credential_id(certificate),
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "name": f"{program.name} · {issuer.issuer_name}",
        "description": program.allows,
        "issuer": issuer_profile(issuer),
        "validFrom": timestamp(certificate.issued_at),
        "validUntil": timestamp(certificate.expires_at),
        "credentialSubject": subject(certificate, issuer),
        "credentialStatus": status_lists.credential_status(certificate),
    }


def jwt_claims(credential, certificate):
    return {
        **credential,
        "iss": credential["issuer"]["id"],
        "jti": credential["id"],
        "nbf": int(certificate.issued_at.timestamp()),
        "exp": int(certificate.expires_at.timestamp()),
        "sub": credential["credentialSubject"]["id"],
    }


def signed_credential(certificate):
    """(compact VC-JWT, credential). Raises signing.SigningKeyMissing without a key."""
    credential = build_credential(certificate)
    return signing.sign(jwt_claims(credential, certificate)), credential


def issuer_document():
    """The issuer Profile served at its id: a JSON-LD document that also points to the key set
    (`jku`) that verifies its credentials."""
    return {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        **issuer_profile(),
        "jku": absolute(reverse("certification:jwks")),
    }


def achievement_document(program):
    """What an achievement id dereferences to: the Achievement as a JSON-LD document."""
    return {"@context": [VC_CONTEXT, OB_CONTEXT], **achievement(program)}


def exemption_message():
    return _(
        "This is an exemption granted by staff, not an earned certificate: it has no "
        "credential, badge or PDF."
    )


def is_issuable(certificate):
    """A revoked certificate has no credential to hand out; its status says why."""
    return certificate.status != CertificateStatus.REVOKED
