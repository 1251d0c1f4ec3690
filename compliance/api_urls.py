from django.urls import path

from compliance import apis
from compliance.review import api as review_api

urlpatterns = [
    path("prechecks/", apis.PrecheckCreateApi.as_view(), name="precheck-create"),
    path("submissions/", review_api.SubmissionCreateApi.as_view(), name="submission-create"),
    path("submissions/mine/", review_api.SubmissionMineListApi.as_view(), name="submission-mine"),
    path("review-queue/", review_api.ReviewQueueListApi.as_view(), name="review-queue"),
    path("review-queue/<int:pk>/claim/", review_api.ReviewClaimApi.as_view(), name="review-claim"),
    path("review-queue/<int:pk>/decision/", review_api.ReviewDecideApi.as_view(), name="review-decide"),
]
