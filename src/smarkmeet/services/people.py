"""Finding the one person a user means by a handle or a name."""

from __future__ import annotations

from smarkmeet.domain.models import Person
from smarkmeet.store.log import Log


class PersonLookupError(ValueError):
    """Nobody, or more than one person, matches what was typed."""


def one_person(log: Log, text: str, *, on_team: bool = False) -> Person:
    """The one person ``text`` names: a handle (``mei``, ``@mei``), a name, or the start of one;
    with ``on_team``, one still on the team (or a guest), as the owner of an item must be."""
    matches = log.people.find(text)
    if on_team:
        matches = still_here(matches)
    if not matches:
        meant = " or ".join(f"{person.name} (@{person.handle})" for person in close_to(log, text.strip().lstrip("@")))
        if meant:  # a typo: "grce" for grace
            raise PersonLookupError(f"no one on the team matches '{text}': did you mean {meant}?")
        known = ", ".join(sorted(person.handle for person in log.people.all(include_inactive=True)))
        raise PersonLookupError(f"no one on the team matches '{text}' (known handles: {known or 'none yet'})")
    if len(matches) > 1:
        names = ", ".join(f"{person.name} (@{person.handle})" for person in matches)
        raise PersonLookupError(f"'{text}' matches more than one person: {names}; use a handle")
    return matches[0]


def example_owner(log: Log) -> tuple[str, str]:
    """A handle and first name of someone on this team, for the examples a field shows (an
    example naming "@dana" on a team with no Dana read as a person to look for)."""
    team = sorted(log.people.team(), key=lambda person: person.name.casefold())
    if not team:
        return "name", "Name"
    return team[0].handle, team[0].name.split()[0]


def still_here(matches: list[Person]) -> list[Person]:
    """``matches`` without those who left the team; when only such people match, a
    PersonLookupError says they left (an item given to them would go to no one in the room)."""
    here = [person for person in matches if person.active]
    if matches and not here:
        names = " and ".join(f"{person.name} (@{person.handle})" for person in matches[:3])
        raise PersonLookupError(f"{names} left the team; give it to someone on it "
                                f"(or bring them back: b on the team screen)")
    return here


def close_to(log: Log, handle: str) -> list[Person]:
    """Who ``@handle`` nobody has was likely meant to be (a typo: @jrdan for @jordan), by handle
    or first name, closest first; people who left are not offered."""
    import difflib

    from smarkmeet.store.people import folded

    people = [person for person in log.people.all() if person.active]
    spellings: dict[str, Person] = {}
    for person in people:
        for spelling in (person.handle, folded(person.name.split(" ")[0]), folded(person.name)):
            spellings.setdefault(spelling, person)
    found: list[Person] = []
    # one letter off in a three-letter handle (@mai for @mei) is 0.67; longer ones keep 0.7
    typed = folded(handle)
    for spelling in difflib.get_close_matches(typed, list(spellings), n=6, cutoff=0.6 if len(typed) <= 3 else 0.7):
        if spellings[spelling] not in found:
            found.append(spellings[spelling])
    return found[:3]


def close_names(log: Log, name: str) -> list[Person]:
    """People on the team whose whole name is a near miss of ``name`` (a typo: "Jordan Blak"),
    not the same: a new member named like no one, compared name to name (a first name shared,
    "Jordan Smith", is no typo)."""
    import difflib

    from smarkmeet.store.people import folded

    typed = folded(" ".join(name.split()))
    by_name = {folded(person.name): person for person in log.people.all() if person.active}
    return [by_name[found] for found in difflib.get_close_matches(typed, list(by_name), n=3, cutoff=0.85)
            if found != typed]
