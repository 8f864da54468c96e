"""Meeting history: date, kind, attendance, time spent against plan, rating.

``MeetingHistoryTable`` is the home screen's short list of recent (ended) meetings;
``MeetingLogTable`` is the full history, every status, a page at a time, with titles;
the ``Record…Table``s show what one meeting did with action items, criticism notes and leads.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text

from smarkmeet.domain.enums import ActionStatus, MeetingStatus, NoteStatus
from smarkmeet.domain.metrics import rating_text as rating_figure
from smarkmeet.domain.summaries import MeetingSummary
from smarkmeet.tui.format import day, day_month, fit
from smarkmeet.tui.widgets.table import PlainTable

if TYPE_CHECKING:  # pydantic models, which the home screen (using this module) must not import
    from smarkmeet.domain.models import CriticismNote
    from smarkmeet.domain.views import ActionRow


def column_widths(total: int, fixed: Sequence[int], weights: Sequence[int], minimum: int = 8,
                  needs: Sequence[int] | None = None) -> list[int]:
    """Widths of a table's flexible columns: what ``total`` cells leave after the fixed columns,
    each cell's padding and the scrollbar, shared by ``weights``. With ``needs`` (each column's
    widest cell), a column that needs less than its share gets what it needs and the rest goes
    to the others: names were cut ("Organic Sear…") beside a comment column left empty."""
    columns = len(fixed) + len(weights)
    free = total - sum(fixed) - 2 * columns - 2
    widths: dict[int, int] = {}
    while needs is not None:
        left = free - sum(widths.values())
        open_ = [n for n in range(len(weights)) if n not in widths]
        share = {n: left * weights[n] // sum(weights[m] for m in open_) for n in open_} if open_ else {}
        satisfied = next((n for n in open_ if needs[n] <= share[n]), None)
        if satisfied is None:
            break
        widths[satisfied] = max(minimum, needs[satisfied])
    left = free - sum(widths.values())
    open_weight = sum(weight for n, weight in enumerate(weights) if n not in widths) or 1
    return [widths[n] if n in widths else max(minimum, left * weight // open_weight) for n, weight in enumerate(weights)]


def minutes_over(meeting: MeetingSummary) -> int:
    """Whole minutes spent beyond the plan (negative when under it)."""
    return round(meeting.duration_minutes) - meeting.planned_minutes


def rating_text(meeting: MeetingSummary) -> Text:
    rating = rating_figure(meeting.average_rating)
    return Text(rating, justify="right")


def time_vs_plan(meeting: MeetingSummary, *, short: bool = False) -> Text:
    """``52 / 50 min (+2)`` in red when over the plan, green within it; planned meetings say so."""
    planned = meeting.planned_minutes
    if meeting.status is MeetingStatus.PLANNED:
        return Text(f"plan {planned}" if short else f"planned · {planned} min", style="dim")
    spent, over = round(meeting.duration_minutes), minutes_over(meeting)
    text = f"{spent}/{planned}" if short else f"{spent} / {planned} min"
    if over > 0:
        text += f" +{over}" if short else f" (+{over})"
    if meeting.status is MeetingStatus.IN_PROGRESS:
        return Text(text + ("…" if short else " so far"), style="yellow")
    return Text(text, style="bold red" if over > 0 else "green")


def attendance_text(meeting: MeetingSummary, justify: str = "right") -> Text:
    """Present of those expected (``4/9``), or "—" where no one was checked in."""
    if not meeting.invited:
        return Text("—", style="dim", justify=justify)  # type: ignore[arg-type]
    return Text(f"{meeting.present}/{meeting.invited}", justify=justify)  # type: ignore[arg-type]


class MeetingHistoryTable(PlainTable):
    DEFAULT_CSS = """
    MeetingHistoryTable { height: 1fr; }
    """

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.add_columns("Date", "Meeting", "Present", "Time vs plan", "Rating")

    def show(self, meetings: list[MeetingSummary], today: date) -> None:
        self.clear()
        twice = _days_held_twice(meetings)
        for meeting in meetings:
            over = minutes_over(meeting)
            style = "red" if over > 0 else "green"
            spent = f"{round(meeting.duration_minutes)} / {meeting.planned_minutes} min"
            if over > 0:
                spent += f" (+{over})"
            self.add_row(
                day(meeting.scheduled_for, today) + _started(meeting, twice),
                meeting.kind.value,
                attendance_text(meeting, "left"),  # "—" where no one was checked in, as the history says (0/0)
                Text(spent, style=style),
                rating_text(meeting),
                key=meeting.id,
            )


def _days_held_twice(meetings: list[MeetingSummary]) -> set[date]:
    """The days with more than one of these meetings (a dry run, then the real one)."""
    seen: set[date] = set()
    return {m.scheduled_for for m in meetings if m.scheduled_for in seen or seen.add(m.scheduled_for)}


def _started(meeting: MeetingSummary, twice: set[date]) -> str:
    """" · 09:40" where the day had two meetings, which the start tells apart; else nothing."""
    return f" · {meeting.started[11:16]}" if meeting.scheduled_for in twice and meeting.started else ""


class MeetingLogTable(PlainTable):
    """Every meeting a page at a time; the row key is the meeting id. Narrow terminals get short cells."""

    DEFAULT_CSS = """
    MeetingLogTable { height: 1fr; }
    """
    # widths of the fixed columns (wide, narrow); the title takes what is left
    _WIDE = {"Date": 15, "Kind": 7, "Present": 7, "Time vs plan": 20, "Rating": 6}
    _NARROW = {"Date": 10, "Kind": 7, "Here": 5, "Time/plan": 10, "Rate": 4}

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self._narrow = False
        self._title_width = 30

    def layout_for(self, width: int) -> None:
        """Set the columns for a table ``width`` cells wide (clears the rows)."""
        self._narrow = width < 100
        fixed = self._NARROW if self._narrow else self._WIDE
        padding = 2 * (len(fixed) + 1)  # each cell has one cell of padding either side
        self._title_width = max(12, width - sum(fixed.values()) - padding - 2)  # 2: the scrollbar
        self.clear(columns=True)
        names = list(fixed)
        self.add_column(names[0], width=fixed[names[0]], key="date")
        self.add_column(names[1], width=fixed[names[1]], key="kind")
        self.add_column("Title", width=self._title_width, key="title")
        self.add_column(Text(names[2], justify="right"), width=fixed[names[2]], key="present")
        self.add_column(names[3], width=fixed[names[3]], key="time")
        self.add_column(Text(names[4], justify="right"), width=fixed[names[4]], key="rating")

    def extend(self, meetings: list[MeetingSummary]) -> None:
        """Add a page of meetings below those already shown."""
        twice = _days_held_twice(meetings)
        for meeting in meetings:
            when = meeting.scheduled_for.isoformat() if self._narrow else meeting.scheduled_for.strftime("%a %d %b %Y")
            title = Text(fit(meeting.title, self._title_width - len(_started(meeting, twice))))
            title.append(_started(meeting, twice), style="dim")
            if meeting.status is not MeetingStatus.ENDED:
                title = Text(fit(meeting.title, self._title_width - len(meeting.status.label) - 3
                                 - len(_started(meeting, twice))))
                title.append(_started(meeting, twice), style="dim")
                title.append(f" · {meeting.status.label}", style="italic yellow")
            self.add_row(when, meeting.kind.value, title, attendance_text(meeting),
                         time_vs_plan(meeting, short=self._narrow), rating_text(meeting), key=meeting.id)


# -- one meeting's record: what it did with items, notes and leads --------------------

_ITEM_STYLE = {"new": "bold", "done": "green", "dropped": "dim", "carried": "yellow", "reopened": "bold",
               "snoozed": "dim yellow", "reassigned": "cyan"}
_NOTE_STYLE = {"raised": "bold", "raised → item": "bold", "followed up": "yellow", "resolved": "green"}


class RecordTable(PlainTable):
    """A table of one meeting's record whose rows stand for records: ``id_at(row)`` says which."""

    DEFAULT_CSS = """
    RecordTable { height: 1fr; }
    """

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="row", zebra_stripes=True, **kwargs)
        self.ids: list[str] = []
        self.details: list[Text] = []  # each row said whole, for the line below the table (cells are cut)

    def id_at(self, row: int) -> str | None:
        return self.ids[row] if 0 <= row < len(self.ids) else None

    def detail_at(self, row: int) -> Text:
        return self.details[row] if 0 <= row < len(self.details) else Text("")

    def _fill(self, columns: list[tuple[str, int]], rows: list[tuple[str, list]], empty: str) -> None:
        """Replace columns and rows (each row: its record's id and its cells), keeping the cursor's place."""
        keep = self.cursor_row
        self.clear(columns=True)
        self.ids = [record_id for record_id, _ in rows]
        if not rows:  # the sentence across the table: in the first column it was cut to "No actio"
            self.add_column("", key="empty")
            self.add_row(Text(empty, style="dim"))
            return
        for label, width in columns:
            self.add_column(label, width=width, key=label)
        for _, cells in rows:
            self.add_row(*cells)
        self.move_cursor(row=min(keep, self.row_count - 1))


