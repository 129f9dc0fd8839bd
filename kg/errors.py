"""The one error hierarchy; ``api/problems.py`` maps it to HTTP problem responses."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base of every error policykg raises on purpose.

    ``extensions`` are extra members of the problem body (RFC 9457), e.g. the line and
    column of a syntax error; they are plain JSON values, never backend objects.

    >>> BadQuery("bad", line=1, column=7).extensions
    {'line': 1, 'column': 7}
    """

    title = "policykg error"

    def __init__(self, message: str = "", **extensions: str | int | float | bool) -> None:
        super().__init__(message)
        self.extensions = extensions


class NotFound(PolicyKGError):
    title = "Not found"


class BadQuery(PolicyKGError):
    title = "Bad query"


class BadInput(PolicyKGError):
    title = "Bad input"


class QueryTimeout(PolicyKGError):
    title = "Query timed out"


class Forbidden(PolicyKGError):
    title = "Forbidden"


class Unauthorized(PolicyKGError):
    title = "Unauthorized"


class NotAcceptable(PolicyKGError):
    title = "Not acceptable"


class Conflict(PolicyKGError):
    title = "Conflict"


class ShapeViolation(PolicyKGError):
    title = "Shape violation"


class BackendUnavailable(PolicyKGError):
    title = "Backend unavailable"


class UnsupportedMediaType(PolicyKGError):
    title = "Unsupported media type"


class ResultTooLarge(PolicyKGError):
    """The answer is larger than the endpoint's configured cap, and the client did not accept a cut answer."""

    title = "Result too large"


class PayloadTooLarge(PolicyKGError):
    title = "Payload too large"


class UriTooLong(PolicyKGError):
    title = "URI too long"
