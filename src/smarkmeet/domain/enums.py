"""The closed vocabularies of the log. Their values are what the log stores."""

from __future__ import annotations

from enum import StrEnum


class Side(StrEnum):
    SALES = "sales"
    MARKETING = "marketing"
    OTHER = "other"  # guests: product, leadership, …

    @property
    def label(self) -> str:
        return self.value.capitalize()


class GoalOwner(StrEnum):
    SALES = "sales"
    MARKETING = "marketing"
    SHARED = "shared"


class MeetingKind(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    IN_PROGRESS = "in_progress"
    ENDED = "ended"

    @property
    def label(self) -> str:
        return self.value.replace("_", " ")


class SectionKind(StrEnum):
    """What a section of the agenda is for; each kind has its own panel."""

    CHECKIN = "checkin"
    ACTION_REVIEW = "action_review"
    GOAL_REVIEW = "goal_review"
    LEAD_FEEDBACK = "lead_feedback"
    CRITICISM = "criticism"
    WRAPUP = "wrapup"
    DISCUSSION = "discussion"


class SectionStatus(StrEnum):
    PENDING = "pending"
    CURRENT = "current"
    DONE = "done"


class Period(StrEnum):
    WEEKLY = "weekly"
    MONTHLY = "monthly"


class Unit(StrEnum):
    COUNT = "count"
    CURRENCY = "currency"
    PERCENT = "percent"


class LeadStage(StrEnum):
    """Funnel stages (see the glossary): MQL → SAL → SQL → opportunity → customer."""

    MQL = "mql"
    SAL = "sal"
    SQL = "sql"
    OPPORTUNITY = "opportunity"
    CUSTOMER = "customer"
    DISQUALIFIED = "disqualified"

    @property
    def rank(self) -> int:
        """How far down the funnel: disqualified ranks with MQL (it entered, went no further)."""
        return _STAGE_RANK[self]


_STAGE_RANK = {"mql": 0, "disqualified": 0, "sal": 1, "sql": 2, "opportunity": 3, "customer": 4}


class Verdict(StrEnum):
    ACCEPTED = "accepted"
    REJECTED = "rejected"
    NURTURE = "nurture"
    CONVERTED = "converted"


class FeedbackVia(StrEnum):
    """How a verdict reached the log."""

    MEETING = "meeting"
    IMPORT = "import"
    CLI = "cli"  # smarkmeet leads verdict
    APP = "app"  # the lead list, between meetings


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"
    DROPPED = "dropped"


class NoteStatus(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"


class Rag(StrEnum):
    """Red / amber / green status of a goal."""

    RED = "red"
    AMBER = "amber"
    GREEN = "green"


DEFAULT_REJECTION_REASONS: tuple[str, ...] = (
    "not a fit",
    "no budget",
    "no authority",
    "no need now",
    "bad contact data",
    "duplicate",
    "went to competitor",
    "not a buyer",
)
