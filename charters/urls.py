from django.urls import include, path, re_path

from charters import views
from charters.acknowledgements import views as ack_views

app_name = "charters"

urlpatterns = [
    path("", views.charter_list, name="charter-list"),
    path("new/", views.charter_create, name="charter-create"),
    path("preview/", views.preview, name="preview"),
    # acknowledgements: the employee's receipts, HR's campaigns (before the charter slugs)
    path("acknowledgements/", ack_views.ack_history, name="ack-history"),
    path("acknowledgements/<int:pk>/", ack_views.ack_receipt, name="ack-receipt"),
    path("acknowledgements/<int:pk>/certificate.pdf", ack_views.ack_certificate, name="ack-certificate"),
    path("acknowledgements/<int:pk>/email/", ack_views.ack_receipt_email, name="ack-receipt-email"),
    path("evidence/", include("charters.evidence.urls")),  # legal's evidence export (issue 5)
    path("campaigns/", ack_views.campaign_list, name="campaign-list"),
    path("campaigns/people/<int:pk>/", ack_views.employee_history, name="campaign-employee"),
    path("campaigns/questions/<int:pk>/answer/", ack_views.feedback_answer, name="feedback-answer"),
    path("campaigns/<slug:slug>/v<int:number>/", ack_views.campaign_detail, name="campaign-detail"),
    path("campaigns/<slug:slug>/v<int:number>/export.csv", ack_views.campaign_export, name="campaign-export"),
    path("campaigns/<slug:slug>/v<int:number>/settings/", ack_views.campaign_update, name="campaign-update"),
    path("campaigns/<slug:slug>/v<int:number>/reminders/", ack_views.campaign_reminders, name="campaign-reminders"),
    path("campaigns/<slug:slug>/v<int:number>/remind-now/", ack_views.campaign_remind_now, name="campaign-remind-now"),
    path("campaigns/<slug:slug>/v<int:number>/quiz/", ack_views.quiz_edit, name="quiz-edit"),
    path(
        "campaigns/<slug:slug>/v<int:number>/quiz/<int:pk>/delete/",
        ack_views.quiz_question_delete,
        name="quiz-question-delete",
    ),
    # a checker category is always dotted, so no charter's own pages ("<slug>/diff/") are shadowed
    re_path(r"^clauses/(?P<category>[a-z_]+(?:\.[a-z_]+)+)/$", views.clause_goto, name="clause-goto"),
    path("<slug:slug>/", views.charter_detail, name="charter-detail"),
    path("<slug:slug>/diff/", views.version_diff, name="version-diff"),
    path("<slug:slug>/versions/new/", views.version_start, name="version-start"),
    path("<slug:slug>/v<int:number>/", views.version_read, name="version-read"),
    path("<slug:slug>/v<int:number>/edit/", views.version_edit, name="version-edit"),
    path("<slug:slug>/v<int:number>/submit/", views.version_submit, name="version-submit"),
    path("<slug:slug>/v<int:number>/review/", views.version_review, name="version-review"),
    path("<slug:slug>/v<int:number>/publish/", views.version_publish, name="version-publish"),
    path("<slug:slug>/v<int:number>/archive/", views.version_archive, name="version-archive"),
    path("<slug:slug>/v<int:number>/steps/", views.version_steps, name="version-steps"),
    path("<slug:slug>/v<int:number>/acknowledge/", ack_views.ack_read, name="ack-read"),
    path("<slug:slug>/v<int:number>/acknowledge/end/", ack_views.ack_end_reached, name="ack-end-reached"),
    path("<slug:slug>/v<int:number>/acknowledge/feedback/", ack_views.ack_feedback, name="ack-feedback"),
    path("<slug:slug>/v<int:number>/acknowledge/quiz/", ack_views.ack_quiz, name="ack-quiz"),
]
