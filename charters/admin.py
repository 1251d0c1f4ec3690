"""Support views of charters. Published content stays read-only (the database refuses changes)."""

from django.contrib import admin

from charters.models import (
    Charter,
    CharterTranslation,
    CharterVersion,
    Clause,
    LabourLawStep,
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
    list_display = ["name", "slug", "audience"]
    search_fields = ["name", "slug"]
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
