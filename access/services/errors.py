"""Why an access request, decision or revocation cannot be honoured, with its HTTP status."""

from lms.errors import ServiceError


class AccessError(ServiceError):
    """A request that cannot be honoured; `status` is the HTTP status it answers with."""

    status = 400


class RoleNotOffered(AccessError):
    status = 422


class AccountRetired(AccessError):
    status = 409


class AccountPaused(AccessError):
    status = 409


class AlreadyGranted(AccessError):
    status = 409


class DuplicateRequest(AccessError):
    status = 409


class AlreadyDecided(AccessError):
    status = 409


class NoCoveringCertificate(AccessError):
    status = 409


class NotAllowed(AccessError):
    status = 403
