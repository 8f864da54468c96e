"""Wrap-up: new action items from a quick-add line, ratings, the summary."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from pydantic import ValidationError

from smarkmeet.domain.enums import MeetingKind
from smarkmeet.domain.errors import describe
from smarkmeet.domain.models import ActionItem, Meeting, Person
from smarkmeet.domain.views import ActionRow
from smarkmeet.services.meeting import MeetingError
from smarkmeet.services.people import PersonLookupError, example_owner, still_here
from smarkmeet.store.log import Log


@dataclass(frozen=True)
class QuickAddOutcome:
    """What became of a quick-add line: an item, or what must be fixed or chosen first."""

    item: ActionItem | None = None
    problems: tuple[str, ...] = ()
    owner_choices: tuple[Person, ...] = ()  # the @name matches several people: ask which
    unknown_owner: str | None = None  # nobody matches: offer to add them
    # "@Kwame Mensah": the capitalised word after an unknown owner, read as their surname (offered
    # first; once added under the whole name, the word leaves the title as a known name's does)
    unknown_name: str | None = None
    # "@lena park": a word in lower case there may be a surname or the title's ("@lena review"):
    # offered last, under the whole name ("Lena Park"), the first name alone first
    maybe_name: str | None = None
    date_choices: tuple[date, ...] = ()  # the due date reads two ways: ask which


class RatingError(ValueError):
    pass


def name_from_handle(handle: str) -> str:
    """The name an unknown ``@ann.lee`` is offered to be added as: Ann Lee."""
    return handle.replace(".", " ").replace("_", " ").title()


def counting_day(meeting: Meeting, today: date) -> date:
    """The day a meeting's relative dates count from (due:fri, +3d, tomorrow): the meeting's own
    day when it is dated ahead of today (planned for Monday, run on the Friday before: "fri" was
    the Friday before the meeting, its items due before they were set), else today."""
    return max(today, meeting.scheduled_for)


def next_meeting_day(meeting: Meeting) -> date:
    return meeting.scheduled_for + timedelta(days=28 if meeting.kind is MeetingKind.MONTHLY else 7)


def add_from_line(
    log: Log, meeting: Meeting, line: str, *, section_id: str | None = None, owner_id: str | None = None,
    due: date | None = None,
) -> QuickAddOutcome:
    """Create an action item from ``Title @owner due:fri``; nothing is written unless it is complete.

    ``owner_id`` and ``due`` carry the facilitator's answers to a previous outcome's question.
    Without ``due:``, the item is due at the next meeting.
    """
    from smarkmeet.domain.quickadd import parse_quick_add, with_due, with_two_word_due

    today = counting_day(meeting, log.clock.today())
    parsed = _with_whole_name(log, with_two_word_due(parse_quick_add(line), today))
    if parsed.problems:
        return QuickAddOutcome(problems=parsed.problems)
    # A date that cannot be read is reported before anyone is asked anything.
    reading = with_due(parsed, today) if due is None else None
    if reading is not None and reading.error:
        return QuickAddOutcome(problems=(reading.error,))
    owner: Person | None = log.people.get(owner_id) if owner_id else None
    if owner is None:
        if not parsed.owner:
            return QuickAddOutcome(problems=(f"who owns it? add @name, e.g. @{example_owner(log)[0]}",))
        matches, spelt = log.people.find(parsed.owner), False
        if not matches:  # @ann.lee may still be Ann Lee, on the team as @ann: asked, never guessed
            named = log.people.named_exactly(name_from_handle(parsed.owner))
            if named is None:
                return QuickAddOutcome(unknown_owner=parsed.owner, unknown_name=_name_going_on(parsed),
                                       maybe_name=_name_going_on(parsed, lower=True))
            matches, spelt = [named], True
        try:
            matches = still_here(matches)
        except PersonLookupError as error:
            return QuickAddOutcome(problems=(str(error),))
        if len(matches) > 1 or spelt:
            return QuickAddOutcome(owner_choices=tuple(matches))
        owner = matches[0]
    if due is None:
        if reading is None:
            due = next_meeting_day(meeting)
        elif reading.ambiguous:
            return QuickAddOutcome(date_choices=reading.candidates)
        else:
            due = reading.value
    item = log.actions.add(ActionItem(
        title=parsed.title, owner_id=owner.id, side=owner.side, due_date=due, origin_meeting_id=meeting.id,
        origin_section_id=section_id, created_at=log.clock.now(),
    ))
    return QuickAddOutcome(item=item)


_NOT_A_SURNAME = frozenset(
    ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mon", "tue", "wed", "thu", "fri",
     "sat", "sun", "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
     "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
     "december", "i", "asap", "eod", "eow"])


# words in lower case that go on a title, never a surname ("@lena to review the deck")
_TITLE_WORDS = frozenset(["a", "an", "the", "to", "and", "or", "for", "of", "on", "in", "at", "by", "with", "from",
                          "about", "re", "before", "after", "via", "per", "then", "also", "again", "today",
                          "tomorrow", "tonight", "next", "this", "week", "month", "later", "now", "soon"])


def _name_going_on(parsed, *, lower: bool = False) -> str | None:
    """"Kwame Mensah" for ``Book venue @Kwame Mensah``: a capitalised word straight after an owner
    nobody matches, not a day or a month, with a title left without it; None otherwise. With
    ``lower``, a word in lower case there instead (``@lena park``: "Lena Park")."""
    if parsed.owner_at is None or parsed.owner_at >= len(parsed.title_words) or len(parsed.title_words) < 2:
        return None
    if lower and any(mark in parsed.owner for mark in "._"):  # @lena.park: the handle holds the surname
        return None
    word = parsed.title_words[parsed.owner_at]
    plain = word.replace("-", "").replace("'", "")
    if not (plain.isalpha() and (word.islower() if lower else word[:1].isupper())
            and word.casefold() not in _NOT_A_SURNAME and not (lower and word in _TITLE_WORDS)):
        return None
    return f"{name_from_handle(parsed.owner)} {name_from_handle(word) if lower else word}"


def _with_whole_name(log: Log, parsed):
    """``@Mei Chen``: the words after the owner that go on through one person's whole name (up
    to three) are the owner's, not the title's ("Order booth swag Chen")."""
    if not parsed.owner or parsed.owner_at is None:
        return parsed
    words = list(parsed.title_words)
    following = []
    for word in words[parsed.owner_at:parsed.owner_at + 3]:
        if not word.replace("-", "").replace("'", "").isalnum():  # a quoted phrase, punctuation: a title's
            break
        following.append(word)
    for count in range(len(following), 0, -1):
        if count < len(words) and len(log.people.find(" ".join([parsed.owner, *following[:count]]))) == 1:
            del words[parsed.owner_at:parsed.owner_at + count]  # (never the whole title)
            title = " ".join(" ".join(words).split())
            return replace(parsed, title=title, title_words=tuple(words),
                           owner=" ".join([parsed.owner, *following[:count]]))
    return parsed


def items_added_in(log: Log, meeting: Meeting) -> list[ActionRow]:
    return log.actions.originating_in(meeting.id)


def rate(log: Log, meeting: Meeting, person_id: str, text: str) -> int:
    """Record one attendee's rating; ``text`` must be a whole number from 1 to 10."""
    try:
        score = int(text.strip())
    except ValueError:
        raise RatingError(f"“{text.strip()}” is not a rating: type a whole number from 1 to 10") from None
    if not 1 <= score <= 10:
        raise RatingError(f"{score} is outside 1–10")
    log.people.rate(meeting.id, person_id, score)
    return score


def set_summary(log: Log, meeting: Meeting, summary: str) -> None:
    """Save the meeting's summary by the rules of ``Meeting.summary`` (stripped, control characters
    made visible); a summary those rules refuse raises :class:`MeetingError` in words and nothing
    is written — a stored summary the model cannot read back would lock the meeting away for good."""
    try:
        log.meetings.update(meeting.id, {"summary": summary})
    except ValidationError as error:
        raise MeetingError(_summary_refused(error, summary.strip())) from None


def _summary_refused(error: ValidationError, summary: str) -> str:
    for problem in error.errors():
        if problem["type"] == "string_too_long":
            limit = problem["ctx"]["max_length"]
            return (f"Summary not saved: it is {len(summary):,} characters long and a summary holds at most "
                    f"{limit:,}. Shorten it and press Enter again.")
    return f"Summary not saved: {describe(error)}"
