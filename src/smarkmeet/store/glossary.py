"""The team's glossary, every definition kept as a revision."""

from __future__ import annotations

from typing import TYPE_CHECKING

from smarkmeet.domain.models import GlossaryRevision, GlossaryTerm

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
                entry = existing.model_copy(update={"definition": definition, "revision": existing.revision + 1})
                GlossaryTerm.model_validate(entry.model_dump())
                self.log.update(
                    "glossary_terms", entry.id,
                    {"definition": definition, "revision": entry.revision, "updated_at": now},
                    meeting_id=meeting_id,
                )
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
