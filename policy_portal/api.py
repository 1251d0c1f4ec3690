"""API plumbing shared by every app: error mapping and role-based permission classes."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular import openapi
from rest_framework import exceptions, permissions, serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework.views import exception_handler as drf_exception_handler

from policy_portal.errors import ApplicationError
from policy_portal.roles import can


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """Every API error is JSON: {"error": {"code": ..., "message": ..., "detail": ...}}."""
    if isinstance(exc, ApplicationError):
        body = {"error": {"code": exc.code, "message": exc.message, **exc.extra}}
        return Response(body, status=exc.status_code)
    if isinstance(exc, exceptions.ParseError):
        exc = _readable_parse_error(exc)
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.APIException):
        detail = response.data
        message = detail.get("detail") if isinstance(detail, dict) and "detail" in detail else exc.default_detail
        code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
        response.data = {"error": {"code": code, "message": str(message), "detail": detail}}
    return response


def _readable_parse_error(exc: exceptions.ParseError) -> exceptions.ParseError:
    """DRF's parse errors carry Python's codec or JSON message; say what is wrong in the reader's language."""
    cause = exc.__cause__ or exc.__context__
    while cause is not None and not isinstance(cause, UnicodeDecodeError | ValueError):
        cause = cause.__cause__ or cause.__context__
    if isinstance(cause, UnicodeDecodeError):
        message = gettext("The request body is not valid UTF-8 text: send it encoded in UTF-8.")
    elif hasattr(cause, "lineno") and hasattr(cause, "colno"):
        message = gettext(
            "The request body is not valid JSON (line %(line)d, column %(column)d): check quotes, commas and braces."
        ) % {"line": cause.lineno, "column": cause.colno}  # type: ignore[union-attr]
    elif isinstance(cause, ValueError):
        message = gettext("The request body could not be read: send valid JSON encoded in UTF-8.")
    else:  # DRF's own messages (multipart, no file name...) are already worded and translated
        return exc
    return exceptions.ParseError(message)


def capability_required(capability: str) -> type[permissions.BasePermission]:
    """A DRF permission class granting access to users holding ``capability``."""

    class HasCapability(permissions.BasePermission):
        message = gettext_lazy("You do not have the role required for this action.")

        def has_permission(self, request: Request, view: APIView) -> bool:
            return can(request.user, capability)

    HasCapability.__name__ = f"Has_{capability}"
    return HasCapability


class AutoSchema(openapi.AutoSchema):
    """Names nested serializers after their view: ``MeApi.OutputSerializer`` -> ``MeOutput``.

    STYLE.md nests ``InputSerializer``/``OutputSerializer`` in each APIView; without this every
    view's component would be called "Output" and collide.
    """

    def get_serializer_name(self, serializer: serializers.Serializer, direction: Literal["request", "response"]) -> str:
        cls = serializer.__class__
        parts = cls.__qualname__.split(".")
        if len(parts) >= 2 and parts[-1] in ("InputSerializer", "OutputSerializer", "FilterSerializer"):
            owner = parts[-2].removesuffix("Api")
            return owner + parts[-1].removesuffix("Serializer")
        return super().get_serializer_name(serializer, direction)


# --- documented errors ---------------------------------------------------------------------------
ERROR_SCHEMA = {
    "type": "object",
    "description": "Every API error: a stable code, a message for people, and details (e.g. per field).",
    "properties": {
        "error": {
            "type": "object",
            "properties": {
                "code": {"type": "string", "example": "invalid"},
                "message": {"type": "string"},
                "detail": {"description": "Field errors for invalid input, else the detail of the refusal."},
            },
            "required": ["code", "message"],
            "additionalProperties": True,
        }
    },
    "required": ["error"],
}
ERROR_DESCRIPTIONS = {
    "400": "Invalid input (field errors in error.detail) or a refusal the request can fix.",
    "403": "Not signed in, or the role does not allow this operation.",
    "404": "No such object, or not one this person may see.",
    "409": "The object's current state does not allow this (e.g. already claimed, not in review).",
    "415": "The request body's content type is not one this operation reads.",
    "429": "Too many requests: wait and try again.",
}


def _error_codes(operation: dict[str, Any], method: str, view: type[APIView] | None) -> list[str]:
    parameters = operation.get("parameters", [])
    writes = method != "get"
    codes = ["403"]
    if writes or any(p.get("in") == "query" for p in parameters):
        codes.append("400")
    if writes or any(p.get("in") == "path" for p in parameters) or getattr(view, "may_answer_404", False):
        codes.append("404")
    if writes:
        codes.append("409")
    if "requestBody" in operation:
        codes.append("415")
    if view is not None and getattr(view, "throttle_classes", None) and getattr(view, "throttle_scope", None):
        codes.append("429")
    return codes


def document_errors(result: dict[str, Any], generator: object, request: object, public: bool) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: declare the JSON error body (exception_handler above) on every
    operation, for the status codes that operation can answer, so clients and schema-driven fuzzers know them."""
    from django.urls import Resolver404, resolve

    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    reference = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path, item in result.get("paths", {}).items():
        example = path
        for parameter in ("slug", "number", "id", "pk"):
            example = example.replace("{" + parameter + "}", "missing" if parameter == "slug" else "1")
        try:
            view = getattr(resolve(example).func, "cls", None)
        except Resolver404:
            view = None
        for method, operation in item.items():
            responses = operation.setdefault("responses", {})
            for code in _error_codes(operation, method, view):
                responses.setdefault(code, {"description": ERROR_DESCRIPTIONS[code], "content": reference})
    return result
