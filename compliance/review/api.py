"""API of the review queue: submit a draft, follow my submissions, the reviewers' queue, claim and decide."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from compliance.apis import PLATFORMS
from compliance.models import Submission
from compliance.review import selectors, services
from policy_portal.api import capability_required


class SubmissionFindingOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    origin = serializers.CharField(read_only=True)
    category = serializers.CharField(read_only=True)
    rule = serializers.CharField(read_only=True)
    start = serializers.IntegerField(read_only=True)
    end = serializers.IntegerField(read_only=True)
    severity = serializers.CharField(read_only=True)
    feedback = serializers.CharField(read_only=True)


class SubmissionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    status = serializers.ChoiceField(choices=Submission.Status.choices, read_only=True)
    verdict = serializers.CharField(read_only=True)
    lang = serializers.CharField(read_only=True)
    platform = serializers.CharField(read_only=True)
    text = serializers.CharField(read_only=True, help_text="Empty once erased at the end of the retention period.")
    comment = serializers.CharField(read_only=True)
    submitted_at = serializers.DateTimeField(read_only=True)
    decided_at = serializers.DateTimeField(read_only=True, allow_null=True)
    reason = serializers.CharField(read_only=True)
    suggested_text = serializers.CharField(read_only=True)
    findings = SubmissionFindingOutputSerializer(many=True, read_only=True, source="findings.all")


class SubmissionCreateApi(APIView):
    permission_classes = [capability_required("use_checker")]

    class InputSerializer(serializers.Serializer):
        text = serializers.CharField(trim_whitespace=False)
        comment = serializers.CharField(required=False, default="", allow_blank=True)
        lang = serializers.ChoiceField(choices=["fr", "en"], required=False, allow_null=True, default=None)
        platform = serializers.ChoiceField(choices=PLATFORMS, required=False, default="other")

    @extend_schema(
        request=InputSerializer,
        responses={201: SubmissionOutputSerializer},
        summary="Submit a draft for review (only then is it stored, until the retention period ends)",
    )
    def post(self, request: Request) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submission = services.submission_create(
            author=request.user, max_chars=getattr(settings, "COMPLIANCE_MAX_CHARS", 10_000), **data.validated_data
        )
        return Response(SubmissionOutputSerializer(submission).data, status=status.HTTP_201_CREATED)


class SubmissionMineListApi(APIView):
    permission_classes = [capability_required("use_checker")]

    @extend_schema(responses=SubmissionOutputSerializer(many=True), summary="My submitted drafts and their status")
    def get(self, request: Request) -> Response:
        submissions = selectors.submission_list_for_author(request.user)
        return Response(SubmissionOutputSerializer(submissions, many=True).data)


class ReviewQueueListApi(APIView):
    permission_classes = [capability_required("review_posts")]

    @extend_schema(
        responses=SubmissionOutputSerializer(many=True), summary="Posts waiting or being reviewed, oldest first"
    )
    def get(self, request: Request) -> Response:
        return Response(SubmissionOutputSerializer(selectors.review_queue(), many=True).data)


class ReviewClaimApi(APIView):
    permission_classes = [capability_required("review_posts")]

    @extend_schema(request=None, responses=SubmissionOutputSerializer, summary="Claim a post (409 if already claimed)")
    def post(self, request: Request, pk: int) -> Response:
        submission = services.submission_claim(submission=selectors.submission_get_for_review(pk=pk), by=request.user)
        return Response(SubmissionOutputSerializer(submission).data)


class ReviewDecideApi(APIView):
    permission_classes = [capability_required("review_posts")]

    class InputSerializer(serializers.Serializer):
        decision = serializers.ChoiceField(choices=list(Submission.DECIDED))
        reason = serializers.CharField(required=False, default="", allow_blank=True)
        suggested_text = serializers.CharField(required=False, default="", allow_blank=True, trim_whitespace=False)

    @extend_schema(
        request=InputSerializer,
        responses=SubmissionOutputSerializer,
        summary="Approve, request changes (with a suggested edit) or reject (with a reason) a claimed post",
    )
    def post(self, request: Request, pk: int) -> Response:
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        submission = services.submission_decide(
            submission=selectors.submission_get_for_review(pk=pk), by=request.user, **data.validated_data
        )
        return Response(SubmissionOutputSerializer(submission).data)
