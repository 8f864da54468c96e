"""The quick-add line for action items: ``Send webinar list to sales @dana due:fri``.

The line is split on whitespace. A word that is exactly ``@handle`` names the owner; a word
starting with ``due:`` carries the due date, either as the rest of that word (``due:fri``)
or as a quoted string (``due:"next friday"``). Every other word is the title, in order,
single-spaced. Parsing never raises: whatever is wrong is reported in ``problems`` as
sentences the facilitator can act on, and the rest of the line is still parsed.

The due text is kept raw here; ``with_due`` reads it with ``dates.read_date``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from smarkmeet.domain.dates import DateReading, read_date
from smarkmeet.domain.inert import inert

# An owner word: "@" and word characters (any script: "@Zoë" names Zoë Müller, whose handle is
# zoe, as the CLI's --owner @Zoë does), allowing trailing sentence punctuation so that
# "ask @dana." or "@dana, @sam" still read as handles. The lazy handle leaves trailing dots
# to the punctuation group.
# "@@leo" is "@leo": the line a note turns into starts "… @" and "@leo" was typed after it.
_OWNER_WORD = re.compile(r"@+([\w.-]+?)[.,;:!?]*")
# The same rule as ``models.Handle``, for an owner with its accents dropped (``as_handle``).
_VALID_HANDLE = re.compile(r"[a-z0-9][a-z0-9._-]{0,31}")

NO_TITLE = "the item needs a title"
MOST_DUE_WORDS = 3  # an unquoted due: date read over at most this many words ("due:in 2 weeks")
# the examples as they are typed in a line: a date of two words is quoted
LINE_DATE_HINT = 'try due:fri, due:tomorrow, due:+3d, due:"{day}" or due:{iso}'  # see dates.HINT
EMPTY_DUE = "due: needs a date, e.g. due:fri"
HANDLE_RULE = "use a-z, 0-9, '.', '_' or '-', start with a letter or digit, 32 characters at most"


def as_handle(text: str) -> str:
    """``text`` with its accents dropped ("zoë" → "zoe", "tomás" → "tomas"). Only accent marks go:
    a letter with no plain form ("søren", "łukasz") stays, and is no handle (never "sren")."""
    if text.isascii():
        return text
    return "".join(char for char in unicodedata.normalize("NFKD", text) if not unicodedata.combining(char))


@dataclass(frozen=True)
class QuickAdd:
    """A parsed quick-add line. ``problems`` is empty when the line is well-formed."""

    title: str
    owner: str | None = None
    due_text: str | None = None
    problems: tuple[str, ...] = ()
    # the title words right after an unquoted due: word, up to two ("fri" in "due:next fri",
    # "2 weeks" in "due:in 2 weeks"): a date of several words typed without its quotes
    due_next: tuple[str, ...] = field(default=(), compare=False)
    due_next_at: int | None = field(default=None, compare=False)  # where the first is in title_words
    # the title's words, and how many of them came before the owner: "@Mei Chen" may go on
    # with the rest of a name, which the log knows (services.wrapup takes it off the title)
    title_words: tuple[str, ...] = field(default=(), compare=False)
    owner_at: int | None = field(default=None, compare=False)

    @property
    def ok(self) -> bool:
        """True when nothing needs fixing before the item can be saved."""
        return not self.problems


def parse_quick_add(line: str) -> QuickAdd:
    """Split a quick-add ``line`` into title, owner handle and raw due text; never raises."""
    words: list[str] = []
    owners: list[str] = []  # handles, lowercased, in order of appearance
    owner_words: list[str] = []  # as typed, for the problem sentence
    dues: list[str] = []  # the whole due: words as typed
    due_values: list[str] = []
    problems: list[str] = []

    due_next: list[str] = []
    due_next_at: int | None = None
    owner_at: int | None = None
    after_bare_due = False
    for start, end, quoted in _words(line):
        word = line[start:end]
        follows_bare_due, after_bare_due = after_bare_due, False
        if word[:4].lower() == "due:":
            after_bare_due = not quoted and len(dues) == 0
            dues.append(word)
            value = word[4:]
            if quoted:
                closed = len(value) >= 2 and value.endswith(value[0])
                if not closed:
                    problems.append(f"the quote after due: is never closed ({word})")
                value = value[1:-1] if closed else value[1:]
            due_values.append(value.strip())
            continue
        match = _OWNER_WORD.fullmatch(word)
        if match is None:
            words.append(word)
            if follows_bare_due:
                due_next.append(word)
                if due_next_at is None:
                    due_next_at = len(words) - 1
                after_bare_due = len(due_next) < MOST_DUE_WORDS - 1
            continue
        handle = match.group(1).lower()
        if not _VALID_HANDLE.fullmatch(as_handle(handle)):
            # Left in the title so nothing typed is lost, but flagged: it was surely meant
            # as an owner.
            problems.append(f"{word} is not a handle: {HANDLE_RULE}")
            words.append(word)
            continue
        if handle not in owners:
            owners.append(handle)
            owner_words.append(f"@{handle}")
            if owner_at is None:
                owner_at = len(words)

    if len(owners) > 1:
        problems.append(f"more than one owner ({', '.join(owner_words)}); keep one")
    if len(dues) > 1:
        problems.append(f"more than one due date ({', '.join(dues)}); keep one")
    if any(not value for value in due_values):
        problems.append(EMPTY_DUE)
    if words and words[-1] == "@":  # such a line's "@" (the owner typed after a space, or not yet): not the title's
        words.pop()
    title = " ".join(" ".join(words).split())
    if not title:
        problems.append(NO_TITLE)
    due_text = next((value for value in due_values if value), None)
    return QuickAdd(
        title=title,
        owner=owners[0] if owners else None,
        due_text=due_text,
        due_next=tuple(due_next) if due_text is not None else (),
        due_next_at=due_next_at if due_text is not None else None,
        title_words=tuple(words), owner_at=owner_at,
        # the sentences quote what was typed: an escape sequence in it is shown, not obeyed
        problems=tuple(inert(problem) for problem in problems),
    )


def _meant(parsed: QuickAdd, today: date) -> tuple[str, int] | None:
    """The date of several words an unquoted ``due:`` starts ("next fri", "in 2 weeks"), and how
    many title words it takes: the most that read as a date ("1 mar 2028", not "1 mar" with 2028
    left in the title); None if none do."""
    for taken in range(len(parsed.due_next), 0, -1):
        meant = " ".join((parsed.due_text or "", *parsed.due_next[:taken]))
        if read_date(meant, today, hint=LINE_DATE_HINT).error is None:
            return meant, taken
    return None


def with_two_word_due(parsed: QuickAdd, today: date) -> QuickAdd:
    """``due:next fri`` or ``due:in 2 weeks`` typed without quotes: when the first word is no
    date and it reads as one with the words after it, those are the date's, not the title's
    ("Send deck fri" with a due date refused)."""
    if parsed.due_text is None or not parsed.due_next or parsed.due_next_at is None:
        return parsed
    if read_date(parsed.due_text, today, hint=LINE_DATE_HINT).error is None:
        return parsed
    found = _meant(parsed, today)
    if found is None:
        return parsed
    meant, taken = found
    words = list(parsed.title_words)
    del words[parsed.due_next_at:parsed.due_next_at + taken]
    title = " ".join(" ".join(words).split())
    if not title:  # the words were all of the title: left to the quotes' advice
        return parsed
    owner_at = parsed.owner_at
    if owner_at is not None and parsed.due_next_at < owner_at:
        owner_at -= taken
    return replace(parsed, title=title, title_words=tuple(words), owner_at=owner_at, due_text=meant,
                   due_next=(), due_next_at=None)


def with_due(parsed: QuickAdd, today: date) -> DateReading | None:
    """Read ``parsed.due_text`` as a date relative to ``today``; None when no due date was typed."""
    if parsed.due_text is None:
        return None
    reading = read_date(parsed.due_text, today, hint=LINE_DATE_HINT)
    if reading.error is None or not parsed.due_next:
        return reading
    # "due:next fri": the date meant is likely several words, and only the first was taken
    found = _meant(parsed, today)
    if found is not None:
        return DateReading(error=f'can\'t read "{inert(parsed.due_text)}" as a date; a date of several words '
                                 f'goes in quotes: due:"{inert(found[0])}"')
    return read_date(f"{parsed.due_text} {parsed.due_next[0]}", today, hint=LINE_DATE_HINT)  # names both
    # words: "next blursday", not just "next"


def _words(line: str) -> Iterator[tuple[int, int, bool]]:
    """Yield ``(start, end, quoted)`` for each word of ``line``.

    Words are split on whitespace, except that a ``due:`` word opening with a quote runs to
    the matching quote (or the end of the line), spaces included.
    """
    pos, size = 0, len(line)
    while pos < size:
        while pos < size and line[pos].isspace():
            pos += 1
        if pos >= size:
            return
        start = pos
        quoted = line[pos : pos + 4].lower() == "due:" and line[pos + 4 : pos + 5] in ("'", '"')
        if quoted:
            # Anything glued after the closing quote starts a new word rather than being
            # silently swallowed into the date.
            closing = line.find(line[pos + 4], pos + 5)
            pos = size if closing == -1 else closing + 1
        else:
            while pos < size and not line[pos].isspace():
                pos += 1
        yield start, pos, quoted
