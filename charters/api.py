"""Charter API: one APIView per operation; reads for readers, writes for HR, approval for approvers."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from charters import selectors, services
from charters.models import Charter, CharterVersion, Clause
from policy_portal.api import capability_required
from policy_portal.models import Department


# --- output serializers (read-only) --------------------------------------------------------------
class CharterOutputSerializer(serializers.ModelSerializer):
    departments = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)

    class Meta:
        model = Charter
        fields = ["slug", "name", "name_en", "audience", "departments", "roles", "created_at"]
        read_only_fields = fields


class TranslationOutputSerializer(serializers.Serializer):
    language = serializers.CharField()
    body = serializers.CharField()
    based_on_fr_revision = serializers.IntegerField()
    stale = serializers.BooleanField(source="is_stale")


class VersionOutputSerializer(serializers.ModelSerializer):
    charter = serializers.CharField(source="charter.slug")
    in_force = serializers.BooleanField(source="is_in_force")
    translations = TranslationOutputSerializer(many=True)

    class Meta:
        model = CharterVersion
        fields = [
            "charter",
            "number",
            "status",
            "in_force",
            "effective_date",
            "change_summary",
            "material",
            "content_sha256",
            "fr_revision",
            "body_fr",
            "translations",
            "published_at",
            "in_force_at",
        ]
        read_only_fields = fields


class ClauseOutputSerializer(serializers.ModelSerializer):
    class Meta:
        model = Clause
        fields = ["number", "anchor", "title", "tags", "language", "position"]
        read_only_fields = fields


class ClauseDiffOutputSerializer(serializers.Serializer):
    number = serializers.CharField()
    title = serializers.CharField()
    anchor = serializers.CharField()
    status = serializers.ChoiceField(choices=["added", "removed", "changed", "unchanged"])
    html = serializers.CharField(
        help_text="The newer text rendered (headings, paragraphs, lists) with <ins> and <del> marks, each opened by "
        "a visually hidden label (sanitised HTML)."
    )
    tags_added = serializers.ListField(child=serializers.CharField())
    tags_removed = serializers.ListField(child=serializers.CharField())


def _charter(request: Request, slug: str) -> Charter:
    charter = selectors.charter_get_for_user(slug=slug, user=request.user)
    if charter is None:
        raise Http404
    return charter


def _version(request: Request, slug: str, number: int) -> CharterVersion:
    version = selectors.charter_version_get_for_user(charter=_charter(request, slug), number=number, user=request.user)
    if version is None:
        raise Http404
    return version


def _version_out(version: CharterVersion) -> dict[str, object]:
    return VersionOutputSerializer(
        CharterVersion.objects.prefetch_related("translations").select_related("charter").get(pk=version.pk)
    ).data


# --- reads ---------------------------------------------------------------------------------------
class CharterListApi(APIView):
    permission_classes = [capability_required("view_charters")]

    @extend_schema(responses=CharterOutputSerializer(many=True), summary="Charters that apply to me (all for HR)")
    def get(self, request: Request) -> Response:
        charters = selectors.charter_list_for_user(request.user).prefetch_related("departments")
        return Response(CharterOutputSerializer(charters, many=True).data)


class VersionListApi(APIView):
    permission_classes = [capability_required("view_charters")]

    @extend_schema(responses=VersionOutputSerializer(many=True), summary="Versions of a charter I may read")
    def get(self, request: Request, slug: str) -> Response:
        versions = selectors.charter_version_list_for_user(charter=_charter(request, slug), user=request.user)
        return Response(VersionOutputSerializer(versions, many=True).data)


class VersionDetailApi(APIView):
    permission_classes = [capability_required("view_charters")]

    @extend_schema(responses=VersionOutputSerializer, summary="One version, French text and translations")
    def get(self, request: Request, slug: str, number: int) -> Response:
        return Response(VersionOutputSerializer(_version(request, slug, number)).data)


class VersionClauseListApi(APIView):
    permission_classes = [capability_required("view_charters")]

    @extend_schema(
        parameters=[OpenApiParameter("lang", str, enum=["fr", "en"])],
        responses=ClauseOutputSerializer(many=True),
        summary="The numbered clauses of a version",
    )
    def get(self, request: Request, slug: str, number: int) -> Response:
        language = request.query_params.get("lang", "fr")
        clauses = selectors.version_clauses(_version(request, slug, number), language)
        return Response(ClauseOutputSerializer(clauses, many=True).data)


class VersionDiffApi(APIView):
    permission_classes = [capability_required("view_charters")]

    class FilterSerializer(serializers.Serializer):
        from_ = serializers.IntegerField(min_value=1)
        to = serializers.IntegerField(min_value=1)
        lang = serializers.ChoiceField(choices=["fr", "en"], default="fr")

        def to_internal_value(self, data: object) -> dict[str, object]:
            data = dict(data.items()) if hasattr(data, "items") else {}
            data["from_"] = data.pop("from", None)
            return super().to_internal_value(data)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", int, required=True),
            OpenApiParameter("to", int, required=True),
            OpenApiParameter("lang", str, enum=["fr", "en"]),
        ],
        responses=ClauseDiffOutputSerializer(many=True),
        summary="Clause-by-clause diff of two versions",
    )
    def get(self, request: Request, slug: str) -> Response:
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        older = _version(request, slug, params.validated_data["from_"])
        newer = _version(request, slug, params.validated_data["to"])
        diffs = selectors.version_diff(older, newer, params.validated_data["lang"])
        return Response(ClauseDiffOutputSerializer(diffs, many=True).data)


# --- writes (HR) ---------------------------------------------------------------------------------
class CharterCreateApi(APIView):
    permission_classes = [capability_required("author_charters")]

    class InputSerializer(serializers.Serializer):
        name = serializers.CharField(max_length=200)
        name_en = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
        slug = serializers.SlugField(max_length=80)
        audience = serializers.ChoiceField(choices=Charter.Audience.choices, default=Charter.Audience.EVERYONE)
        departments = serializers.SlugRelatedField(
            slug_field="code", queryset=Department.objects.all(), many=True, required=False
        )
        roles = serializers.ListField(child=serializers.CharField(), required=False)
        from_model = serializers.BooleanField(default=False, help_text="Start from the model charter (fr + en).")
        body_fr = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses={201: CharterOutputSerializer}, summary="Create a charter")
    def post(self, request: Request) -> Response:
        from charters.model_charter import model_charter_texts

        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        texts = model_charter_texts() if d["from_model"] else {"fr": d["body_fr"]}
        charter = services.charter_create(
            name=d["name"],
            name_en=d["name_en"],
            slug=d["slug"],
            audience=d["audience"],
            departments=d.get("departments", []),
            roles=d.get("roles", []),
            by=request.user,
            body_fr=texts["fr"],
            translations={k: v for k, v in texts.items() if k != "fr"},
        )
        return Response(CharterOutputSerializer(charter).data, status=201)


class VersionStartApi(APIView):
    permission_classes = [capability_required("author_charters")]

    @extend_schema(request=None, responses={201: VersionOutputSerializer}, summary="Start a new draft version")
    def post(self, request: Request, slug: str) -> Response:
        version = services.charter_version_start(charter=_charter(request, slug), by=request.user)
        return Response(_version_out(version), status=201)


class VersionUpdateApi(APIView):
    permission_classes = [capability_required("author_charters")]

    class InputSerializer(serializers.Serializer):
        body_fr = serializers.CharField(required=False, allow_blank=True)
        body_en = serializers.CharField(required=False, help_text="English translation of the current French text.")
        change_summary = serializers.CharField(required=False, allow_blank=True)
        material = serializers.BooleanField(required=False)
        effective_date = serializers.DateField(required=False, allow_null=True)

    @extend_schema(request=InputSerializer, responses=VersionOutputSerializer, summary="Edit a draft")
    def post(self, request: Request, slug: str, number: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        d = data.validated_data
        version = services.charter_version_update(
            version=_version(request, slug, number),
            by=request.user,
            body_fr=d.get("body_fr"),
            change_summary=d.get("change_summary"),
            material=d.get("material"),
            effective_date=d.get("effective_date", "unchanged"),
        )
        if "body_en" in d:
            services.charter_translation_save(version=version, language="en", body=d["body_en"], by=request.user)
        return Response(_version_out(version))


class VersionSubmitApi(APIView):
    permission_classes = [capability_required("author_charters")]

    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(request=InputSerializer, responses=VersionOutputSerializer, summary="Send a draft for review")
    def post(self, request: Request, slug: str, number: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.charter_version_submit(
            version=_version(request, slug, number), by=request.user, comment=data.validated_data["comment"]
        )
        return Response(_version_out(version))


class VersionPublishApi(APIView):
    permission_classes = [capability_required("publish_charters")]

    @extend_schema(
        request=None,
        responses=VersionOutputSerializer,
        summary="Publish an approved version (in force now or on its effective date)",
    )
    def post(self, request: Request, slug: str, number: int) -> Response:
        version = services.charter_version_publish(version=_version(request, slug, number), by=request.user)
        return Response(_version_out(version))


# --- review (approvers) --------------------------------------------------------------------------
class VersionApproveApi(APIView):
    permission_classes = [capability_required("approve_charters")]

    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField(required=False, allow_blank=True, default="")

    @extend_schema(
        request=InputSerializer,
        responses=VersionOutputSerializer,
        summary="Approve a version in review (never your own)",
    )
    def post(self, request: Request, slug: str, number: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.charter_version_approve(
            version=_version(request, slug, number), by=request.user, comment=data.validated_data["comment"]
        )
        return Response(_version_out(version))


class VersionRequestChangesApi(APIView):
    permission_classes = [capability_required("approve_charters")]

    class InputSerializer(serializers.Serializer):
        comment = serializers.CharField()

    @extend_schema(
        request=InputSerializer,
        responses=VersionOutputSerializer,
        summary="Send a version in review back to draft with a comment",
    )
    def post(self, request: Request, slug: str, number: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = services.charter_version_request_changes(
            version=_version(request, slug, number), by=request.user, comment=data.validated_data["comment"]
        )
        return Response(_version_out(version))
