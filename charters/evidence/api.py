"""Evidence export API for legal's tools: ask for a version's dossier, follow it (download from the page)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from charters.evidence import selectors, services
from charters.models import CharterVersion, EvidenceExport
from policy_portal.api import capability_required


class ExportOutputSerializer(serializers.ModelSerializer):
    charter = serializers.CharField(source="version.charter.slug", read_only=True)
    number = serializers.IntegerField(source="version.number", read_only=True)
    percent = serializers.IntegerField(read_only=True)

    class Meta:
        model = EvidenceExport
        fields = [
            "id", "charter", "number", "language", "status", "step", "percent", "ledger_sequence", "ledger_hash",
            "created_at", "finished_at", "sha256", "size",
        ]  # fmt: skip
        read_only_fields = fields


class EvidenceExportCreateApi(APIView):
    """201 with a new export (a job builds it), 200 with the existing one when asked again at the same ledger state."""

    permission_classes = [capability_required("export_evidence")]

    class InputSerializer(serializers.Serializer):
        charter = serializers.SlugField()
        number = serializers.IntegerField(min_value=1)
        language = serializers.RegexField(r"^(fr|en)$", default="fr", help_text="fr (default) or en")

    @extend_schema(
        request=InputSerializer,
        responses={201: ExportOutputSerializer, 200: ExportOutputSerializer},
        summary="Ask for a version's dossier",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = CharterVersion.objects.filter(
            charter__slug=data.validated_data["charter"], number=data.validated_data["number"]
        ).first()
        if version is None:
            raise Http404
        export, created = services.evidence_export_request(
            version=version, by=request.user, language=data.validated_data["language"]
        )
        return Response(ExportOutputSerializer(export).data, status=status.HTTP_201_CREATED if created else 200)


class EvidenceExportDetailApi(APIView):
    permission_classes = [capability_required("export_evidence")]

    @extend_schema(responses=ExportOutputSerializer, summary="An evidence export's status and progress")
    def get(self, request: Request, pk: int) -> Response:
        export = selectors.evidence_export_get(pk)
        if export is None:
            raise Http404
        return Response(ExportOutputSerializer(export).data)
