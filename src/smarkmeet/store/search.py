"""Full-text search over what the team wrote (the ``search`` FTS5 index of log format 3)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from smarkmeet.store.actions import fts_prefix_query

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

# Kinds in the order results are grouped, with how a person calls them.
KINDS: dict[str, str] = {
    "action": "Action items",
    "note": "Criticism notes",
    "followup": "Criticism follow-ups",
    "meeting": "Meetings",
    "verdict": "Lead comments",
    "glossary": "Glossary",
}
COUNT_CAP = 10_000
SEARCH_TOKENIZER = "unicode61 remove_diacritics 2"  # the search index's, as migrations.py creates it
MARK_START, MARK_END = "\ue000", "\ue001"  # around matched words in titles and snippets

# Per kind: what is shown beside a hit, and what Enter opens (``target``).
_CONTEXT_SQL: dict[str, str] = {
    "action": "SELECT a.id, a.id AS target, a.status || coalesce(' · due ' || a.due_date, '')"
              " || coalesce(' · ' || p.name, '') AS context"
              " FROM action_items a LEFT JOIN people p ON p.id = a.owner_id WHERE a.id IN ({ids})",
    "note": "SELECT id, id AS target, from_side || ' → ' || to_side || ' · ' || status || ' · '"
            " || substr(created_at, 1, 10) AS context FROM criticism_notes WHERE id IN ({ids})",
    "followup": "SELECT f.id, f.note_id AS target, 'on “' || n.observation || '” · ' || substr(f.created_at, 1, 10)"
                " AS context FROM criticism_followups f JOIN criticism_notes n ON n.id = f.note_id"
                " WHERE f.id IN ({ids})",
    # started at: two meetings the same day (a dry run, then the real one) told apart
    "meeting": "SELECT id, id AS target, kind || ' · ' || scheduled_for || coalesce(' ' || substr(started_at, 12, 5), '')"
               " || ' · ' || replace(status, '_', ' ') AS context FROM meetings WHERE id IN ({ids})",
    "verdict": "SELECT f.id, l.crm_id AS target, f.verdict || ' · ' || coalesce(nullif(l.name, ''), l.crm_id)"
               " || coalesce(' (' || nullif(l.company, '') || ')', '') || ' · ' || substr(f.given_at, 1, 10)"
               " AS context FROM lead_feedback f JOIN leads l ON l.id = f.lead_id WHERE f.id IN ({ids})",
    "glossary": "SELECT id, term AS target, CASE WHEN length(definition) > 100 THEN substr(definition, 1, 99) || '…' "
                "ELSE definition END AS context FROM glossary_terms WHERE id IN ({ids})",
}


@dataclass(frozen=True)
class SearchHit:
    kind: str
    ref_id: str
    title: str  # with MARK_START/MARK_END around the matched words
    snippet: str  # of the body, marked the same way; may be empty
    context: str  # status, date, owner… for reading the hit at a glance
    target: str  # what Enter opens: an item, note or meeting id, a lead's CRM id, a glossary term


@dataclass(frozen=True)
class SearchResults:
    hits: list[SearchHit]
    counts: dict[str, int]  # every match per kind, also beyond the hits returned (up to COUNT_CAP in all)
    capped: bool = False  # more than COUNT_CAP matched: counts are a floor, hits are the newest

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class SearchStore:
    def __init__(self, log: Log) -> None:
        self.log = log

    def search(self, words: tuple[str, ...], *, per_kind: int = 20, kinds: tuple[str, ...] = ()) -> SearchResults:
        """The best ``per_kind`` hits of each kind for rows with words starting with each of ``words``."""
        if not words:
            return SearchResults([], {})
        query = fts_prefix_query(words)
        only = " AND r.kind IN (" + ", ".join(f"'{kind}'" for kind in kinds if kind in KINDS) + ")" if kinds else ""
        # Count at most COUNT_CAP matches: a word as common as "the" matches most of a big log,
        # and ranking or counting all of it would freeze the screen for a second.
        counts = {row["kind"]: row["n"] for row in self.log.rows(
            "SELECT r.kind, count(*) AS n FROM (SELECT rowid AS seq FROM search WHERE search MATCH :q LIMIT :cap) s"
            f" JOIN search_refs r ON r.seq = s.seq WHERE 1{only} GROUP BY r.kind", {"q": query, "cap": COUNT_CAP})}
        capped = sum(counts.values()) >= COUNT_CAP
        order = "search.rowid DESC" if capped else "search.rank"  # too many to rank: newest first
        rows: list[dict] = []
        for kind in counts:  # the auxiliary functions need one plain FTS query per kind
            rows += self.log.rows(
                "SELECT r.kind, r.ref_id, highlight(search, 0, :s, :e) AS title,"
                " snippet(search, 1, :s, :e, '…', 12) AS snippet"
                " FROM search CROSS JOIN search_refs r ON r.seq = search.rowid"
                f" WHERE search MATCH :q AND r.kind = :kind ORDER BY {order} LIMIT :per_kind",
                {"q": query, "s": MARK_START, "e": MARK_END, "kind": kind, "per_kind": per_kind},
            )
        context = self._context(rows)
        order = {kind: position for position, kind in enumerate(KINDS)}
        hits = [
            SearchHit(row["kind"], row["ref_id"], row["title"] or "", row["snippet"] or "",
                      *context.get((row["kind"], row["ref_id"]), ("", row["ref_id"])))
            for row in rows
        ]
        hits.sort(key=lambda hit: order[hit.kind])  # stable: keeps the rank order within a kind
        return SearchResults(hits, {kind: counts[kind] for kind in KINDS if kind in counts}, capped)

    def _context(self, rows: list[dict]) -> dict[tuple[str, str], tuple[str, str]]:
        found: dict[tuple[str, str], tuple[str, str]] = {}
        for kind, sql in _CONTEXT_SQL.items():
            ids = [row["ref_id"] for row in rows if row["kind"] == kind]
            if not ids:
                continue
            marks = ", ".join("?" for _ in ids)
            for row in self.log.rows(sql.format(ids=marks), ids):
                found[(kind, row["id"])] = (row["context"] or "", row["target"])
        return found

    def _vocab(self) -> None:
        """The index's words, one row each, as the TEMP table ``search_vocab``: nothing is added
        to the log file, and a read-only log can do it."""
        self.log.conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.search_vocab USING fts5vocab(main, search, row)")

    def terms(self, starting: str, *, limit: int = -1) -> list[str]:
        """The words in the index (as it holds them: folded) that start with ``starting``, in
        order. A range of terms is read from the index without reading all of them (a 10-year
        log holds 250,000 words)."""
        self._vocab()
        return [term for (term,) in self.log.conn.execute(
            "SELECT term FROM temp.search_vocab WHERE term >= ? AND term < ? ORDER BY term LIMIT ?",
            [starting, starting + "\U0010ffff", limit])]

    def first_letters(self) -> list[str]:
        """The letters the index's words start with, in order: one jump through the index's
        terms each (a 10-year log's 250,000 words start with some thirty)."""
        letters: list[str] = []
        while found := self._term_after(letters[-1] + "\U0010ffff" if letters else ""):
            letters.append(found[0])
        return letters

    def _term_after(self, text: str) -> str | None:
        self._vocab()
        row = self.log.conn.execute("SELECT term FROM temp.search_vocab WHERE term > ? ORDER BY term LIMIT 1",
                                    [text]).fetchone()
        return row[0] if row else None

    def indexed(self, words: list[str]) -> list[str]:
        """Those of ``words`` the index holds as they are (looked up one by one, not read through)."""
        self._vocab()
        marks = ", ".join("?" for _ in words)
        return [term for (term,) in self.log.conn.execute(
            f"SELECT term FROM temp.search_vocab WHERE term IN ({marks}) ORDER BY term", words)]

    def as_indexed(self, text: str) -> list[str]:
        """The words of ``text`` as the index holds them: split and folded by the index's own
        tokenizer (Python's folding differs: it strips the й, Greek accents and Korean syllables
        the index keeps), through a TEMP fts5 table with its settings."""
        conn = self.log.conn
        was_in_transaction = conn.in_transaction
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.typed_words USING fts5(t, tokenize = "
                     f"'{SEARCH_TOKENIZER}')")
        conn.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.typed_vocab USING fts5vocab(temp, typed_words, instance)")
        conn.execute("DELETE FROM temp.typed_words")
        conn.execute("INSERT INTO temp.typed_words (t) VALUES (?)", [text])
        words = [term for (term,) in conn.execute("SELECT term FROM temp.typed_vocab ORDER BY offset")]
        if not was_in_transaction and conn.in_transaction:
            conn.commit()  # (only the TEMP table was written) no transaction left open to swallow later writes
        return words

    def rebuild(self) -> int:
        """Rebuild the index from the tables (after a merge or a hand edit); returns the entries."""
        from smarkmeet.store.migrations import SEARCH_SOURCES, search_backfill

        with self.log.transaction():
            self.log.db.execute("DELETE FROM search")
            self.log.db.execute("DELETE FROM search_refs")
            for source in SEARCH_SOURCES:
                for statement in search_backfill(*source):
                    self.log.db.execute(statement)
        row = self.log.one("SELECT count(*) AS n FROM search_refs")
        return row["n"] if row else 0
