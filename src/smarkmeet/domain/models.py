"""The records of the log, as pydantic models.

Field names are the log's column names, so a row read from SQLite validates straight
into a model and a model dumps straight into a row.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from smarkmeet.clock import timestamp
from smarkmeet.domain.enums import (
    ActionStatus,
    FeedbackVia,
    GoalOwner,
    LeadStage,
    MeetingKind,
    MeetingStatus,
    NoteStatus,
    Period,
    SectionKind,
    SectionStatus,
    Side,
    Unit,
    Verdict,
)
from smarkmeet.domain.ids import new_id
from smarkmeet.domain.inert import inert


# Control characters are made visible (domain.inert): an escape sequence in a title must
# never act on the terminal of whoever prints it later.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000),
                 AfterValidator(inert)]
LongText = Annotated[str, StringConstraints(strip_whitespace=True, max_length=20000),
                     AfterValidator(lambda text: inert(text, multiline=True))]
def _normalise_handle(value: object) -> object:
    return value.strip().lstrip("@").lower() if isinstance(value, str) else value


Handle = Annotated[
    str,
    BeforeValidator(_normalise_handle),
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{0,31}$"),
]


class Record(BaseModel):
    """Base of every row: a text UUID primary key."""

    model_config = ConfigDict(
        str_strip_whitespace=True, validate_assignment=True, use_enum_values=False, frozen=False,
        defer_build=True,  # build validators on first use: start-up pays only for the models it uses
    )

    id: str = Field(default_factory=new_id)

    def row(self) -> dict:
        """The record as a log row (JSON-compatible values).

        Moments are written as every other write to the log writes them (`clock.timestamp`:
        to the second, with the offset as ``+00:00``), not as pydantic would (``…54.995142Z``):
        rows inserted and rows updated, and their `changes` entries, read and sort alike."""
        row = self.model_dump(mode="json")
        for key, value in self:
            if isinstance(value, datetime):
                row[key] = timestamp(value)
        return row


R = TypeVar("R", bound=Record)


def apply_edit(record: R, changes: Mapping[str, Any], editable: tuple[str, ...], validated: Callable[[dict], R],
           refused: Callable[[str], Exception]) -> tuple[R, dict[str, Any]]:
    """``record`` with ``changes`` made, validated by ``validated``, and the fields among
    ``editable`` whose value really differs: only those are written, so an edit that changes
    nothing leaves no entry in ``changes``. A field outside ``editable`` is ``refused`` in words."""
    unknown = sorted(set(changes) - set(editable))
    if unknown:
        noun = type(record).__name__.lower()
        raise refused(f"a {noun} has no field {', '.join(unknown)} to edit (fields: {', '.join(editable)})")
    new = validated({**record.model_dump(), **changes})
    return new, {field: getattr(new, field) for field in editable if getattr(new, field) != getattr(record, field)}


class Person(Record):
    name: Text
    handle: Handle
    side: Side
    role: LongText = ""
    email: LongText = ""
    guest: bool = False
    active: bool = True


class Meeting(Record):
    kind: MeetingKind = MeetingKind.WEEKLY
    title: Text
    scheduled_for: date
    status: MeetingStatus = MeetingStatus.PLANNED
    facilitator_id: str | None = None
    template: str = "weekly"
    started_at: datetime | None = None
    ended_at: datetime | None = None
    current_section_id: str | None = None
    paused: bool = False
    summary: LongText = ""
    minutes_path: str | None = None


class AgendaSection(Record):
    meeting_id: str
    position: int = Field(ge=0)
    kind: SectionKind
    title: Text
    timebox_minutes: int = Field(ge=0, le=600)
    seconds_spent: int = Field(default=0, ge=0)
    overrun_seconds: int = Field(default=0, ge=0)
    running_since: datetime | None = None
    status: SectionStatus = SectionStatus.PENDING


class Attendance(Record):
    meeting_id: str
    person_id: str
    present: bool = True


class Goal(Record):
    name: Text
    metric: Text
    unit: Unit = Unit.COUNT
    owner_side: GoalOwner = GoalOwner.SHARED
    period: Period = Period.WEEKLY
    target: float = Field(gt=0, allow_inf_nan=False)
    amber_threshold: float = Field(default=0.8, gt=0, le=1)
    description: LongText = ""
    created_at: datetime
    retired_at: datetime | None = None


class GoalCheckin(Record):
    goal_id: str
    period_start: date
    actual: float = Field(ge=0, allow_inf_nan=False)
    target: float = Field(gt=0, allow_inf_nan=False)
    meeting_id: str | None = None
    note: LongText = ""
    recorded_at: datetime


class Lead(Record):
    crm_id: Text
    name: LongText = ""
    company: LongText = ""
    email: LongText = ""
    source: LongText = ""
    created_at: datetime
    owner: LongText = ""
    stage: LeadStage = LeadStage.MQL
    crm_status: LongText = ""
    # The current verdict, kept in step with lead_feedback (see LeadStore.give_feedback).
    verdict: Verdict | None = None
    reason: LongText = ""
    verdict_at: datetime | None = None
    first_verdict_at: datetime | None = None
    first_verdict_timed: bool | None = None
    first_verdict_days: float | None = None  # delivery → first verdict, when both times are known
    created_known: bool = True  # False when the CRM export had no created date (created_at = import time)
    crm_converted: bool | None = None
    updated_at: datetime | None = None
    import_id: str | None = None


class LeadFeedback(Record):
    lead_id: str
    verdict: Verdict
    reason: LongText = ""
    comment: LongText = ""
    given_by: str | None = None
    given_at: datetime
    meeting_id: str | None = None
    via: FeedbackVia = FeedbackVia.MEETING
    timed: bool = True  # False when an import had no date for it: given_at is then the import time

    @model_validator(mode="after")
    def _rejection_needs_reason(self) -> "LeadFeedback":
        if self.verdict is Verdict.REJECTED and not self.reason:
            raise ValueError("a rejected lead needs a reason")
        return self


class CriticismNote(Record):
    meeting_id: str | None = None
    from_side: Side
    to_side: Side
    observation: Text
    impact: LongText = ""
    request: LongText = ""
    status: NoteStatus = NoteStatus.OPEN
    author_id: str | None = None
    created_at: datetime
    resolved_at: datetime | None = None
    resolved_in_meeting_id: str | None = None
    action_item_id: str | None = None

    @model_validator(mode="after")
    def _between_the_two_sides(self) -> "CriticismNote":
        sides = {Side.SALES, Side.MARKETING}
        if {self.from_side, self.to_side} != sides:
            raise ValueError("a criticism note goes from sales to marketing or from marketing to sales")
        return self

    @property
    def constructive(self) -> bool:
        """A note is constructive once it carries a concrete request."""
        return bool(self.request)


class CriticismFollowup(Record):
    note_id: str
    meeting_id: str | None = None
    comment: Text
    created_at: datetime


class ActionItem(Record):
    title: Text
    owner_id: str | None = None
    side: Side | None = None
    due_date: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    snoozed_until: date | None = None
    origin_meeting_id: str | None = None
    origin_section_id: str | None = None
    carry_count: int = Field(default=0, ge=0)
    created_at: datetime
    done_at: datetime | None = None
    closed_in_meeting_id: str | None = None

    def is_overdue(self, today: date) -> bool:
        return self.status is ActionStatus.OPEN and self.due_date is not None and self.due_date < today


class ActionCarry(Record):
    """One carry of an action item from a meeting to the next, with its change of due date."""

    action_item_id: str
    meeting_id: str | None = None
    previous_due: date | None = None
    new_due: date | None = None
    carried_at: datetime


class GlossaryTerm(Record):
    term: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]
    definition: Text
    revision: int = Field(default=1, ge=1)
    updated_at: datetime


class GlossaryRevision(Record):
    term_id: str
    revision: int = Field(ge=1)
    definition: Text
    changed_at: datetime
    changed_by: str | None = None
    meeting_id: str | None = None


class Rating(Record):
    meeting_id: str
    person_id: str
    score: int = Field(ge=1, le=10)
    comment: LongText = ""
    given_at: datetime
