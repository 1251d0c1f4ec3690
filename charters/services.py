"""Writes on charters: authoring, review, publication, activation, labour-law steps.

Each service owns its transaction, checks the author's role and the version's state, and
records every status change in VersionTransition. The database repeats the key invariants
(see models.py and migrations/0002) so that no other path can break them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from charters.acknowledgements.services import campaign_start_for_version_id
from charters.hashing import canonical_text, content_sha256
from charters.models import (
    Charter,
    CharterTranslation,
    CharterVersion,
    Clause,
    LabourLawStep,
    ReviewComment,
    VersionTransition,
)
from charters.rendering import ClauseSyntaxError, parse_clauses
from policy_portal.errors import ApplicationError, Conflict, PermissionDenied
from policy_portal.models import Department, Notification
from policy_portal.roles import ROLE_LABELS, can
from policy_portal.services import notification_create

Status = CharterVersion.Status
TRANSLATION_LANGUAGES = ("en",)
REQUIRED_TRANSLATIONS = ("en",)
RESERVED_SLUGS = ("new", "preview", "acknowledgements", "campaigns")  # page addresses under /charters/


def _require(user: object, capability: str) -> None:
    if not can(user, capability):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))


def _locked(version: CharterVersion) -> CharterVersion:
    return CharterVersion.objects.select_for_update().select_related("charter").get(pk=version.pk)


def _expect(version: CharterVersion, *statuses: str) -> None:
    if version.status not in statuses:
        raise Conflict(
            _("Version %(number)s is %(status)s: this action is not possible now.")
            % {"number": version.number, "status": version.get_status_display()},
            extra={"status": version.status},
        )


def _move(
    version: CharterVersion, to: str, *, by: object | None, comment: str = "", **fields: object
) -> VersionTransition:
    """Compare-and-set the status (a concurrent move loses), then log the transition."""
    updated = CharterVersion.objects.filter(pk=version.pk, status=version.status).update(
        status=to, updated_at=timezone.now(), **fields
    )
    if updated != 1:
        raise Conflict(_("Someone else changed this version at the same time. Reload and try again."))
    transition = VersionTransition.objects.create(
        version=version, from_status=version.status, to_status=to, by=by, comment=comment
    )
    version.status = to
    for name, value in fields.items():
        setattr(version, name, value)
    return transition


def _tell_author(version: CharterVersion, transition: VersionTransition, kind: str, page: str) -> None:
    """The author's notification of a decision on their version (in the deciding transaction)."""
    notification_create(
        recipient=version.author,
        kind=kind,
        source_id=transition.pk,
        url=reverse(page, kwargs={"slug": version.charter.slug, "number": version.number}),
        params={"charter": version.charter.name, "charter_en": version.charter.name_en, "number": version.number},
    )


def _sync_clauses(version: CharterVersion) -> None:
    """Rebuild the clause index of every language; categories always come from the French text."""
    Clause.objects.filter(version=version).delete()
    _preamble, french = parse_clauses(version.body_fr)
    tags = {c.number: list(c.tags) for c in french}
    rows = [
        Clause(
            version=version,
            language="fr",
            number=c.number,
            anchor=c.anchor,
            title=c.title[:300],
            tags=list(c.tags),
            position=c.position,
        )
        for c in french
    ]
    for translation in version.translations.all():
        _preamble, clauses = parse_clauses(translation.body)
        rows += [
            Clause(
                version=version,
                language=translation.language,
                number=c.number,
                anchor=c.anchor,
                title=c.title[:300],
                tags=tags.get(c.number, []),
                position=c.position,
            )
            for c in clauses
        ]
    Clause.objects.bulk_create(rows)


def _check_text(body: str) -> None:
    try:
        parse_clauses(body, strict=True)
    except ClauseSyntaxError as exc:
        raise ApplicationError(
            _("The text has clause errors: %(problems)s") % {"problems": "; ".join(exc.problems)},
            extra={"problems": exc.problems},
        ) from exc


def charter_create(
    *,
    name: str,
    slug: str,
    by: object,
    name_en: str = "",
    audience: str = Charter.Audience.EVERYONE,
    departments: Iterable[Department] = (),
    roles: Iterable[str] = (),
    body_fr: str = "",
    translations: Mapping[str, str] | None = None,
) -> Charter:
    """A new charter with its first draft (e.g. the model charter: see model_charter.py)."""
    _require(by, "author_charters")
    roles = list(roles)
    if unknown := [r for r in roles if r not in ROLE_LABELS]:
        raise ApplicationError(_("Unknown roles: %(roles)s") % {"roles": ", ".join(unknown)})
    if slug in RESERVED_SLUGS:
        raise ApplicationError(_("This short name is reserved: choose another one."))
    _check_text(body_fr)
    with transaction.atomic():
        if Charter.objects.filter(slug=slug).exists():
            raise Conflict(_("A charter with the short name %(slug)s already exists.") % {"slug": slug})
        charter = Charter.objects.create(
            name=name, name_en=name_en.strip(), slug=slug, audience=audience, roles=roles, created_by=by
        )
        charter.departments.set(departments)
        version = CharterVersion.objects.create(charter=charter, number=1, body_fr=body_fr, author=by)
        for language, body in (translations or {}).items():
            CharterTranslation.objects.create(version=version, language=language, body=body, based_on_fr_revision=1)
        _sync_clauses(version)
        VersionTransition.objects.create(version=version, to_status=Status.DRAFT, by=by)
    return charter


