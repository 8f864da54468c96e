"""Action items: finding them and presenting them outside the TUI."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date, timedelta

from smarkmeet.domain.cells import cell_width, fit, pad
from smarkmeet.domain.enums import ActionStatus, Side
from smarkmeet.domain.models import Person
from smarkmeet.domain.views import ActionRow
from smarkmeet.services.people import PersonLookupError, one_person
from smarkmeet.store.actions import ActionFilter, fts_words
from smarkmeet.store.log import Log


class ActionQueryError(Exception):
    """A filter the user gave does not make sense (e.g. an unknown owner)."""


def action_filter(
    log: Log, *, owner: str | None = None, side: str | None = None, status: str = "open", overdue: bool = False,
    text: str = "", carried: int = 0, due_from: date | None = None, due_to: date | None = None,
) -> ActionFilter:
    """The filter the CLI's options describe; an owner who is not on the team is an error in words."""
    owner_id = None
    if owner:
        try:
            owner_id = one_person(log, owner).id
        except PersonLookupError as error:
            raise ActionQueryError(str(error)) from None
    if carried < 0:
        raise ActionQueryError("--carried must be 0 or more")
    if due_from and due_to and due_from > due_to:
        raise ActionQueryError(f"--due-from {due_from} is after --due-to {due_to}")
    if text.strip() and not fts_words(text):  # '"' or '--': nothing to look for; all items listed said nothing
        raise ActionQueryError(f"--text {text.strip()!r} has no word to look for: give letters or digits")
    return ActionFilter(
        status=None if status == "all" else ActionStatus(status),
        owner_ids=(owner_id,) if owner_id else (),
        side=Side(side) if side else None,
        overdue_on=log.clock.today() if overdue else None,
        min_carries=carried,
        words=fts_words(text),
        due_from=due_from,
        due_to=due_to,
    )


def query_actions(log: Log, **filters) -> list[ActionRow]:
    """The items matching the CLI's filters (see :func:`action_filter`), soonest due first."""
    return log.actions.list(action_filter(log, **filters))


# -- the filter line of the action-items screen ---------------------------------------

STATUS_WORDS = {"open": ActionStatus.OPEN, "done": ActionStatus.DONE, "dropped": ActionStatus.DROPPED, "all": None}
SIDE_WORDS = {"sales": Side.SALES, "s": Side.SALES, "marketing": Side.MARKETING, "m": Side.MARKETING,
              "mkt": Side.MARKETING, "other": Side.OTHER}
FILTER_HELP = ("words match the starts of title words · @handle · side:sales|marketing · status:open|done|dropped|all"
               " · overdue · carried:N · due:DATE..DATE (either end may be left out)")


@dataclass(frozen=True)
class FilterReading:
    """What a typed filter line means: the filter, how to say it, and what could not be read."""

    criteria: ActionFilter
    described: tuple[str, ...] = ()
    problems: tuple[str, ...] = ()


def read_filter_line(log: Log, line: str, *, status: ActionStatus | None) -> FilterReading:
    """Read the action-items screen's filter line. Never raises; what can't be read is named.

    ``status`` is the screen's status toggle; ``status:`` in the line overrides it.
    """
    today = log.clock.today()
    fields: dict = {"status": status}
    words: list[str] = []
    described: list[str] = []
    problems: list[str] = []
    typed_status = ""  # a status:… typed in the line
    tokens = _filter_tokens(line)
    while tokens:
        token = tokens.pop(0)
        key, sep, value = token.partition(":")
        key = key.casefold()
        if token.startswith("@") and len(token) > 1:
            # "@Mei Chen": the longest run of words naming one person is the owner (Mei alone may
            # be two people, or a handle of one of them), the words after it the title's
            taken = _whole_name(log, token[1:], tokens)
            _read_owner(log, " ".join([token[1:], *tokens[:taken]]), fields, described, problems)
            del tokens[:taken]
        elif sep and key in ("owner", "who"):
            taken = _whole_name(log, value, tokens)
            _read_owner(log, " ".join([value, *tokens[:taken]]), fields, described, problems)
            del tokens[:taken]
        elif sep and key == "side":
            side = SIDE_WORDS.get(value.casefold())
            if side is None:
                problems.append(f"side:{value} — say side:sales or side:marketing")
            else:
                fields["side"] = side
        elif sep and key in ("status", "is"):
            if value.casefold() == "overdue":
                fields["overdue_on"] = today
            elif value.casefold() in STATUS_WORDS:
                fields["status"] = STATUS_WORDS[value.casefold()]
                typed_status = value
            else:
                problems.append(f"status:{value} — say open, done, dropped or all")
        elif token.casefold() == "overdue":
            fields["overdue_on"] = today
        elif sep and key in ("carried", "carries"):
            number = value.lstrip(">=")
            if number.isdigit() and len(number) <= 6:
                fields["min_carries"] = int(number)
            else:
                problems.append(f"carried:{value} — give a number, e.g. carried:3 (carried 3 times or more)")
        elif sep and key == "due":
            # "due:1 nov..30 nov": a date of several words, unquoted, takes the words it needs
            # (only when the first alone is no date: "due:fri budget" keeps budget a title word)
            taken = 0 if _due_reads(value, today) else next(
                (more for more in range(1, 4) if more <= len(tokens)
                 and _due_reads(" ".join([value, *tokens[:more]]), today)), 0)
            _read_due_range(" ".join([value, *tokens[:taken]]), today, fields, problems)
            del tokens[:taken]
        else:
            words.extend(fts_words(token))
    if fields.get("overdue_on") is not None:
        if fields["status"] not in (None, ActionStatus.OPEN) and typed_status:  # it listed the open ones, saying nothing
            problems.append(f"status:{typed_status} — only open items are overdue: the open ones are listed")
        fields["status"] = ActionStatus.OPEN
    criteria = ActionFilter(words=tuple(words), **fields)
    return FilterReading(criteria, tuple(describe_filter(criteria, described)), tuple(problems))


