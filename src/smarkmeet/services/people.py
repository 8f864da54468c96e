"""Finding the one person a user means by a handle or a name."""

from __future__ import annotations

from smarkmeet.domain.models import Person
from smarkmeet.store.log import Log


class PersonLookupError(ValueError):
    """Nobody, or more than one person, matches what was typed."""


def one_person(log: Log, text: str) -> Person:
    """The one person ``text`` names: a handle (``mei``, ``@mei``), a name, or the start of one."""
    matches = log.people.find(text)
    if not matches:
        known = ", ".join(sorted(person.handle for person in log.people.all(include_inactive=True)))
        raise PersonLookupError(f"no one on the team matches '{text}' (known handles: {known or 'none yet'})")
    if len(matches) > 1:
        names = ", ".join(f"{person.name} (@{person.handle})" for person in matches)
        raise PersonLookupError(f"'{text}' matches more than one person: {names}; use a handle")
    return matches[0]
