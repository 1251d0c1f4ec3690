"""API of the portal itself: who am I, the directory, the directory import."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from policy_portal import selectors
from policy_portal.api import capability_required
from policy_portal.models import DirectoryImport, Employee
from policy_portal.roles import CAPABILITIES, can, roles_of
from policy_portal.services import directory_import


class EmployeeOutputSerializer(serializers.ModelSerializer):
    first_name = serializers.CharField(source="user.first_name", read_only=True)
    last_name = serializers.CharField(source="user.last_name", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    department = serializers.CharField(source="department.name", read_only=True, default=None, allow_null=True)
    manager_id = serializers.CharField(source="manager.employee_id", read_only=True, default=None, allow_null=True)

    class Meta:
        model = Employee
        fields = ["employee_id", "first_name", "last_name", "email", "department", "manager_id",
                  "preferred_language", "status", "hired_on", "left_on"]
        read_only_fields = fields


class MeApi(APIView):
    class OutputSerializer(serializers.Serializer):
        username = serializers.CharField()
        full_name = serializers.CharField()
        roles = serializers.ListField(child=serializers.CharField())
        capabilities = serializers.ListField(child=serializers.CharField())
        employee = EmployeeOutputSerializer(allow_null=True)

    @extend_schema(responses=OutputSerializer, summary="Who am I: identity, roles and capabilities")
    def get(self, request: Request) -> Response:
        user = request.user
        assert user.is_authenticated  # IsAuthenticated is the default permission
        data = {
            "username": user.get_username(),
            "full_name": user.get_full_name() or user.get_username(),
            "roles": roles_of(user),
            "capabilities": sorted(c for c in CAPABILITIES if can(user, c)),
            "employee": selectors.employee_for_user(user),
        }
        return Response(self.OutputSerializer(data).data)


class EmployeeListApi(APIView):
    permission_classes = [capability_required("view_directory")]

    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, default="", max_length=100)
        department = serializers.CharField(required=False, default="", max_length=64)
        status = serializers.ChoiceField(choices=Employee.Status.choices, required=False, default="")

    @extend_schema(parameters=[FilterSerializer], responses=EmployeeOutputSerializer(many=True),
                   summary="The employee directory (HR)")
    def get(self, request: Request) -> Response:
        filters = self.FilterSerializer(data=request.query_params)
        filters.is_valid(raise_exception=True)
        f = filters.validated_data
        employees = selectors.employee_list(search=f["q"], department=f["department"], status=f["status"])
        return Response(EmployeeOutputSerializer(employees[:1000], many=True).data)


class DirectoryImportApi(APIView):
    permission_classes = [capability_required("import_directory")]
    parser_classes = [MultiPartParser, FormParser]

    class InputSerializer(serializers.Serializer):
        file = serializers.FileField()
        full_sync = serializers.BooleanField(default=True)
        dry_run = serializers.BooleanField(default=False)

    class OutputSerializer(serializers.Serializer):
        created = serializers.IntegerField()
        updated = serializers.IntegerField()
        deactivated = serializers.IntegerField()
        unchanged = serializers.IntegerField()
        dry_run = serializers.BooleanField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer,
                   summary="Synchronise the directory from an HRIS CSV export (all or nothing)")
    def post(self, request: Request) -> Response:
        serializer = self.InputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        upload = serializer.validated_data["file"]
        result = directory_import(
            data=upload.read(), filename=upload.name, source=DirectoryImport.Source.UPLOAD, by=request.user,
            full_sync=serializer.validated_data["full_sync"], dry_run=serializer.validated_data["dry_run"],
        )
        return Response(self.OutputSerializer({**vars(result), "dry_run": serializer.validated_data["dry_run"]}).data)
