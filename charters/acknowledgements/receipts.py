"""The signer's own copy of a receipt: the sealed certificate legal exports, as a PDF or by e-mail.

The e-mail is sent by a job (``charters.tasks.run_acknowledgement_receipt_mail``) that takes the
acknowledgement's id; it goes to the signer's own address only. WeasyPrint and pyHanko are imported
inside the functions that render, so pages that only queue the e-mail do not load them.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from charters.models import Acknowledgement, EvidenceFile
from policy_portal.errors import ApplicationError, Conflict, PermissionDenied

logger = logging.getLogger(__name__)
LANGUAGES = ("fr", "en")


def receipt_language(wanted: str | None) -> str:
    return wanted if wanted in LANGUAGES else "fr"


def receipt_certificate(*, acknowledgement: Acknowledgement, language: str) -> EvidenceFile:
    """The acknowledgement's sealed certificate in ``language`` (the one in legal's dossiers), stored once."""
    from charters.evidence.sealing import SealUnavailable
    from charters.evidence.services import certificate_store

    try:
        return certificate_store(acknowledgement_id=acknowledgement.pk, language=receipt_language(language))
    except SealUnavailable as error:
        logger.error("certificate of acknowledgement %s not rendered: %s", acknowledgement.pk, error)
        raise Conflict(_("Your certificate cannot be produced right now. Please try again later.")) from error


def certificate_filename(ack: Acknowledgement, language: str) -> str:
    return f"certificate-{ack.version.charter.slug}-v{ack.version.number}-{ack.pk}-{language}.pdf"


RECEIPT_MAIL_QUIET_SECONDS = 300  # a second click within five minutes sends nothing more


def receipt_mail_request(*, acknowledgement: Acknowledgement, by: object, language: str) -> tuple[str, bool]:
    """Queue the e-mail copy of a receipt to its signer, who alone may ask.

    Returns the address it goes to and whether a copy was queued now: a second request within
    ``RECEIPT_MAIL_QUIET_SECONDS`` (a double click, a reload) queues nothing more. The claim is an
    atomic ``cache.add`` in the shared cache, so it holds across web nodes.
    """
    from charters.tasks import enqueue_acknowledgement_receipt_mail

    employee = acknowledgement.employee
    if employee.user_id != getattr(by, "pk", None):
        raise PermissionDenied(_("Only the person who signed can have their receipt sent by e-mail."))
    if not employee.user.email:
        raise ApplicationError(_("Your account has no e-mail address: download the PDF instead."))
    language = receipt_language(language)
    if not cache.add(f"receipt-mail:{acknowledgement.pk}", 1, timeout=RECEIPT_MAIL_QUIET_SECONDS):
        return employee.user.email, False
    transaction.on_commit(lambda: enqueue_acknowledgement_receipt_mail(acknowledgement.pk, language))
    return employee.user.email, True


def _receipt_link(ack: Acknowledgement) -> str:
    return settings.PORTAL_BASE_URL.rstrip("/") + reverse("charters:ack-receipt", kwargs={"pk": ack.pk})


def receipt_mail(ack: Acknowledgement, *, attached: bool) -> tuple[str, str]:
    """Subject and body of the e-mail copy, in the active language."""
    params = {
        "name": ack.employee.user.first_name or ack.employee.full_name,
        "charter": ack.version.charter.display_name,
        "number": ack.version.number,
        "date": formats.date_format(timezone.localtime(ack.acknowledged_at), "DATETIME_FORMAT"),
        "language": get_language_info(ack.language)["name_translated"],
        "sha": ack.text_sha256,
        "typed": ack.typed_name,
        "consent": ack.consent_text,
        "link": _receipt_link(ack),
    }
    subject = _("Your acknowledgement of %(charter)s v%(number)s") % params
    body = (
        _(
            "Hello %(name)s,\n\nYou acknowledged %(charter)s version %(number)s on %(date)s.\n\n"
            "Language of the text you read: %(language)s\nSHA-256 of the text you read: %(sha)s\n"
            "Name typed: %(typed)s\nConsent: %(consent)s\n"
        )
        % params
    )
    if attached:
        body += "\n" + _("Your sealed certificate is attached (PDF). Your receipt on the portal:\n%(link)s\n") % params
    else:
        body += "\n" + _("Your receipt on the portal, where you can download your certificate:\n%(link)s\n") % params
    return subject, body


def receipt_mail_send(*, acknowledgement_id: int, language: str = "fr") -> bool:
    """Send the e-mail copy of a receipt to its signer, with the sealed certificate when it can be made."""
    from charters.evidence.sealing import SealUnavailable
    from charters.evidence.services import certificate_store
    from charters.evidence.storage import evidence_path

    ack = (
        Acknowledgement.objects.select_related("employee__user", "version__charter")
        .filter(pk=acknowledgement_id)
        .first()
    )
    if ack is None or not ack.employee.user.email:
        return False
    language = receipt_language(language)
    try:
        file = certificate_store(acknowledgement_id=ack.pk, language=language)
        pdf: bytes | None = evidence_path(file.file).read_bytes()
    except SealUnavailable as error:  # the e-mail still goes, with the link to the receipt
        logger.error("receipt e-mail of acknowledgement %s sent without its certificate: %s", ack.pk, error)
        pdf = None
    with translation.override(language):
        subject, body = receipt_mail(ack, attached=pdf is not None)
    message = EmailMessage(subject, body, None, [ack.employee.user.email])
    if pdf is not None:
        message.attach(certificate_filename(ack, language), pdf, "application/pdf")
    message.send()
    return True
