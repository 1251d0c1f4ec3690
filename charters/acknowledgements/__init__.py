"""Acknowledgements of charter versions: campaigns, the employee's journey, evidence, reminders, dashboards.

services.py (writes), selectors.py (reads), reminders.py (the scheduled e-mails), views.py and
api.py (pages and API); the hash chain of evidence events is charters/ledger.py.

What the evidence export (charters/evidence) reads:
- ``charters.models.Acknowledgement``: employee, version, campaign, language, text_sha256,
  content_sha256, consent_text, consent_sha256, typed_name, opened_at, end_reached_at,
  acknowledged_at, time_spent_seconds, ip_address, user_agent, auth_method, quiz_score, quiz_passed.
  ``services.acknowledgement_evidence(ack)`` is the dict the ledger entry of the acknowledgement covers.
- ``selectors.version_register(version)``: every person assigned the version (leavers included) with
  their status (acknowledged / declined / question / overdue / pending / left), the acknowledgement
  (possibly of an earlier version, ``carried_over``) and the due date; streamed, no query per row.
- ``selectors.acknowledgement_list_for_version(version)``: the acknowledgements of exactly that version.
- ``charters.ledger``: ``ledger_append(event=..., payload=..., employee_id=, version_id=, object_id=)``
  (``Event.EXPORTED`` for exports), ``ledger_verify()``, ``ledger_entry_for(event=Event.ACKNOWLEDGED,
  object_id=ack.pk)``, ``ledger_entries_for_version(version_id)``, ``ledger_entry_as_json(entry)``.
"""
