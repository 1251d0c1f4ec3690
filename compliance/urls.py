from django.urls import path

from compliance import registry_views, views
from compliance.crisis import views as crisis_views
from compliance.reporting import views as reporting_views
from compliance.review import views as review_views

app_name = "compliance"

urlpatterns = [
    path("", views.checker, name="checker"),
    path("context/", registry_views.registry, name="registry"),
    path("context/terms/<int:pk>/", registry_views.term_edit, name="term-edit"),
    path("context/<str:kind>/<int:pk>/remove/", registry_views.entry_remove, name="registry-remove"),
    path("context/topics/<int:pk>/active/", registry_views.topic_set_active, name="topic-set-active"),
    path("context/model/retrain/", registry_views.model_retrain, name="model-retrain"),
    path("context/model/<int:pk>/restore/", registry_views.model_restore, name="model-restore"),
    path("context/model/shipped/restore/", registry_views.model_restore, name="model-restore-shipped"),
    path("context/model/<int:pk>/status/", registry_views.model_status, name="model-status"),
    # review queue
    path("context/allow-list/", review_views.allow_list, name="allow-list"),
    path("submissions/", review_views.submission_list, name="submission-list"),
    path("submissions/new/", review_views.submission_create, name="submission-create"),
    path("submissions/<int:pk>/", review_views.submission_detail, name="submission-detail"),
    path("review/", review_views.review_queue, name="review-queue"),
    path("review/export.zip", review_views.review_export, name="review-export"),
    path("review/<int:pk>/", review_views.review_detail, name="review-detail"),
    path("review/<int:pk>/claim/", review_views.review_claim, name="review-claim"),
    path("review/<int:pk>/release/", review_views.review_release, name="review-release"),
    path("review/<int:pk>/decide/", review_views.review_decide, name="review-decide"),
    path("review/<int:pk>/missed/", review_views.review_missed, name="review-missed"),
    path("review/<int:pk>/findings/<int:finding_pk>/feedback/", review_views.review_feedback, name="review-feedback"),
    path("review/<int:pk>/findings/<int:finding_pk>/allow/", review_views.review_allow, name="review-allow"),
    # crisis mode
    path("crisis/", crisis_views.crisis_instructions, name="crisis-instructions"),
    path("crises/", crisis_views.crisis_list, name="crisis-list"),
    path("crises/<int:pk>/", crisis_views.crisis_detail, name="crisis-detail"),
    path("crises/<int:pk>/removals.csv", crisis_views.removal_export, name="crisis-removals-csv"),
    path("crises/<int:pk>/revision/", crisis_views.crisis_revision, name="crisis-revision"),
    path("crises/statements/", crisis_views.statement_list, name="statement-list"),
    # reporting
    path("reports/", reporting_views.dashboard, name="reports"),
    path("reports/export.csv", reporting_views.dashboard_csv, name="reports-csv"),
]
