"""The policy and its acceptance."""

from django.http import Http404
from ninja import Router, Status
from wagtail.rich_text import expand_db_html

from courses.api.common import ErrorOut, page_url
from courses.api.schemas import AcceptanceOut, AcceptIn, PolicyOut
from courses.models import PolicyAcceptance, PolicyPage
from courses.services import accept_policy, current_policy_version, published_page
from lms.api.auth import request_user, session_auth

router = Router(tags=["policy"], auth=session_auth)


@router.get(
    "/policies/current",
    response={200: PolicyOut, 404: ErrorOut},
    summary="The current version of the policy and whether the person accepted it",
)
def current(request):
    version = current_policy_version()
    if version is None:
        raise Http404("No policy has been published yet.")
    mine = PolicyAcceptance.objects.filter(user=request_user(request))
    acceptance = mine.filter(version=version).first()
    return {
        "id": version.policy_id,
        "title": version.title,
        "url": page_url(version.policy, request),
        "summary": version.summary,
        "body": expand_db_html(version.body),
        "version": version.number,
        "published_at": version.published_at,
        "attestation": version.attestation_text,
        "accepted": acceptance is not None,
        "accepted_at": acceptance.accepted_at if acceptance else None,
    }


@router.post(
    "/policies/{policy_id}/accept",
    response={200: AcceptanceOut, 201: AcceptanceOut, 404: ErrorOut, 409: ErrorOut},
    summary="Accept the current version of the policy (safe to repeat)",
    description="Send the `version` the person read: if a newer one was published since, the "
    "answer is 409 and nothing is recorded.",
)
def accept(request, policy_id: int, payload: AcceptIn | None = None):
    policy = published_page(PolicyPage, policy_id)
    acceptance, created = accept_policy(
        request_user(request), policy, number=payload.version if payload else None
    )
    return Status(
        201 if created else 200,
        {
            "policy_id": policy.pk,
            "version": acceptance.version.number,
            "accepted_at": acceptance.accepted_at,
            "created": created,
        },
    )
