"""Meeting templates: which sections a meeting has, in what order, with what timebox."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field, StringConstraints

from smarkmeet.domain.enums import MeetingKind, SectionKind


class SectionTemplate(BaseModel):
    kind: SectionKind
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    minutes: int = Field(ge=1, le=600)


class MeetingTemplate(BaseModel):
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=60)]
    kind: MeetingKind = MeetingKind.WEEKLY
    title: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=120)]
    sections: list[SectionTemplate] = Field(min_length=1)

    @property
    def planned_minutes(self) -> int:
        return sum(section.minutes for section in self.sections)


WEEKLY = MeetingTemplate(
    name="weekly",
    kind=MeetingKind.WEEKLY,
    title="Weekly smarketing meeting",
    sections=[
        SectionTemplate(kind=SectionKind.CHECKIN, title="Check-in & attendance", minutes=3),
        SectionTemplate(kind=SectionKind.ACTION_REVIEW, title="Action item review", minutes=7),
        SectionTemplate(kind=SectionKind.GOAL_REVIEW, title="Goal review — the scorecard", minutes=10),
        SectionTemplate(kind=SectionKind.LEAD_FEEDBACK, title="Lead feedback — closing the loop", minutes=15),
        SectionTemplate(kind=SectionKind.CRITICISM, title="Criticism notes", minutes=10),
        SectionTemplate(kind=SectionKind.WRAPUP, title="Action items & wrap-up", minutes=5),
    ],
)

MONTHLY = MeetingTemplate(
    name="monthly",
    kind=MeetingKind.MONTHLY,
    title="Monthly smarketing managers' meeting",
    sections=[
        SectionTemplate(kind=SectionKind.CHECKIN, title="Check-in & attendance", minutes=5),
        SectionTemplate(kind=SectionKind.GOAL_REVIEW, title="Goal trends & attainment", minutes=20),
        SectionTemplate(kind=SectionKind.LEAD_FEEDBACK, title="Lead-source quality & SLAs", minutes=20),
        SectionTemplate(kind=SectionKind.ACTION_REVIEW, title="Action completion review", minutes=10),
        SectionTemplate(kind=SectionKind.CRITICISM, title="Cross-team feedback", minutes=15),
        SectionTemplate(kind=SectionKind.WRAPUP, title="Decisions, actions & wrap-up", minutes=10),
    ],
)

BUILT_IN: dict[str, MeetingTemplate] = {WEEKLY.name: WEEKLY, MONTHLY.name: MONTHLY}