def charter_version_start(*, charter: Charter, by: object) -> CharterVersion:
    """A new draft, copied from the latest version; refused while another version is in progress."""
    _require(by, "author_charters")
    try:
        with transaction.atomic():
            if charter.versions.filter(status__in=CharterVersion.IN_PROGRESS).exists():
                raise Conflict(_("This charter already has a version in progress."))
            latest = charter.versions.order_by("-number").first()
            number = (charter.versions.aggregate(n=Max("number"))["n"] or 0) + 1
            version = CharterVersion.objects.create(
                charter=charter,
                number=number,
                author=by,
                body_fr=latest.body_fr if latest else "",
                material=True,
                effective_date=None,
            )
            for translation in latest.translations.all() if latest else []:
                CharterTranslation.objects.create(
                    version=version, language=translation.language, body=translation.body, based_on_fr_revision=1
                )
            _sync_clauses(version)
            VersionTransition.objects.create(version=version, to_status=Status.DRAFT, by=by)
    except IntegrityError as exc:  # a concurrent start won the race
        raise Conflict(_("This charter already has a version in progress.")) from exc
    return version


def charter_version_update(
    *,
    version: CharterVersion,
    by: object,
    body_fr: str | None = None,
    change_summary: str | None = None,
    material: bool | None = None,
    effective_date: date | str | None = "unchanged",
) -> CharterVersion:
    """Edit a draft. A change of the French text makes every existing translation out of date."""
    _require(by, "author_charters")
    if body_fr is not None:
        _check_text(body_fr)
    with transaction.atomic():
        version = _locked(version)
        _expect(version, Status.DRAFT)
        # line ends and trailing spaces (browsers send CRLF) are not a change of the French text
        if body_fr is not None and canonical_text(body_fr) != canonical_text(version.body_fr):
            version.body_fr = body_fr
            version.fr_revision += 1
        if change_summary is not None:
            version.change_summary = change_summary
        if material is not None:
            version.material = material
        if effective_date != "unchanged":
            version.effective_date = effective_date  # type: ignore[assignment]
        version.save()
        _sync_clauses(version)
    return version


def charter_translation_save(*, version: CharterVersion, language: str, body: str, by: object) -> CharterTranslation:
    """Save a translation of the draft's current French text (it becomes up to date)."""
    _require(by, "author_charters")
    if language not in TRANSLATION_LANGUAGES:
        raise ApplicationError(_("Unsupported language: %(language)s") % {"language": language})
    _check_text(body)
    with transaction.atomic():
        version = _locked(version)
        _expect(version, Status.DRAFT)
        translation, _created = CharterTranslation.objects.update_or_create(
            version=version,
            language=language,
            defaults={"body": body, "based_on_fr_revision": version.fr_revision},
        )
        _sync_clauses(version)
    return translation


def charter_version_submit(*, version: CharterVersion, by: object, comment: str = "") -> CharterVersion:
    _require(by, "author_charters")
    with transaction.atomic():
        version = _locked(version)
        _expect(version, Status.DRAFT)
        if not version.body_fr.strip():
            raise ApplicationError(_("Write the French text before sending it for review."))
        _move(version, Status.IN_REVIEW, by=by, comment=comment)
    return version


def charter_version_comment(*, version: CharterVersion, by: object, body: str) -> ReviewComment:
    if not (can(by, "approve_charters") or can(by, "author_charters")):  # type: ignore[arg-type]
        raise PermissionDenied(_("Your role does not allow this action."))
    if not body.strip():
        raise ApplicationError(_("Write a comment."))
    _expect(version, *CharterVersion.IN_PROGRESS)
    return ReviewComment.objects.create(version=version, author=by, body=body.strip())


def _require_reviewer(version: CharterVersion, by: object) -> None:
    _require(by, "approve_charters")
    if getattr(by, "pk", None) == version.author_id:
        raise PermissionDenied(_("You wrote this version: another approver must review it."))


def charter_version_request_changes(*, version: CharterVersion, by: object, comment: str) -> CharterVersion:
    if not comment.strip():
        raise ApplicationError(_("Say what must change."))
    with transaction.atomic():
        version = _locked(version)
        _require_reviewer(version, by)
        _expect(version, Status.IN_REVIEW)
        ReviewComment.objects.create(version=version, author=by, body=comment.strip())
        transition = _move(version, Status.DRAFT, by=by, comment=comment.strip())
        _tell_author(version, transition, Notification.Kind.VERSION_SENT_BACK, "charters:version-edit")
    return version


