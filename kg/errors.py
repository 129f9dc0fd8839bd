"""The one error hierarchy; ``api/problems.py`` maps it to HTTP problem responses."""

from __future__ import annotations


class PolicyKGError(Exception):
    """Base of every error policykg raises on purpose."""

    title = "policykg error"


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
