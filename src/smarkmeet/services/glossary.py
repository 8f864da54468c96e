"""The team's common language: defining terms, reading their history, spotting them in text.

A definition is never overwritten: each change is a new revision, stamped with who made it
and, in a live meeting, which meeting agreed it. :func:`find_terms` is pure, so the TUI can
ask "which defined terms are on this screen?" without touching the log.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from difflib import get_close_matches
from functools import lru_cache

from smarkmeet.domain.models import GlossaryTerm
from smarkmeet.store.log import Log

MAX_TERM_LENGTH = 80  # as the log's model allows
MAX_DEFINITION_LENGTH = 2000


class GlossaryError(Exception):
    """A term or definition that cannot be taken, said in words."""


@dataclass(frozen=True)
class Defined:
    """What :func:`define_term` did: added a term, revised it, or found it unchanged."""

    term: GlossaryTerm
    created: bool
    changed: bool

    def describe(self) -> str:
        if self.created:
            return f"Added “{self.term.term}” to the glossary"
        if not self.changed:
            return f"“{self.term.term}” unchanged: that is already its definition (revision {self.term.revision})"
        return f"“{self.term.term}” redefined: revision {self.term.revision}"


@dataclass(frozen=True)
class RevisionLine:
    """One revision of a definition, with the names a reader needs."""

    revision: int
    definition: str
    changed_at: datetime
    changed_by: str | None  # the person's name
    meeting: str | None  # "Weekly smarketing meeting, Mon 23 Nov 2026"


# -- writing ------------------------------------------------------------------


def clean_term(text: str) -> str:
    """The term as stored: one line, single spaces; a reason in words when it cannot be a term."""
    term = " ".join(text.split())
    if not term:
        raise GlossaryError("type the term to define, e.g. MQL")
    if len(term) > MAX_TERM_LENGTH:
        raise GlossaryError(f"A term is at most {MAX_TERM_LENGTH} characters; this one has {len(term)}.")
    if not any(char.isalnum() for char in term):
        raise GlossaryError(f"“{term}” has no letter or digit; a term needs at least one.")
    return term


def clean_definition(term: str, text: str) -> str:
    """The definition as stored: surrounding space trimmed, runs of spaces and line breaks made one space."""
    definition = " ".join(text.split())
    if not definition:
        raise GlossaryError(f"type what “{term}” means")
    if len(definition) > MAX_DEFINITION_LENGTH:
        raise GlossaryError(
            f"A definition is at most {MAX_DEFINITION_LENGTH} characters; this one has {len(definition)}."
        )
    return definition


def define_term(
    log: Log, term: str, definition: str, *, changed_by: str | None = None, adding: bool = False
) -> Defined:
    """Add ``term``, or give it a new revision; an identical definition changes nothing.

    With ``adding``, a term that is already defined is refused rather than revised. In a
    live meeting the revision records the meeting, and — unless ``changed_by`` names
    someone — its facilitator as the person who made the change.
    """
    name = clean_term(term)
    existing = log.glossary.get(name)
    if adding and existing is not None:
        raise GlossaryError(f"“{existing.term}” is already defined; edit it to write a new definition.")
    if existing is None and (same := _the_same_term(name, all_terms(log))) is not None:
        # "mqls" beside MQL: F2 on "MQLs delivered" showed both, with two definitions
        raise GlossaryError(f"“{name}” is “{same.term}” written another way (a plural or a possessive), which "
                            f"the glossary already finds as {same.term}: edit {same.term} instead.")
    text = clean_definition(name, definition)
    if existing is not None and " ".join(existing.definition.split()) == text:
        return Defined(existing, created=False, changed=False)
    meeting_id = log.active_meeting_id
    if changed_by is None and meeting_id is not None:
        changed_by = log.meetings.get(meeting_id).facilitator_id
    entry = log.glossary.define(existing.term if existing else name, text, changed_by=changed_by,
                                meeting_id=meeting_id)
    return Defined(log.glossary.get(entry.term) or entry, created=existing is None, changed=True)


def _forms(term: str) -> set[str]:
    """``term`` and the plural and possessive forms running text gives it, in any case: MQL,
    MQLs, MQL's; lead, leads; opportunity, opportunities (never "sales" for SAL: an acronym's
    plural is its letters and an s)."""
    folded = term.casefold()
    forms = {folded, folded + "s", folded + "'s", folded + "’s"}
    if not is_acronym(term):
        forms.add(folded + "es")
        if folded.endswith("y") and len(folded) > 1:
            forms.add(folded[:-1] + "ies")
    return forms


def _the_same_term(name: str, terms: Iterable[GlossaryTerm]) -> GlossaryTerm | None:
    """The defined term ``name`` is only another form of (or that is one of ``name``'s)."""
    for entry in terms:
        if name.casefold() in _forms(entry.term) or entry.term.casefold() in _forms(name):
            return entry
    return None


# -- reading ------------------------------------------------------------------


def all_terms(log: Log) -> list[GlossaryTerm]:
    """Every term, alphabetically (any case)."""
    return log.glossary.all()


def get_term(log: Log, term: str) -> GlossaryTerm:
    """The term called ``term`` (any case), or a :class:`GlossaryError` naming close ones."""
    entry = log.glossary.get(term)
    if entry is not None:
        return entry
    terms = all_terms(log)
    said = [t for t in terms if _said_as(t.term.strip(), term.strip())]
    if len(said) == 1:
        return said[0]
    by_name = {t.term.lower(): t.term for t in terms}
    close = [t.term for t in filter_terms(terms, term)][:5] or [
        by_name[name] for name in get_close_matches(term.strip().lower(), list(by_name), n=5)]
    if close:
        hint = "did you mean " + ", ".join(close) + "?"
    elif terms:
        hint = "known terms: " + ", ".join(t.term for t in terms[:12]) + ("…" if len(terms) > 12 else "")
    else:
        hint = "the glossary is empty"
    raise GlossaryError(f"no term “{term.strip()}” in the glossary ({hint})")


def _said_as(term: str, typed: str) -> bool:
    """Whether ``typed`` is ``term`` as a sentence says it ("opportunities", "closed loop", "MQLs"):
    a word in any case; an acronym in capitals as F2 finds it, or in any case with only a plural
    or possessive added ("mqls"): not "sales" for SAL."""
    if term_pattern(term).fullmatch(typed):
        return True
    if is_acronym(term):
        return typed.casefold() in {term.casefold() + ending for ending in ("", "s", "'s", "’s")}
    return False


def history(log: Log, term: GlossaryTerm) -> list[RevisionLine]:
    """Every revision of ``term``'s definition, newest first, with who and which meeting."""
    people: dict[str, str | None] = {}
    meetings: dict[str, str | None] = {}
    lines = []
    for revision in reversed(log.glossary.revisions(term.id)):
        who = None
        if revision.changed_by:
            if revision.changed_by not in people:
                people[revision.changed_by] = _person_name(log, revision.changed_by)
            who = people[revision.changed_by]
        where = None
        if revision.meeting_id:
            if revision.meeting_id not in meetings:
                meetings[revision.meeting_id] = _meeting_label(log, revision.meeting_id)
            where = meetings[revision.meeting_id]
        lines.append(RevisionLine(revision.revision, revision.definition, revision.changed_at, who, where))
    return lines


def _person_name(log: Log, person_id: str) -> str | None:
    try:
        return log.people.get(person_id).name
    except LookupError:
        return None


def _meeting_label(log: Log, meeting_id: str) -> str | None:
    try:
        meeting = log.meetings.get(meeting_id)
    except LookupError:
        return None
    return f"{meeting.title}, {meeting.scheduled_for:%a %d %b %Y}"


def filter_terms(terms: Sequence[GlossaryTerm], query: str) -> list[GlossaryTerm]:
    """Terms whose name or definition holds every word of ``query`` (any case); name matches first."""
    words = query.lower().split()
    if not words:
        return list(terms)
    named, described = [], []
    for entry in terms:
        name = entry.term.lower()
        if all(word in name for word in words):
            named.append(entry)
        elif all(word in f"{name} {entry.definition.lower()}" for word in words):
            described.append(entry)
    return named + described


def terms_in_text(log: Log, text: str) -> list[GlossaryTerm]:
    """The defined terms that occur in ``text``, alphabetically."""
    terms = all_terms(log)
    found = set(find_terms(text, [entry.term for entry in terms]))
    return [entry for entry in terms if entry.term in found]


# -- spotting terms in text ---------------------------------------------------

# Plural and possessive endings a term may carry in running text: MQLs, SAL's, leads, SLAs’.
_ENDING = r"(?:e?[sS]|'s|’s|s'|s’)?"
_SEPARATOR = r"[\s\-–—/]+"


def is_acronym(term: str) -> bool:
    """True for terms like MQL, B2B or CRM ID: every letter a capital, at least two of them."""
    letters = [char for char in term if char.isalpha()]
    return len(letters) >= 2 and all(char.isupper() for char in letters)


@lru_cache(maxsize=2048)
def term_pattern(term: str) -> re.Pattern[str]:
    """How ``term`` is recognised: as a whole word or acronym, with a plural or possessive ending.

    Words match in any case ("lead", "Leads"); acronyms only in capitals ("SQLs", not "sql"),
    so an acronym does not fire on an ordinary word or a name ("Sal"). The words of a
    multi-word term may be joined by spaces, hyphens or slashes ("closed loop", "closed-loop").
    """
    words = [re.escape(part) for part in re.split(r"[\s\-–—/]+", term.strip()) if part]
    body = _SEPARATOR.join(words)
    last = words[-1] if words else ""
    if not is_acronym(term) and last.endswith("y") and len(last) > 1:
        body = body[:-1] + "(?:y|ies)"  # opportunity → opportunities
    start = r"(?<!\w)" if term[:1].isalnum() else ""
    end = r"(?!\w)" if term.strip()[-1:].isalnum() else ""
    flags = 0 if is_acronym(term) else re.IGNORECASE
    return re.compile(f"{start}{body}{_ENDING}{end}", flags)


def find_terms(text: str, terms: Iterable[str]) -> list[str]:
    """The ``terms`` that occur in ``text``, each once, in the order given."""
    found: list[str] = []
    seen: set[str] = set()
    for term in terms:
        key = term.strip().lower()
        if not key or key in seen:
            continue
        if term_pattern(term.strip()).search(text):
            found.append(term)
            seen.add(key)
    return found


def person_id_for(log: Log, text: str) -> str:
    """The id of the one person ``text`` names (handle or name), for ``define --by``."""
    from smarkmeet.services.people import PersonLookupError, one_person

    try:
        return one_person(log, text, on_team=True).id
    except PersonLookupError as error:
        raise GlossaryError(str(error)) from None
