"""The categories the model learns: those whose breach is in the meaning of a sentence, not in a pattern.

Identifiers, secrets, registered terms, copies of registered documents and quiet topics stay with the
rules, which do them exactly; the model adds what no word list can enumerate.
"""

MODEL_LABELS = (
    "confidentiality.personal_data",
    "confidentiality.financial",
    "confidentiality.insider",
    "copyright.unattributed_quote",
    "copyright.third_party_media",
    "conduct.insult",
    "conduct.unauthorized_statement",
)
# A label the taxonomy defines by length: the model may only report it on a window at least this long
# (a long quotation is about 25 words or more; a one-line post is never one).
MIN_WORDS = {"copyright.unattributed_quote": 20}
# Labels only an employee can breach: a spokesperson's official words are the company's own.
EMPLOYEE_ONLY = frozenset({"conduct.unauthorized_statement"})
