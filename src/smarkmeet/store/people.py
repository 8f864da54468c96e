"""People, attendance and meeting ratings."""

from __future__ import annotations

import unicodedata

from smarkmeet.domain.models import Attendance, Person, Rating
from smarkmeet.store.base import TableStore


class PeopleStore(TableStore[Person]):
    table = "people"
    model = Person

    def all(self, *, include_inactive: bool = False) -> list[Person]:
        where = "" if include_inactive else "WHERE active = 1"
        rows = self.log.rows(f"SELECT * FROM people {where} ORDER BY side, name, id")
        return [Person.model_validate(row) for row in rows]

    def team(self) -> list[Person]:
        """Active members of the two teams, without guests."""
        return [person for person in self.all() if not person.guest]

    def by_handle(self, handle: str) -> Person | None:
        row = self.log.one("SELECT * FROM people WHERE handle = ?", [handle.lower().lstrip("@")])
        return None if row is None else Person.model_validate(row)

    def named_exactly(self, text: str) -> Person | None:
        """The person ``text`` names exactly: a handle, else the one person with that full name (any
        case, any spacing)."""
        needle = text.strip().lstrip("@")
        if not needle:
            return None
        person = self.by_handle(needle)
        if person is not None:
            return person
        named = same_name(self.all(include_inactive=True), needle)
        return named[0] if len(named) == 1 else None

    def find(self, text: str) -> list[Person]:
        """People matching ``text`` by exact handle, else by a name, handle or word prefix (any case).

        Matched in Python, not with SQLite's ``lower()``/``LIKE``, which fold ASCII letters only:
        "élodie" must find Élodie. What was typed is matched literally (no wildcards)."""
        needle = folded(text.strip().lstrip("@"))
        if not needle:
            return []
        exact = self.by_handle(needle)
        if exact is not None:
            return [exact]
        # the name, or any word of it, starts with what was typed (a name equal to it does too)
        found = [person for person in self.all(include_inactive=True)
                 if person.handle.startswith(needle) or f" {needle}" in f" {folded(person.name)}"]
        # a whole name typed is that person, though it starts another's ("Jordan Blak", "Jordan Blake")
        whole = [person for person in found if folded(person.name) == needle]
        return sorted(whole or found, key=lambda person: (person.name, person.id))

    # -- attendance -------------------------------------------------------------

    def set_attendance(self, meeting_id: str, person_id: str, present: bool) -> None:
        row = self.log.one(
            "SELECT id FROM attendance WHERE meeting_id = ? AND person_id = ?", [meeting_id, person_id]
        )
        if row is None:
            self.log.insert("attendance", Attendance(meeting_id=meeting_id, person_id=person_id, present=present))
        else:
            self.log.update("attendance", row["id"], {"present": present}, meeting_id=meeting_id)

    def attendance(self, meeting_id: str) -> dict[str, bool]:
        """person id → present, for everyone whose attendance was taken."""
        rows = self.log.rows("SELECT person_id, present FROM attendance WHERE meeting_id = ?", [meeting_id])
        return {row["person_id"]: bool(row["present"]) for row in rows}

    # -- ratings ----------------------------------------------------------------

    def rate(self, meeting_id: str, person_id: str, score: int, comment: str = "") -> Rating:
        existing = self.log.one(
            "SELECT * FROM ratings WHERE meeting_id = ? AND person_id = ?", [meeting_id, person_id]
        )
        if existing is None:
            rating = Rating(
                meeting_id=meeting_id, person_id=person_id, score=score, comment=comment,
                given_at=self.log.clock.now(),
            )
            return self.log.insert("ratings", rating)
        rating = Rating.model_validate({**existing, "score": score, "comment": comment})
        self.log.update("ratings", rating.id, {"score": rating.score, "comment": rating.comment}, meeting_id=meeting_id)
        return rating

    def ratings(self, meeting_id: str) -> dict[str, int]:
        rows = self.log.rows("SELECT person_id, score FROM ratings WHERE meeting_id = ?", [meeting_id])
        return {row["person_id"]: row["score"] for row in rows}


def same_name(people: list[Person], name: str) -> list[Person]:
    """Those of ``people`` with ``name``: in any case and spacing, accents or none — but where a
    log holds both Tomás Ruiz and Tomas Ruiz (added before accents were folded), the one written
    as typed is the one meant."""
    wanted = folded(name)
    found = [person for person in people if folded(person.name) == wanted]
    if len(found) > 1:
        as_typed = " ".join(name.split()).casefold()
        exact = [person for person in found if " ".join(person.name.split()).casefold() == as_typed]
        found = exact or found
    return found


def folded(text: str) -> str:
    """A name as compared: any case, any run of spaces as one, accents or none ("tomas ruiz" is
    Tomás Ruiz typed on a keyboard without them, as search already reads it)."""
    decomposed = unicodedata.normalize("NFKD", " ".join(text.split()).casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
