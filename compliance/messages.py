"""What a finding means and how to fix it, rendered in the reader's language at display time."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

# (category or rule_id[:what]) -> (message, fix); the most specific key wins.
MESSAGES: dict[str, tuple[Promise, Promise]] = {
    "confidentiality.confidential_term": (
        _("“%(term)s” is a confidential name registered by the company."),
        _("Remove “%(term)s” or replace it with a public, generic description."),
    ),
    "personal_data.identifier:email": (
        _("This is a person's e-mail address."),
        _("Remove the address; point readers to a public company contact instead."),
    ),
    "personal_data.identifier:phone": (
        _("This is a person's phone number."),
        _("Remove the number; use the company's public switchboard if a contact is needed."),
    ),
    "personal_data.identifier:iban": (
        _("This is a bank account number (IBAN)."),
        _("Remove the bank details; share them privately with the people concerned."),
    ),
    "personal_data.identifier:national_id": (
        _("This is a national identity or social security number."),
        _("Remove the number entirely."),
    ),
    "personal_data.identifier:record": (
        _("This is a patient, customer or record number."),
        _("Remove the record number."),
    ),
    "personal_data.situation:health": (
        _("This discloses health or sick-leave information about a named person."),
        _("Remove the health details, or ask the person to share them themselves."),
    ),
    "personal_data.situation:salary": (
        _("This discloses a named person's pay."),
        _("Remove the amount; congratulate without figures."),
    ),
    "personal_data.situation:address": (
        _("This looks like a private home address."),
        _("Remove the address."),
    ),
    "personal_data.situation:birth_date": (
        _("This discloses a person's date of birth."),
        _("Remove the date of birth."),
    ),
    "confidentiality.financial": (
        _("“%(figure)s” looks like a non-public financial figure."),
        _("Remove the figure or only quote figures the company has already published."),
    ),
    "confidentiality.internal_document": (
        _("This passage reproduces the internal document “%(title)s”."),
        _("Do not quote internal documents; describe the idea in your own words without details."),
    ),
    "confidentiality.security": (
        _("This exposes a secret or internal access detail (password, key, code, internal host or address)."),
        _("Remove it now and ask IT to change the exposed secret."),
    ),
    "confidentiality.insider": (
        _("This reveals an event the company has not announced (“%(event)s”)."),
        _("Wait for the official announcement, then share the public communication."),
    ),
    "copyright.protected_work": (
        _("This passage copies the protected work “%(title)s”; naming the author does not make it lawful."),
        _("Quote at most a short sentence with its source, or link to the work."),
    ),
    "copyright.unattributed_quote": (
        _("A long quotation (%(words)s words) without its source."),
        _("Shorten the quotation and name its author and source."),
    ),
    "copyright.third_party_media": (
        _("This reuses someone else's photo, video, music, logo or paid content without a licence."),
        _("Use the company's own media or media you have a licence for, or share a link instead."),
    ),
    "conduct.insult": (
        _("This insults, mocks or accuses people or companies."),
        _("Remove the insult; criticise facts respectfully, or say nothing."),
    ),
    "conduct.unauthorized_statement": (
        _("This speaks officially for the company, which only spokespeople may do."),
        _("Speak in your own name, or refer readers to the company's official communication."),
    ),
    "conduct.crisis_topic": (
        _("“%(topic)s” is a topic only the crisis cell speaks about."),
        _("Do not comment; refer readers to the company's official statements."),
    ),
    # Findings of the trained model: the sentence's meaning, not a word, is the breach.
    "model.personal_data": (
        _("This sentence discloses something private about a person (health, absence, pay, personal details)."),
        _("Remove what concerns the person; let them share it themselves if they wish."),
    ),
    "model.financial": (
        _("This sentence gives a figure or financial detail the company has not published."),
        _("Remove the figure, or only quote figures the company has already published."),
    ),
    "model.insider": (
        _("This sentence reveals a decision or event the company has not announced."),
        _("Wait for the official announcement, then share the public communication."),
    ),
    "model.unattributed_quote": (
        _("This reads as a long quotation of someone else's words without its source."),
        _("Shorten the quotation and name its author and source, or say it in your own words."),
    ),
    "model.third_party_media": (
        _("This reuses someone else's photo, video, music, logo or paid content without a licence."),
        _("Use the company's own media or media you have a licence for, or share a link instead."),
    ),
    "model.insult": (
        _("This sentence mocks, insults or accuses a person or a company."),
        _("Remove it; criticise facts respectfully, or say nothing."),
    ),
    "model.unauthorized_statement": (
        _("This sentence commits the company or speaks in its name, which only spokespeople may do."),
        _("Speak in your own name, or refer readers to the company's official communication."),
    ),
    "checker.too_complex": (
        _("This draft is too complex to check automatically."),
        _("Shorten it or split it into several posts, then check it again."),
    ),
}


NOTICES: dict[str, Promise] = {
    "model_unavailable": _(
        "The checker's trained model is unavailable: only the rules checked this draft, so breaches of meaning "
        "(unannounced events, mockery, commitments in the company's name) may be missed. IT has been told on /healthz."
    ),
    "company_model_unavailable": _(
        "Your company's checker model could not be loaded: the model shipped with the portal checked this draft."
    ),
}


def notice_text(code: str) -> str:
    return str(NOTICES.get(code, code))


def message_and_fix(rule_id: str, category: str, params: Mapping[str, str]) -> tuple[str, str]:
    what = params.get("what", "")
    for key in (f"{rule_id}:{what}", rule_id, category):
        if key in MESSAGES:
            message, fix = MESSAGES[key]
            values = {k: params.get(k, "") for k in ("term", "figure", "title", "event", "words", "topic")}
            return str(message) % values, str(fix) % values
    return category, ""
