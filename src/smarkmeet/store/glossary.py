"""The team's glossary, every definition kept as a revision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smarkmeet.domain.models import GlossaryRevision, GlossaryTerm
from smarkmeet.store.base import validated_fields

if TYPE_CHECKING:
    from smarkmeet.store.log import Log


class GlossaryStore:
    def __init__(self, log: "Log") -> None:
        self.log = log

    def define(
        self, term: str, definition: str, *, changed_by: str | None = None, meeting_id: str | None = None
    ) -> GlossaryTerm:
        """Add a term, or give an existing one a new definition as its next revision."""
        now = self.log.clock.now()
        existing = self.get(term)
        with self.log.transaction():
            if existing is None:
                entry = self.log.insert("glossary_terms", GlossaryTerm(term=term, definition=definition, updated_at=now))
            else:
                # written as the model holds it (stripped, control characters made visible), as the
                # first definition was by the insert above and the revision is below
                fields = validated_fields(GlossaryTerm, {"definition": definition, "revision": existing.revision + 1,
                                                         "updated_at": now})
                entry = existing.model_copy(update=fields)
                self.log.update("glossary_terms", entry.id, fields, meeting_id=meeting_id)
            self.log.insert(
                "glossary_revisions",
                GlossaryRevision(
                    term_id=entry.id, revision=entry.revision, definition=definition,
                    changed_at=now, changed_by=changed_by, meeting_id=meeting_id,
                ),
            )
        return entry

    def get(self, term: str) -> GlossaryTerm | None:
        row = self.log.one("SELECT * FROM glossary_terms WHERE term = ? COLLATE NOCASE", [term.strip()])
        return None if row is None else GlossaryTerm.model_validate(row)

    def all(self) -> list[GlossaryTerm]:
        rows = self.log.rows("SELECT * FROM glossary_terms ORDER BY term COLLATE NOCASE")
        return [GlossaryTerm.model_validate(row) for row in rows]

    def revisions(self, term_id: str) -> list[GlossaryRevision]:
        rows = self.log.rows("SELECT * FROM glossary_revisions WHERE term_id = ? ORDER BY revision", [term_id])
        return [GlossaryRevision.model_validate(row) for row in rows]
