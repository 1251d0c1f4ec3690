"""Support views of charters. Published content stays read-only (the database refuses changes)."""

from django.contrib import admin

from charters.models import (
    Acknowledgement,
    Campaign,
    Charter,
    CharterTranslation,
    CharterVersion,
    Clause,
    LabourLawStep,
    LedgerEntry,
    Quiz,
    QuizChoice,
    QuizQuestion,
    ReviewComment,
    VersionTransition,
)


class TranslationInline(admin.StackedInline):
    model = CharterTranslation
    extra = 0
    readonly_fields = ["language", "based_on_fr_revision", "body"]
    can_delete = False


class LabourLawStepInline(admin.TabularInline):
    model = LabourLawStep
    extra = 0


class TransitionInline(admin.TabularInline):
    model = VersionTransition
    extra = 0
    readonly_fields = ["from_status", "to_status", "by", "at", "comment"]
    can_delete = False


@admin.register(Charter)
class CharterAdmin(admin.ModelAdmin):
    list_display = ["name", "name_en", "slug", "audience"]
    search_fields = ["name", "name_en", "slug"]
    filter_horizontal = ["departments"]


@admin.register(CharterVersion)
class CharterVersionAdmin(admin.ModelAdmin):
    list_display = ["charter", "number", "status", "effective_date", "material", "published_at", "in_force_at"]
    list_filter = ["status", "charter"]
    list_select_related = ["charter"]
    readonly_fields = [
        "charter",
        "number",
        "status",
        "body_fr",
        "fr_revision",
        "content_sha256",
        "author",
        "approved_by",
        "approved_at",
        "published_by",
        "published_at",
        "in_force_at",
    ]
    inlines = [TranslationInline, LabourLawStepInline, TransitionInline]


@admin.register(Clause)
class ClauseAdmin(admin.ModelAdmin):
    list_display = ["version", "language", "number", "title", "tags"]
    list_filter = ["language", "version__charter"]
    readonly_fields = ["version", "language", "number", "anchor", "title", "tags", "position"]


@admin.register(ReviewComment)
class ReviewCommentAdmin(admin.ModelAdmin):
    list_display = ["version", "author", "created_at"]
    raw_id_fields = ["version", "author"]


# --- acknowledgements: evidence is read-only; quizzes are written here by HR or support ---------------
class _ReadOnly(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_change_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False

    def has_delete_permission(self, request, obj=None) -> bool:  # type: ignore[no-untyped-def]
        return False


@admin.register(Acknowledgement)
class AcknowledgementAdmin(_ReadOnly):
    list_display = ["version", "employee", "acknowledged_at", "language", "auth_method"]
    list_select_related = ["version__charter", "employee__user"]
    list_filter = ["version__charter", "language"]


@admin.register(LedgerEntry)
class LedgerEntryAdmin(_ReadOnly):
    list_display = ["sequence", "event", "recorded_at", "employee_id", "version_id", "object_id"]
    list_filter = ["event"]


@admin.register(Campaign)
class CampaignAdmin(admin.ModelAdmin):
    list_display = ["version", "started_at", "deadline", "closed_at"]
    list_select_related = ["version__charter"]
    readonly_fields = ["version", "started_at", "closed_at"]


class QuizChoiceInline(admin.TabularInline):
    model = QuizChoice
    extra = 3


@admin.register(QuizQuestion)
class QuizQuestionAdmin(admin.ModelAdmin):
    list_display = ["quiz", "position", "text_fr"]
    inlines = [QuizChoiceInline]


class QuizQuestionInline(admin.StackedInline):
    model = QuizQuestion
    extra = 1
    show_change_link = True


@admin.register(Quiz)
class QuizAdmin(admin.ModelAdmin):
    list_display = ["version", "pass_mark"]
    inlines = [QuizQuestionInline]
