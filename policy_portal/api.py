"""API plumbing shared by every app: error mapping and role-based permission classes."""

from __future__ import annotations

from typing import Any, Literal

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
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


def capability_required(capability: str) -> type[permissions.BasePermission]:
    """A DRF permission class granting access to users holding ``capability``."""

    class HasCapability(permissions.BasePermission):
        message = "You do not have the role required for this action."

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