class RecordItemsTable(RecordTable):
    """Action items a meeting created (``new``), closed (``done``/``dropped``), reopened, snoozed,
    carried or gave to someone else (``reassigned``: its owner is the new one), each as the meeting
    left it (``ActionStore.reviewed_in``)."""

    def show(self, rows: list[tuple[str, ActionRow]], width: int) -> None:
        here_w = 10 if any(how == "reassigned" for how, _ in rows) else 8
        # below 100 columns the carries join the status ("open 3×") and the due date is short,
        # so the title and owner are not cut to "Send objection notes fr…", "Jordan …"
        narrow = width < 100
        # a short due date of another year says it ("04 Mar ’27"): "04 Mar" beside "21 Nov" read as
        # long overdue
        today = self.app.clock.today()  # type: ignore[attr-defined]
        other_year = any(row.due_date is not None and row.due_date.year != today.year for _, row in rows)
        due_w, status_w = (10 if other_year else 6, 10) if narrow else (10, 8)
        fixed = [here_w, due_w, status_w] if narrow else [here_w, due_w, status_w, 7]
        # the owner a third of what is left: a quarter cut "Jordan Blake" to "Jordan Bla…" at 80
        # columns to give the title one more cell
        title_w, owner_w = column_widths(width, fixed, [2, 1], needs=[
            max([4, *(len(row.title) for _, row in rows)]), max([5, *(len(row.owner_name or "—") for _, row in rows)])])

        def due(row: ActionRow) -> str:
            if row.due_date is None:
                return "—"
            if not narrow:
                return row.due_date.isoformat()
            return day_month(row.due_date, today)

        def status(row: ActionRow) -> Text:
            carried = f" {row.carry_count}×" if narrow and row.carry_count else ""
            return Text(row.status.value + carried, style="green" if row.status is ActionStatus.DONE else "")

        self.details = [Text.assemble((f"{how}: ", "dim"), (row.title, "bold"), f" — {row.owner_name or 'no owner'}, ",
                                      f"due {row.due_date:%a %d %b %Y}" if row.due_date else "no due date",
                                      f", {row.status.value}",
                                      f", carried {row.carry_count}×" if row.carry_count else "") for how, row in rows]
        columns = [("Here", here_w), ("Item", title_w), ("Owner", owner_w), ("Due", due_w), ("Status", status_w)]
        self._fill(
            columns if narrow else [*columns, ("Carried", 7)],
            [(row.id, [Text(how, style=_ITEM_STYLE.get(how, "")), fit(row.title, title_w),
                       fit(row.owner_name or "—", owner_w), due(row), status(row),
                       *([] if narrow else [Text(f"{row.carry_count}×" if row.carry_count else "", justify="right")])])
             for how, row in rows],
            "No action item was created or reviewed in this meeting.",
        )


