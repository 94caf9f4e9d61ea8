"""Why a learning action was refused. Each carries the HTTP status the API answers with."""

from django.utils import timezone

from lms.errors import ServiceError


class LearningError(ServiceError):
    """A refused action; `message` is a sentence meant for the person who tried."""

    status = 400


class NotAvailable(LearningError):
    """The page is not published (or one of the pages above it is not)."""

    status = 404


class InvalidSubmission(LearningError):
    """The answers do not fit the quiz."""

    status = 400


class QuizClosed(LearningError):
    """No further attempt is possible: passed already, all attempts used, or no questions."""

    status = 409


class LessonsFirst(LearningError):
    """The course opens its quiz only once every lesson is done, and some are not."""

    status = 409


class CoolingDown(LearningError):
    """The last attempt failed too recently; `retry_at` says when the next one may start."""

    status = 429

    def __init__(self, message, retry_at):
        super().__init__(message)
        self.retry_at = retry_at

    def extra_body(self):
        return {"retry_at": self.retry_at.isoformat()}

    def headers(self):
        seconds = max(int((self.retry_at - timezone.now()).total_seconds()) + 1, 1)
        return {"Retry-After": str(seconds)}


class SubmissionConflict(LearningError):
    """The submission key was used before with other answers, or a parallel attempt won."""

    status = 409


class PolicyOutdated(LearningError):
    """The version being accepted is no longer the current one."""

    status = 409