def charter_version_approve(*, version: CharterVersion, by: object, comment: str = "") -> CharterVersion:
    """Separation of duties: never the author (service check + database check constraint)."""
    with transaction.atomic():
        version = _locked(version)
        _require_reviewer(version, by)
        _expect(version, Status.IN_REVIEW)
        transition = _move(version, Status.APPROVED, by=by, comment=comment, approved_by=by, approved_at=timezone.now())
        _tell_author(version, transition, Notification.Kind.VERSION_APPROVED, "charters:version-read")
    return version


def _stale_languages(version: CharterVersion) -> list[str]:
    return [t.language for t in version.translations.all() if t.based_on_fr_revision < version.fr_revision]


def charter_version_publish(
    *, version: CharterVersion, by: object, today: date | None = None, effective_date: date | None = None
) -> CharterVersion:
    """Freeze an approved version; it is in force at once, or on its effective date (scheduled job).

    ``effective_date``, when given, is set in the same transaction: until publication the date can
    still change (the labour-law formalities decide it), and the content hash seals the final one."""
    _require(by, "publish_charters")
    today = today or timezone.localdate()
    with transaction.atomic():
        version = _locked(version)
        _expect(version, Status.APPROVED)
        if effective_date is not None and effective_date != version.effective_date:
            version.effective_date = effective_date
            version.save(update_fields=["effective_date"])
        if version.effective_date is None:
            raise ApplicationError(_("Set the effective date before publishing."))
        if stale := _stale_languages(version):
            raise Conflict(
                _("These translations are older than the French text: %(languages)s.")
                % {"languages": ", ".join(stale)},
                extra={"stale": stale},
            )
        present = {t.language for t in version.translations.all()}
        if missing := [lang for lang in REQUIRED_TRANSLATIONS if lang not in present]:
            raise Conflict(
                _("Missing translations: %(languages)s.") % {"languages": ", ".join(missing)},
                extra={"missing": missing},
            )
        sha = content_sha256(
            charter_slug=version.charter.slug,
            number=version.number,
            effective_date=version.effective_date,
            material=version.material,
            change_summary=version.change_summary,
            texts={"fr": version.body_fr, **{t.language: t.body for t in version.translations.all()}},
        )
        _move(version, Status.PUBLISHED, by=by, content_sha256=sha, published_at=timezone.now(), published_by=by)
        if version.effective_date <= today:
            _activate(version)
    return version


def _activate(version: CharterVersion) -> None:
    """Make ``version`` the one in force; the previous one (and older pending ones) are superseded."""
    others = CharterVersion.objects.select_for_update().filter(
        charter_id=version.charter_id, status=Status.PUBLISHED, number__lt=version.number
    )
    for other in others.order_by("number"):
        _move(
            other,
            Status.SUPERSEDED,
            by=None,
            comment=_("Superseded by version %(number)s") % {"number": version.number},
        )
    updated = CharterVersion.objects.filter(pk=version.pk, status=Status.PUBLISHED, in_force_at__isnull=True).update(
        in_force_at=timezone.now()
    )
    if updated:
        version.refresh_from_db(fields=["in_force_at"])
        # the acknowledgement campaign of the version starts once it is in force (committed)
        version_id = version.pk
        transaction.on_commit(lambda: campaign_start_for_version_id(version_id))


def charter_versions_activate_due(*, today: date | None = None) -> list[CharterVersion]:
    """Put in force the published versions whose effective date has come (idempotent)."""
    today = today or timezone.localdate()
    activated = []
    due = CharterVersion.objects.filter(
        status=Status.PUBLISHED, in_force_at__isnull=True, effective_date__lte=today
    ).order_by("charter_id", "-number")
    for charter_id in sorted(set(due.values_list("charter_id", flat=True))):
        with transaction.atomic():
            version = due.select_for_update().filter(charter_id=charter_id).first()
            if version is not None:
                _activate(version)
                activated.append(version)
    return activated


def charter_version_archive(*, version: CharterVersion, by: object, comment: str = "") -> CharterVersion:
    """Withdraw a superseded or in-force version (its content stays frozen)."""
    _require(by, "publish_charters")
    with transaction.atomic():
        version = _locked(version)
        _expect(version, Status.PUBLISHED, Status.SUPERSEDED)
        _move(version, Status.ARCHIVED, by=by, comment=comment)
    return version


def labour_law_step_record(
    *,
    version: CharterVersion,
    kind: str,
    by: object,
    done_on: date | None,
    document: UploadedFile | None = None,
    note: str = "",
) -> LabourLawStep:
    """Record one formality (date, optional document). Steps are not content: allowed after publishing."""
    _require(by, "author_charters")
    if kind not in LabourLawStep.Kind.values:
        raise ApplicationError(_("Unknown step."))
    if done_on and done_on > timezone.localdate():
        raise ApplicationError(_("A formality cannot be dated in the future."))
    with transaction.atomic():
        step, _created = LabourLawStep.objects.select_for_update().get_or_create(version=version, kind=kind)
        step.done_on, step.note, step.recorded_by = done_on, note, by
        if document is not None:
            step.document = document
        step.save()
    return step