class RecordNotesTable(RecordTable):
    """Criticism notes a meeting raised, followed up (with the comment) or resolved."""

    def show(self, rows: list[tuple[str, CriticismNote, str]], width: int) -> None:
        self.details = [Text.assemble((f"{how}: ", "dim"), f"{note.from_side.label[0]}→{note.to_side.label[0]} ",
                                      (note.observation, "bold"),
                                      (" · Follow-up: " if how == "followed up" else " · Request: ", "dim"),
                                      said or ("none", "dim"), f" · {note.status.value}") for how, note, said in rows]
        observation_w, said_w = column_widths(width, [13, 4, 8], [1, 1], needs=[
            max([11, *(len(note.observation) for _, note, _ in rows)]),
            max([19, *(len(said or "(no request)") for _, _, said in rows)])])
        self._fill(
            [("Here", 13), ("Dir", 4), ("Observation", observation_w), ("Request / follow-up", said_w),
             ("Status", 8)],
            [(note.id, [Text(how, style=_NOTE_STYLE.get(how, "")), f"{note.from_side.label[0]}→{note.to_side.label[0]}",
                        fit(note.observation, observation_w),
                        fit(said, said_w) if said else Text("(no request)", style="dim"),
                        Text(note.status.value, style="green" if note.status is NoteStatus.RESOLVED else "yellow")])
             for how, note, said in rows],
            "No criticism note was raised, followed up or resolved in this meeting.",
        )


