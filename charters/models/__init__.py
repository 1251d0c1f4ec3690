"""The charters app's models: charters and their versions, then acknowledgements and their ledger."""

from charters.models.acknowledgements import (
    Acknowledgement,
    Assignment,
    Campaign,
    Feedback,
    LedgerEntry,
    LedgerHead,
    Quiz,
    QuizAttempt,
    QuizChoice,
    QuizQuestion,
    ReminderBatch,
    ReminderLog,
)
from charters.models.evidence import EvidenceExport, EvidenceFile
from charters.models.versions import (
    CLAUSE_CATEGORIES,
    Charter,
    CharterTranslation,
    CharterVersion,
    Clause,
    LabourLawStep,
    ReviewComment,
    VersionTransition,
)

__all__ = [
    "CLAUSE_CATEGORIES",
    "Acknowledgement",
    "Assignment",
    "Campaign",
    "Charter",
    "CharterTranslation",
    "CharterVersion",
    "Clause",
    "EvidenceExport",
    "EvidenceFile",
    "Feedback",
    "LabourLawStep",
    "LedgerEntry",
    "LedgerHead",
    "Quiz",
    "QuizAttempt",
    "QuizChoice",
    "QuizQuestion",
    "ReminderBatch",
    "ReminderLog",
    "ReviewComment",
    "VersionTransition",
]
