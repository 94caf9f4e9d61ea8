"""Limit/offset pagination with bounds, so an absurd number is a 422 and not a database error."""

from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

MAX_LIMIT = 500
MAX_OFFSET = 10**9


class BoundedLimitOffsetPagination(LimitOffsetPagination):
    """django-ninja's limit/offset, with `limit` at most 500 and `offset` at most 10⁹."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=MAX_LIMIT, description="At most 500 items a page.")
        offset: int = Field(0, ge=0, le=MAX_OFFSET)

    def __init__(self, **kwargs):
        super().__init__(max_limit=MAX_LIMIT, **kwargs)
