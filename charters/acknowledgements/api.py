"""Acknowledgement API: my pending items, the reading record, acknowledge (idempotent), my receipts; campaign
status for HR. One APIView per operation; refusals are ApplicationError (mapped to 400/403/409 in one place)."""

from __future__ import annotations

from django.http import Http404
from django.utils import timezone
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from charters.acknowledgements import selectors, services
from charters.acknowledgements.request_facts import client_ip, user_agent
from charters.acknowledgements.views import login_time
from charters.models import Acknowledgement, Assignment
from policy_portal.api import capability_required
from policy_portal.models import Employee
from policy_portal.selectors import employee_for_user


def _employee(request: Request) -> Employee:
    employee = employee_for_user(request.user)
    if employee is None:
        raise Http404
    return employee


def _assignment(request: Request, slug: str, number: int) -> Assignment:
    assignment = selectors.assignment_in_force_for(
        employee=_employee(request), user=request.user, slug=slug, number=number
    )
    if assignment is None:
        raise Http404
    return assignment


class ReceiptOutputSerializer(serializers.ModelSerializer):
    charter = serializers.CharField(source="version.charter.slug")
    number = serializers.IntegerField(source="version.number")

    class Meta:
        model = Acknowledgement
        fields = [
            "id",
            "charter",
            "number",
            "acknowledged_at",
            "language",
            "text_sha256",
            "content_sha256",
            "consent_sha256",
            "typed_name",
            "time_spent_seconds",
            "auth_method",
            "quiz_score",
            "quiz_passed",
        ]
        read_only_fields = fields


class AcknowledgementPendingListApi(APIView):
    permission_classes = [capability_required("view_charters")]
    may_answer_404 = True  # an account without an employee record (documented by policy_portal.api.document_errors)

    class OutputSerializer(serializers.Serializer):
        charter = serializers.CharField(source="campaign.version.charter.slug")
        charter_name = serializers.CharField(source="campaign.version.charter.name")
        number = serializers.IntegerField(source="campaign.version.number")
        status = serializers.CharField()
        due_on = serializers.DateField()
        overdue = serializers.SerializerMethodField()
        opened_at = serializers.DateTimeField(allow_null=True)
        end_reached_at = serializers.DateTimeField(allow_null=True)

        def get_overdue(self, assignment: Assignment) -> bool:
            return assignment.due_on < timezone.localdate()

    @extend_schema(responses=OutputSerializer(many=True), summary="The versions I still have to acknowledge")
    def get(self, request: Request) -> Response:
        pending = selectors.assignment_pending_list_for(_employee(request))
        return Response(self.OutputSerializer(pending, many=True).data)


class AcknowledgementReadingApi(APIView):
    """Record that the text was opened (in a language), then that its end was reached."""

    permission_classes = [capability_required("view_charters")]

    class InputSerializer(serializers.Serializer):
        charter = serializers.SlugField()
        number = serializers.IntegerField(min_value=1)
        event = serializers.ChoiceField(choices=["opened", "end_reached"])
        lang = serializers.ChoiceField(choices=["fr", "en"], required=False, help_text="Language of the text shown")

    class OutputSerializer(serializers.Serializer):
        opened_at = serializers.DateTimeField(allow_null=True)
        end_reached_at = serializers.DateTimeField(allow_null=True)
        opened_language = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer, summary="Record my reading of a version")
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = _assignment(request, data.validated_data["charter"], data.validated_data["number"])
        if data.validated_data["event"] == "opened":
            language = data.validated_data.get("lang") or assignment.employee.preferred_language
            assignment = services.reading_open(assignment=assignment, language=language)
        else:
            assignment = services.reading_end_reached(assignment=assignment)
        return Response(self.OutputSerializer(assignment).data)


class AcknowledgementCreateApi(APIView):
    """Acknowledge the version in force. Idempotent: a repeat answers 200 with the first receipt."""

    permission_classes = [capability_required("view_charters")]

    class InputSerializer(serializers.Serializer):
        charter = serializers.SlugField()
        number = serializers.IntegerField(min_value=1)
        typed_name = serializers.CharField(max_length=200)
        consent = serializers.BooleanField(
            default=True, help_text="Agreement to the consent statement (an API call agrees unless it sends false)"
        )
        password = serializers.CharField(required=False, allow_blank=True, style={"input_type": "password"})
        lang = serializers.ChoiceField(
            choices=["fr", "en"], required=False, help_text="Language of the text shown (default: the one opened)"
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: ReceiptOutputSerializer, 200: ReceiptOutputSerializer},
        summary="Acknowledge a version (idempotent)",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assignment = _assignment(request, data.validated_data["charter"], data.validated_data["number"])
        by_token = isinstance(request.auth, Token)
        ack, created = services.acknowledgement_record(
            assignment=assignment,
            typed_name=data.validated_data["typed_name"],
            consented=data.validated_data["consent"],
            password=data.validated_data.get("password", ""),
            language=data.validated_data.get("lang", ""),
            ip_address=client_ip(request._request),
            user_agent=user_agent(request._request),
            auth_method="api-token" if by_token else "session",
            login_at=None if by_token else login_time(request._request),
        )
        return Response(
            ReceiptOutputSerializer(ack).data, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK
        )


class AcknowledgementReceiptListApi(APIView):
    permission_classes = [capability_required("view_charters")]
    may_answer_404 = True  # an account without an employee record (documented by policy_portal.api.document_errors)

    @extend_schema(responses=ReceiptOutputSerializer(many=True), summary="My acknowledgement receipts")
    def get(self, request: Request) -> Response:
        return Response(ReceiptOutputSerializer(selectors.acknowledgement_list_for(_employee(request)), many=True).data)


class CompletionOutputSerializer(serializers.Serializer):
    name = serializers.CharField(source="label", help_text="The department, or All for the totals")
    total = serializers.IntegerField()
    acknowledged = serializers.IntegerField()
    declined = serializers.IntegerField()
    pending = serializers.IntegerField()
    overdue = serializers.IntegerField()
    percent = serializers.IntegerField()


class CampaignStatusApi(APIView):
    """Only active employees still in the version's audience count."""

    permission_classes = [capability_required("view_dashboards")]

    class OutputSerializer(serializers.Serializer):
        charter = serializers.CharField(source="version.charter.slug")
        number = serializers.IntegerField(source="version.number")
        started_at = serializers.DateTimeField()
        deadline = serializers.DateField()
        closed_at = serializers.DateTimeField(allow_null=True)
        totals = CompletionOutputSerializer()
        departments = CompletionOutputSerializer(many=True)

    @extend_schema(responses=OutputSerializer, summary="Completion of a version's campaign, in total and by department")
    def get(self, request: Request, slug: str, number: int) -> Response:
        campaign = selectors.campaign_get(slug=slug, number=number)
        if campaign is None:
            raise Http404
        totals, departments = selectors.campaign_completion(campaign)
        return Response(
            self.OutputSerializer(
                {
                    "version": campaign.version,
                    "started_at": campaign.started_at,
                    "deadline": campaign.deadline,
                    "closed_at": campaign.closed_at,
                    "totals": totals,
                    "departments": departments,
                }
            ).data
        )