def _read_owner(log: Log, text: str, fields: dict, described: list[str], problems: list[str]) -> None:
    try:
        person = one_person(log, text)
    except PersonLookupError as error:
        problems.append(str(error))
        return
    if person.id in fields.setdefault("owner_ids", ()):
        return
    fields["owner_ids"] += (person.id,)
    named = [part for part in described if part.startswith("owner ")]
    if named:  # "@mei @dana": the items either owns (the last one named alone was listed)
        described[described.index(named[0])] = f"{named[0]} or {person.name}"
    else:
        described.append(f"owner {person.name}")


def _whole_name(log: Log, first: str, tokens: list[str]) -> int:
    """How many of the words after ``first`` (up to three, plain words only) go with it to name
    one person by their whole name or the start of it ("Mei Chen", "Mei C"): 0 when none do."""
    following = []
    for token in tokens[:3]:
        if ":" in token or token.startswith("@"):
            break
        following.append(token)
    for count in range(len(following), 0, -1):
        if len(log.people.find(" ".join([first, *following[:count]]))) == 1:
            return count
    return 0


DAY_WORDS = {"today": 0, "tomorrow": 1, "yesterday": -1}
_DAYS_AWAY = re.compile(r"([+-])(\d{1,4})\s*(d|w)")
DAY_FORMS = ("YYYY-MM-DD, today, tomorrow, yesterday, +3d / -2w, '12 weeks ago', 'last monday', or as in a "
             "quick-add line: fri, 1 dec, eom")


def read_day(text: str, today: date) -> date:
    """A date in a filter (the filter line's due: and the CLI's --due-from/--due-to): YYYY-MM-DD,
    today, tomorrow, yesterday, days or weeks from today (+3d, -2w), or any date a quick-add line
    takes (fri, next week, eom); one it would ask about is refused, naming its readings."""
    typed = text.strip().casefold()
    if typed in DAY_WORDS:
        return today + timedelta(days=DAY_WORDS[typed])
    if away := _DAYS_AWAY.fullmatch(typed):
        sign, count, unit = away.groups()
        days = int(count) * (7 if unit == "w" else 1)
        return today + timedelta(days=days if sign == "+" else -days)
    try:
        return date.fromisoformat(typed)
    except ValueError:
        pass
    from smarkmeet.domain.dates import describe_choice, read_date, read_looking_back

    if (back := read_looking_back(typed, today)) is not None:  # as a report reads it: 12 weeks ago, last monday
        return back
    reading = read_date(typed, today)  # as a quick-add line reads it: fri, eom, 1 dec, next week…
    if reading.value is not None:
        return reading.value
    if reading.past is not None:  # "1 dec" on 6 Dec: a due date would ask; a filter looks back too
        return reading.past
    if reading.ambiguous:
        candidates = reading.candidates
        if re.fullmatch(r"\d{1,2}[/.-]\d{1,2}", typed):  # 12/01: each reading as the day of that name nearest
            from smarkmeet.domain.dates import last_on_or_before  # to today (a filter looks back too: 1 Dec
            # 2026, six days ago, not 1 Dec 2027)
            nearest = []
            for day in candidates:
                back = last_on_or_before(day.month, day.day, today)
                nearest.append(back if back is not None and (today - back) < (day - today) else day)
            candidates = sorted(set(nearest), key=lambda day: abs((day - today).days))
        said = " or ".join(describe_choice(day, today) for day in candidates)
        raise ActionQueryError(f"{text.strip()!r} could mean {said}; type the date, e.g. "
                               f"{candidates[0].isoformat()}")
    raise ActionQueryError(f"can't read {text!r} as a date: dates are {DAY_FORMS}, e.g. 2026-11-30")


