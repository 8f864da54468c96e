"""Reading a due date typed by a facilitator in a live meeting.

``read_date`` turns short text such as ``fri``, ``+3d``, ``1 dec`` or ``2026-12-01`` into a
date. It never raises: unreadable text gives a reading with an ``error`` sentence, and text
with two sensible readings (``12/01``, ``next fri`` on a Monday) gives ``candidates`` so the
caller can ask which one was meant instead of guessing.

Relative forms only ever point at today or later: a due date in the past is almost always a
slip of the keyboard. A past date is accepted only when spelled out in full as ISO
(``2026-11-02``). Every result must fall within ten years of ``today`` (``MAX_DAYS``) either
way; anything further is far more likely a typo than a plan, and the bound also keeps huge
numbers such as ``+99999999d`` away from ``date`` arithmetic overflows.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

MAX_DAYS = 3660  # ten years plus slack for leap days, so "+3650d" is always fine

# examples of what can be typed; {day} and {iso} are a day to come (see example_days): a
# fixed "1 dec" was itself refused as past once December had begun
HINT = "try fri, tomorrow, +3d, {day} or {iso}"


def example_days(today: date) -> dict[str, str]:
    """The first of next month, as the date examples write it: ``{"day": "1 jan", "iso": "2027-01-01"}``."""
    first = (today.replace(day=1) + timedelta(days=32)).replace(day=1)
    return {"day": f"1 {first:%b}".lower(), "iso": first.isoformat()}
_TOO_FAR = '"{text}" is too far away; keep due dates within 10 years'

_DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")

WEEKDAYS = {
    "mon": 0, "monday": 0,
    "tue": 1, "tues": 1, "tuesday": 1,
    "wed": 2, "weds": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3,
    "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5,
    "sun": 6, "sunday": 6,
}  # fmt: skip

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9,
    "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip

_ISO = re.compile(r"([0-9]{4})[-/]([0-9]{1,2})[-/]([0-9]{1,2})")
_UNIT = r"(d|days?|w|wks?|weeks?)"
_OFFSET = re.compile(r"(?:in )?\+?([0-9]+) ?" + _UNIT)
_IN_WORDS = re.compile(r"in (" + "|".join(_NUMBER_WORDS) + r") ?" + _UNIT)
_ORDINAL = r"(?:st|nd|rd|th)?"
_DAY_MONTH = re.compile(r"([0-9]{1,2})" + _ORDINAL + r" ?([a-z]+)(?: ([0-9]{4}))?")
_MONTH_DAY = re.compile(r"([a-z]+) ?([0-9]{1,2})" + _ORDINAL + r"(?: ([0-9]{4}))?")
_NUMERIC = re.compile(r"([0-9]{1,2})/([0-9]{1,2})(?:/([0-9]{4}|[0-9]{2}))?")
# A dash joins words ("next-fri", "end-of-week") but is kept where it could be a sign or
# a numeric separator, so "-3d" is refused rather than silently read as "+3d".
_WORD_DASH = re.compile(r"(?<=[a-z])-(?=\S)|(?<=\S)-(?=[a-z])")

# Each parser below returns the dates it found, a message template (with ``{text}``) when
# the text is clearly meant as its form but is wrong, or None when the form does not apply.


@dataclass(frozen=True)
class DateReading:
    """The outcome of reading a typed date: one value, a choice to offer, or an error."""

    value: date | None = None
    candidates: tuple[date, ...] = ()
    error: str | None = None
    past: date | None = None  # with ``error``: the day gone by the text names (a filter may take it)

    @property
    def ok(self) -> bool:
        """True when the text read as exactly one date."""
        return self.value is not None

    @property
    def ambiguous(self) -> bool:
        """True when the user must pick one of ``candidates``."""
        return len(self.candidates) >= 2


def read_date(text: str, today: date, *, hint: str = HINT, future_only: bool = False) -> DateReading:
    """Read ``text`` as a due date relative to ``today``; never raises. ``hint`` ends the
    sentence when the text cannot be read at all: examples written as they are typed there.
    ``future_only`` where a day behind ``today`` is refused whatever its spelling (a carry, a
    snooze): a past word is then not told to be typed as a date, which would be refused too."""
    shown = _shown(text)
    if not shown:
        return DateReading(error="no date given")
    try:
        found = _parse(text, today)
    except (ValueError, OverflowError):
        # Belt and braces: a typo in a live meeting must never crash the app.
        found = None
    if found is None:
        return DateReading(error=f'can\'t read "{shown}" as a date; {hint.format(**example_days(today))}')
    if isinstance(found, _Past) and future_only:
        if found.next_one is not None:  # "1 dec" on 7 Dec: next year's is offered, as a due date's is
            return DateReading(error=found.format(text=shown))
        return DateReading(error=f'"{shown}" is {found.day:%a %d %b %Y}, which has passed; type today or a later day')
    if isinstance(found, _Past):
        return DateReading(error=found.format(text=shown), past=found.day)
    if isinstance(found, str):
        return DateReading(error=found.format(text=shown))
    return _settle(found, today, shown)


_AGO = re.compile(r"^(\d{1,4})\s*(d|day|days|w|wk|wks|week|weeks)\s+ago$")
_WEEKDAY_NAMES = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def read_looking_back(text: str, today: date) -> date | None:
    """``12 weeks ago``, ``30 days ago`` or ``last monday`` (the latest Monday before today):
    the days a report or a filter looks back to. None for any other text."""
    cleaned = " ".join(text.strip().lower().split())
    if match := _AGO.match(cleaned):
        count, unit = int(match.group(1)), match.group(2)
        days = count * (7 if unit.startswith("w") else 1)
        return today - timedelta(days=days) if days <= MAX_DAYS else None
    if cleaned.startswith("last "):
        name = cleaned.removeprefix("last ")
        shorts = [day[:3] for day in _WEEKDAY_NAMES]
        if name in _WEEKDAY_NAMES or (len(name) == 3 and name in shorts):
            target = shorts.index(name[:3])
            return today - timedelta(days=(today.weekday() - target - 1) % 7 + 1)
    return None


def last_day_month(text: str, today: date) -> date | None:
    """``1 dec`` / ``dec 1`` with no year, read looking back: the latest such day on or before
    today (a report's first day); None for any other text, or a day that is not real."""
    norm = _normalise(text)
    match = _DAY_MONTH.fullmatch(norm)
    if match and match.group(2) in MONTHS and match.group(3) is None:
        day, month = int(match.group(1)), MONTHS[match.group(2)]
    else:
        match = _MONTH_DAY.fullmatch(norm)
        if not (match and match.group(1) in MONTHS and match.group(3) is None):
            return None
        day, month = int(match.group(2)), MONTHS[match.group(1)]
    return last_on_or_before(month, day, today) if _possible(month, day) else None


def describe_choice(candidate: date, today: date) -> str:
    """A short label for offering ``candidate``: "today", "tomorrow" or "Fri 27 Nov (in 4 days)"."""
    delta = (candidate - today).days
    if delta == 0:
        return "today"
    if delta == 1:
        return "tomorrow"
    if delta == -1:
        return "yesterday"
    label = f"{_DAY_NAMES[candidate.weekday()]} {candidate.day} {_MONTH_NAMES[candidate.month - 1]}"
    if candidate.year != today.year:
        label += f" {candidate.year}"
    when = f"in {delta} days" if delta > 0 else f"{-delta} days ago"
    return f"{label} ({when})"


def _shown(text: str) -> str:
    """The typed text as it can be quoted back: printable, single-spaced, not too long."""
    # Control characters become "?" rather than vanish, so "\x00fri" is not quoted as "fri".
    printable = "".join(ch if ch.isprintable() or ch.isspace() else "?" for ch in text)
    shown = " ".join(printable.split())
    return shown if len(shown) <= 40 else shown[:39] + "…"


def _normalise(text: str) -> str:
    text = text.strip().lower().replace("_", " ").replace(",", " ")
    text = _WORD_DASH.sub(" ", text).rstrip(".")
    return " ".join(text.split())


def _parse(text: str, today: date) -> list[date] | str | None:
    iso = _ISO.fullmatch(text.strip())
    if iso:
        year, month, day = (int(part) for part in iso.groups())
        found = _make(year, month, day)
        return [found] if found else '"{text}" is not a real date'
    norm = _normalise(text)
    for parser in (_words, _weekday, _offset, _day_month, _numeric):
        found = parser(norm, today)
        if found is not None:
            return found
    return None


def _settle(found: list[date], today: date, shown: str) -> DateReading:
    dates = sorted(set(found))
    if any((d - today).days > MAX_DAYS for d in dates):
        return DateReading(error=_TOO_FAR.format(text=shown))
    if any((today - d).days > MAX_DAYS for d in dates):
        return DateReading(error=f'"{shown}" is too far in the past')
    if len(dates) == 1:
        return DateReading(value=dates[0])
    return DateReading(candidates=tuple(dates))


def _make(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _plus(today: date, days: int) -> date | None:
    try:
        return today + timedelta(days=days)
    except OverflowError:
        return None


class _Past(str):
    """A word that reads as a day gone by: the sentence saying so, and the day (and, for a day
    and month this year's of which went by lately, next year's)."""

    day: date
    next_one: date | None = None


def _past(found: date) -> str:
    said = _Past('"{text}" is in the past; type it as ' + found.isoformat() + " if you really mean it")
    said.day = found
    return said


def _words(norm: str, today: date) -> list[date] | str | None:
    if norm == "today":
        return [today]
    if norm in ("tomorrow", "tmrw", "tmr"):
        return _listed(_plus(today, 1))
    if norm == "yesterday":
        yesterday = _plus(today, -1)
        return _past(yesterday) if yesterday else None
    if norm in ("eow", "end of week", "end of the week"):
        return _listed(_plus(today, (4 - today.weekday()) % 7))
    if norm in ("eom", "end of month", "end of the month"):
        return [today.replace(day=calendar.monthrange(today.year, today.month)[1])]
    if norm == "next week":
        return _listed(_plus(today, 7 - today.weekday()))
    return None


def _listed(*found: date | None) -> list[date] | str:
    # None means date arithmetic left the calendar (only possible near year 1 or 9999).
    return list(found) if all(found) else _TOO_FAR


def _weekday(norm: str, today: date) -> list[date] | str | None:
    prefix, _, name = norm.rpartition(" ")
    if name not in WEEKDAYS or prefix not in ("", "this", "next"):
        return None
    target = WEEKDAYS[name]
    ahead = (target - today.weekday()) % 7  # 0 when today is that weekday
    if prefix == "this" or (prefix == "" and ahead):
        return _listed(_plus(today, ahead))
    if prefix == "":
        # Said on that very weekday, "fri" may mean today or a week out: ask.
        return _listed(today, _plus(today, 7))
    # "next fri" means either the coming Friday or the Friday of next (Monday-based) week;
    # the two coincide once that weekday has passed this week, and then there is no question.
    of_next_week = 7 - today.weekday() + target
    if today.weekday() == 6:  # on a Sunday, next week starts tomorrow (Monday) or today (Sunday): ask
        of_next_week = ahead + 7
    return _listed(_plus(today, ahead or 7), _plus(today, of_next_week))


def _offset(norm: str, today: date) -> list[date] | str | None:
    match = _OFFSET.fullmatch(norm) or _IN_WORDS.fullmatch(norm)
    if not match:
        return None
    amount, unit = match.groups()
    if len(amount) > 6:
        # Checked before int(): very long digit strings are slow or refused by int().
        return _TOO_FAR
    count = _NUMBER_WORDS[amount] if amount in _NUMBER_WORDS else int(amount)
    days = count * (7 if unit.startswith("w") else 1)
    if days > MAX_DAYS:
        return _TOO_FAR
    return _listed(_plus(today, days))


RECENTLY = 60  # days: a day and month this recent is last week's date typed, not next year's


def _this_or_next_year(month: int, day: int, today: date) -> list[date] | str:
    """A day and month with no year: the next one on or after today, unless this year's went by
    lately ("1 dec" on 6 Dec is a slip for last week far more often than a plan for next December)."""
    found = _next_on_or_after(month, day, today)
    last = last_on_or_before(month, day, today)  # this year's, or last year's across new year
    if found is not None and last is not None and 0 < (today - last).days <= RECENTLY:
        said = _Past('"{text}" was ' + f"{last:%a %d %b %Y}, which has passed; for the next one type "
                     + found.isoformat())
        said.day, said.next_one = last, found
        return said
    return _listed(found)


def last_on_or_before(month: int, day: int, today: date) -> date | None:
    """The latest ``day``/``month`` on or before today; a 29 Feb may need a few years back, as
    :func:`_next_on_or_after` looks a few years on."""
    for year in range(today.year, today.year - 9, -1):
        found = _make(year, month, day)
        if found is not None and found <= today:
            return found
    return None


def _next_on_or_after(month: int, day: int, today: date) -> date | None:
    """The next ``day``/``month`` on or after today; a 29 Feb may need a few years."""
    for year in range(today.year, today.year + 9):
        found = _make(year, month, day)
        if found and found >= today:
            return found
    return None


def _possible(month: int, day: int) -> bool:
    # 2000 is a leap year, so 29 Feb counts as possible.
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(2000, month)[1]


def _day_month(norm: str, today: date) -> list[date] | str | None:
    match = _DAY_MONTH.fullmatch(norm)
    if match and match.group(2) in MONTHS:
        day, month, year = int(match.group(1)), MONTHS[match.group(2)], match.group(3)
    else:
        match = _MONTH_DAY.fullmatch(norm)
        if not (match and match.group(1) in MONTHS):
            return None
        day, month, year = int(match.group(2)), MONTHS[match.group(1)], match.group(3)
    if not _possible(month, day):
        return '"{text}" is not a real date'
    if year is None:
        return _this_or_next_year(month, day, today)
    found = _make(int(year), month, day)
    if found is None:
        return '"{text}" is not a real date'
    return [found] if found >= today else _past(found)


def _numeric(norm: str, today: date) -> list[date] | str | None:
    match = _NUMERIC.fullmatch(norm)
    if not match:
        return None
    first, second = int(match.group(1)), int(match.group(2))
    year_text = match.group(3)
    year = None if year_text is None else int(year_text) + (2000 if len(year_text) == 2 else 0)
    found: list[date] = []
    past: list[date] = []
    for month, day in ((second, first), (first, second)):  # d/m, then m/d
        if not _possible(month, day):
            continue
        if year is None:
            when = _next_on_or_after(month, day, today)  # both readings are offered, with their years
        else:
            when = _make(year, month, day)
        if when is None:
            continue
        (found if when >= today else past).append(when)
    found = sorted(set(found))  # 12/12 reads the same both ways: one reading
    if year is None and len(found) == 1:  # one reading, and no year: as "1 dec" is read
        return _this_or_next_year(found[0].month, found[0].day, today)
    if found:
        return found
    if past:
        return _past(max(past))
    return '"{text}" is not a real date'
