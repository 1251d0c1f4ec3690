"""API of the checker: check a draft (nothing is stored)."""

from __future__ import annotations

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.throttling import ScopedRateThrottle
from rest_framework.views import APIView

from compliance.departments import department_code_of
from compliance.messages import notice_text
from compliance.presentation import finding_shown
from compliance.services import precheck_run
from policy_portal.api import capability_required
from policy_portal.roles import can

PLATFORMS = [
    ("linkedin", "LinkedIn"),
    ("x", "X"),
    ("facebook", "Facebook"),
    ("instagram", "Instagram"),
    ("other", _("Other")),
]


class NoticeSerializer(serializers.Serializer):
    code = serializers.CharField(read_only=True, help_text="e.g. model_unavailable: only the rules checked the draft")
    message = serializers.CharField(read_only=True)


class FindingOutputSerializer(serializers.Serializer):
    category = serializers.CharField(read_only=True)
    rule = serializers.CharField(read_only=True)
    start = serializers.IntegerField(read_only=True)
    end = serializers.IntegerField(read_only=True)
    excerpt = serializers.CharField(read_only=True)
    severity = serializers.CharField(read_only=True)
    message = serializers.CharField(read_only=True)
    fix = serializers.CharField(read_only=True)
    clause = serializers.CharField(read_only=True)
    clause_url = serializers.CharField(read_only=True, help_text="The clause on the charter's reading page, or empty.")


class PrecheckCreateApi(APIView):
    permission_classes = [capability_required("use_checker")]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "precheck"

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(trim_whitespace=False)
        lang = serializers.ChoiceField(choices=["fr", "en"], required=False, allow_null=True, default=None)
        platform = serializers.ChoiceField(choices=PLATFORMS, required=False, default="other")

    class OutputSerializer(serializers.Serializer):
        verdict = serializers.ChoiceField(choices=["ok", "review", "block"], read_only=True)
        lang = serializers.CharField(read_only=True)
        findings = FindingOutputSerializer(many=True, read_only=True)
        notices = NoticeSerializer(many=True, read_only=True)

    @extend_schema(
        request=InputSerializer,
        responses=OutputSerializer,
        summary="Check a draft post before publishing it (nothing is stored)",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        text = data.validated_data["text"]
        role = "spokesperson" if can(request.user, "speak_officially") else "employee"
        analysis = precheck_run(
            text=text,
            lang=data.validated_data["lang"],
            author_role=role,
            max_chars=getattr(settings, "COMPLIANCE_MAX_CHARS", 10_000),
            department=department_code_of(request.user),
        )
        body = {
            "verdict": analysis.verdict,
            "lang": analysis.lang,
            "findings": [finding_shown(f, text) for f in analysis.findings],
            "notices": [{"code": n, "message": notice_text(n)} for n in analysis.notices],
        }
        return Response(self.OutputSerializer(body).data)
