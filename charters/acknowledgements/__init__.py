"""Acknowledgements of charter versions: campaigns, the employee's journey, evidence, reminders, dashboards.

services.py (writes), selectors.py (reads), reminders.py (the scheduled e-mails), views.py and
api.py (pages and API); the hash chain of evidence events is charters/ledger.py.
"""
