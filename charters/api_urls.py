from django.urls import path

from charters import api
from charters.acknowledgements import api as ack_api
from charters.evidence import api as evidence_api

urlpatterns = [
    path("charters/", api.CharterListApi.as_view(), name="charter-list"),
    path("charters/create/", api.CharterCreateApi.as_view(), name="charter-create"),
    path("charters/<slug:slug>/versions/", api.VersionListApi.as_view(), name="charter-version-list"),
    path("charters/<slug:slug>/versions/start/", api.VersionStartApi.as_view(), name="charter-version-start"),
    path("charters/<slug:slug>/diff/", api.VersionDiffApi.as_view(), name="charter-version-diff"),
    path("charters/<slug:slug>/versions/<int:number>/", api.VersionDetailApi.as_view(), name="charter-version-detail"),
    path(
        "charters/<slug:slug>/versions/<int:number>/clauses/",
        api.VersionClauseListApi.as_view(),
        name="charter-version-clauses",
    ),
    path(
        "charters/<slug:slug>/versions/<int:number>/update/",
        api.VersionUpdateApi.as_view(),
        name="charter-version-update",
    ),
    path(
        "charters/<slug:slug>/versions/<int:number>/submit/",
        api.VersionSubmitApi.as_view(),
        name="charter-version-submit",
    ),
    path(
        "charters/<slug:slug>/versions/<int:number>/approve/",
        api.VersionApproveApi.as_view(),
        name="charter-version-approve",
    ),
    path(
        "charters/<slug:slug>/versions/<int:number>/request-changes/",
        api.VersionRequestChangesApi.as_view(),
        name="charter-version-request-changes",
    ),
    path(
        "charters/<slug:slug>/versions/<int:number>/publish/",
        api.VersionPublishApi.as_view(),
        name="charter-version-publish",
    ),
    path("acknowledgements/", ack_api.AcknowledgementCreateApi.as_view(), name="ack-create"),
    path("acknowledgements/pending/", ack_api.AcknowledgementPendingListApi.as_view(), name="ack-pending"),
    path("acknowledgements/reading/", ack_api.AcknowledgementReadingApi.as_view(), name="ack-reading"),
    path("acknowledgements/receipts/", ack_api.AcknowledgementReceiptListApi.as_view(), name="ack-receipts"),
    path("campaigns/<slug:slug>/v<int:number>/status/", ack_api.CampaignStatusApi.as_view(), name="campaign-status"),
    path("evidence/exports/", evidence_api.EvidenceExportCreateApi.as_view(), name="evidence-export-create"),
    path("evidence/exports/<int:pk>/", evidence_api.EvidenceExportDetailApi.as_view(), name="evidence-export-detail"),
]