_TOKEN = re.compile(r'(?:[^\s"]+|"[^"]*"?)+')  # a word, quotes holding spaces: due:"1 nov".."30 nov"


def _filter_tokens(line: str) -> list[str]:
    """The filter line's words, a quoted part kept in its word (its quotes dropped)."""
    return [token.replace('"', "") for token in _TOKEN.findall(line) if token.replace('"', "").strip()]


def _due_reads(value: str, today: date) -> bool:
    problems: list[str] = []
    _read_due_range(value, today, {}, problems)
    return not problems


def _read_due_range(value: str, today: date, fields: dict, problems: list[str]) -> None:
    first, dots, last = value.partition("..")
    ends = []
    for text in (first, last) if dots else (first, first):
        if not text:
            ends.append(None)
            continue
        try:
            ends.append(read_day(text, today))
        except ActionQueryError as error:
            if "could mean" in str(error):  # 11/1: its two readings, as --due-from says them
                problems.append(f"due:{value} — {error}")
            else:
                problems.append(f"due:{value} — dates are {DAY_FORMS}, e.g. due:2026-11-01..2026-11-30")
            return
    if ends[0] and ends[1] and ends[0] > ends[1]:
        problems.append(f"due:{value} — the first date is after the second")
        return
    fields["due_from"], fields["due_to"] = ends


WORDS_SHOWN = 40  # cells of the words filtered by, in the status line


def describe_filter(criteria: ActionFilter, described: list[str] | tuple[str, ...] = ()) -> list[str]:
    """The filter in words, for the status line: ``open · owner Mei · side sales · …``."""
    parts = ["every status" if criteria.status is None else criteria.status.value]
    parts.extend(described)
    if criteria.side is not None:
        parts.append(f"side {criteria.side.value}")
    if criteria.overdue_on is not None:
        parts.append("overdue")
    if criteria.min_carries:
        parts.append(f"carried {criteria.min_carries}+ times")
    if criteria.due_from or criteria.due_to:
        parts.append(f"due {criteria.due_from or '…'} to {criteria.due_to or '…'}")
    if criteria.words:  # (cut: 3,000 characters pasted in the filter filled the screen with this line)
        parts.append(fit("words " + " ".join(f"{word}…" for word in criteria.words), WORDS_SHOWN))
    return parts


# -- acting on an item between meetings --------------------------------------------------


def set_status(log: Log, item_id: str, status: ActionStatus) -> None:
    """Mark an item done, dropped or open again (outside a meeting: no meeting closes it).

    An item already in that status is left as it is: marking a done item done again must
    not move the day it was done (and so turn an on-time item late).
    """
    if log.actions.get(item_id).status is status:
        return
    fields: dict = {"status": status, "closed_in_meeting_id": log.active_meeting_id}
    fields["done_at"] = log.clock.now() if status is ActionStatus.DONE else None
    if status is ActionStatus.OPEN:
        fields["closed_in_meeting_id"] = None
    log.actions.update(item_id, fields, meeting_id=log.active_meeting_id)


def set_due(log: Log, item_id: str, due: date | None) -> None:
    log.actions.update(item_id, {"due_date": due}, meeting_id=log.active_meeting_id)


def set_snooze(log: Log, item_id: str, until: date | None) -> None:
    log.actions.update(item_id, {"snoozed_until": until}, meeting_id=log.active_meeting_id)


def reassign(log: Log, item_id: str, who: str) -> Person:
    """Give the item to the one person ``who`` names (their side comes with them)."""
    try:
        person = one_person(log, who, on_team=True)
    except PersonLookupError as error:
        raise ActionQueryError(str(error)) from None
    fields: dict = {"owner_id": person.id}
    if person.side in (Side.SALES, Side.MARKETING):
        fields["side"] = person.side
    log.actions.update(item_id, fields, meeting_id=log.active_meeting_id)
    return person


