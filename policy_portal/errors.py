"""Domain refusals. Services raise these; one place maps them to HTTP (middleware.py, api.py)."""

from __future__ import annotations

from collections.abc import Mapping


class ApplicationError(Exception):
    """A refusal the user can understand: bad input (400)."""

    status_code = 400
    code = "invalid"

    def __init__(self, message: str, *, extra: Mapping[str, object] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.extra = dict(extra or {})


class PermissionDenied(ApplicationError):
    status_code = 403
    code = "permission_denied"


class Conflict(ApplicationError):
    """The action does not fit the object's current state (409)."""

    status_code = 409
    code = "conflict"


class NotFound(ApplicationError):
    status_code = 404
    code = "not_found"