class RecordVerdictsTable(RecordTable):
    """Lead verdicts given in a meeting (rows of ``MeetingStore.lead_verdicts``); ids are CRM ids."""

    def show(self, verdicts: list[dict], width: int) -> None:
        def why_of(row: dict) -> str:
            return " — ".join(part for part in (row["reason"], row["comment"]) if part)

        cells = [[row["name"] or row["crm_id"], row["company"] or "—", row["source"] or "(no source)", why_of(row),
                  row["given_by"] or "—"] for row in verdicts]
        last = {row["lead_id"]: n for n, row in enumerate(verdicts)}  # the verdict each lead left with
        # no reason, comment or replaced verdict to show: no column for them (at 80 columns an empty
        # "Reason / comment" took 18 cells beside "Organic…" and "Tomás R…")
        any_why = any(why_of(row) or last[row["lead_id"]] != n for n, row in enumerate(verdicts))
        least = [4, 7, 6, 16 if any_why else 0, 2]  # the headers
        weights = [3, 3, 2, 4 if any_why else 0, 2]
        needs = [max([head, *(len(cell[n]) for cell in cells)]) for n, head in enumerate(least)]
        if not any_why:
            del weights[3], needs[3]
        widths = column_widths(width, [9], weights, needs=needs)
        if not any_why:
            widths.insert(3, 0)
        lead_w, company_w, source_w, why_w, by_w = widths
        self.details = [Text.assemble((row["name"] or row["crm_id"], "bold"),
                                      f" ({', '.join(part for part in (row['company'], row['source'], row['crm_id']) if part)})",
                                      f" — {row['verdict']}", f": {why_of(row)}" if why_of(row) else "",
                                      f" — by {row['given_by']}" if row["given_by"] else "") for row in verdicts]
        rows = []
        for n, row in enumerate(verdicts):
            why = why_of(row)
            # one replaced later in the meeting (accepted, then rejected) read as a second current verdict
            replaced = last[row["lead_id"]] != n
            shown = [
                fit(row["name"] or row["crm_id"], lead_w), fit(row["company"] or "—", company_w),
                fit(row["source"] or "(no source)", source_w),
                Text(row["verdict"], style="dim strike") if replaced else row["verdict"],
                Text(fit("replaced below" + (f" · {why}" if why else ""), why_w), style="dim") if replaced
                else fit(why, why_w),
                fit(row["given_by"] or "—", by_w)]
            if not any_why:
                del shown[4]
            rows.append((row["crm_id"], shown))
        columns = [("Lead", lead_w), ("Company", company_w), ("Source", source_w), ("Verdict", 9),
                   ("Reason / comment", why_w), ("By", by_w)]
        if not any_why:
            del columns[4]
        self._fill(columns, rows, "No lead was given a verdict in this meeting.")