def action_record(row: ActionRow, today: date) -> dict:
    """The JSON shape of one action item, as ``smarkmeet actions --json`` prints it."""
    return {
        "id": row.id,
        "title": row.title,
        "owner": row.owner_name,
        "owner_handle": row.owner_handle,
        "side": row.side.value if row.side else None,
        "due_date": row.due_date.isoformat() if row.due_date else None,
        "status": row.status.value,
        "overdue": row.is_overdue(today),
        "carry_count": row.carry_count,
        "snoozed_until": row.snoozed_until.isoformat() if row.snoozed_until else None,
        "origin_meeting_date": row.origin_meeting_date.isoformat() if row.origin_meeting_date else None,
        "origin_section": row.origin_section_title,
        "done_at": row.done_at.isoformat() if row.done_at else None,
    }


def render_actions_json(rows: list[ActionRow], today: date) -> str:
    return json.dumps([action_record(row, today) for row in rows], indent=2, ensure_ascii=False)


TITLE_AT_LEAST = 30  # cells of a title kept in a terminal before the side and origin columns give way


def render_actions_table(rows: list[ActionRow], today: date, width: int | None = None) -> str:
    """The items as a table; with ``width`` (a terminal's), titles longer than the room left are
    cut with "…" rather than wrapping every row (piped, they stay whole for scripts)."""
    if not rows:
        return "No action items match."
    headers = ["Due", "Status", "Owner", "Side", "Carried", "From", "Title"]
    body = []
    for row in rows:
        due = row.due_date.isoformat() if row.due_date else "—"
        status = "OVERDUE" if row.is_overdue(today) else row.status.value
        if row.status is ActionStatus.OPEN and row.snoozed_until and row.snoozed_until > today:
            status = f"snoozed to {row.snoozed_until.isoformat()}"  # as the meeting's review says it
        body.append([
            due, status, row.owner_name or "—", row.side.value if row.side else "—",
            f"{row.carry_count}×" if row.carry_count else "",
            row.origin_meeting_date.isoformat() if row.origin_meeting_date else "—", row.title,
        ])
    widths = [max(cell_width(headers[i]), *(cell_width(line[i]) for line in body)) for i in range(len(headers) - 1)]
    title_width = max(cell_width(headers[-1]), *(cell_width(line[-1]) for line in body))
    if width is not None:
        # a narrow terminal: the side (the owner says it) and the origin give way to the title first
        for column in ("Side", "From"):
            if width - 1 - sum(w + 2 for w in widths) >= min(title_width, TITLE_AT_LEAST):
                break
            index = headers.index(column)
            del headers[index], widths[index]
            for line in body:
                del line[index]
        room = max(8, width - 1 - sum(w + 2 for w in widths))  # (a column short of the edge: no wrap)
        if title_width > room:
            title_width = room
            for line in body:
                line[-1] = fit(line[-1], room)
    lines = ["  ".join(pad(h, w) for h, w in zip(headers, widths, strict=False)) + "  " + headers[-1]]
    lines.append("  ".join("─" * w for w in widths) + "  " + "─" * title_width)
    for line in body:
        lines.append("  ".join(pad(cell, w) for cell, w in zip(line, widths, strict=False)) + "  " + line[-1])
    lines.append(f"\n{len(rows)} item(s): {tally_line(rows, today)}")
    return "\n".join(lines)


def tally_line(rows: list[ActionRow], today: date) -> str:
    """``4 open (2 overdue, 1 of them snoozed), 2 done, 1 dropped``: every status among ``rows``,
    the open ones' overdue said (and how many of those are snoozed)."""
    counts = {status: sum(1 for row in rows if row.status is status) for status in ActionStatus}
    overdue = [row for row in rows if row.is_overdue(today)]
    # as home says it ("7 overdue (1 snoozed)"): a snoozed one is left out of the meeting's review
    snoozed = sum(1 for row in overdue if row.snoozed_until and row.snoozed_until > today)
    said = f"{len(overdue)} overdue" + (f", {snoozed} of them snoozed" if snoozed else "")
    parts = [f"{counts[ActionStatus.OPEN]} open" + (f" ({said})" if overdue else "")]
    parts += [f"{counts[status]} {status.value}" for status in ActionStatus
              if status is not ActionStatus.OPEN and counts[status]]
    return ", ".join(parts)
