"""The log's schema, as an ordered list of migrations (sqlite-utils' built-in registry).

A new log and an old one take the same path: every pending migration is applied, in
order, when the log is opened. Never edit a migration that has shipped; add one.

Whether any is pending is read straight from sqlite-utils' ``_sqlite_migrations`` table, so
opening an up-to-date log does not import sqlite-utils (~60 ms of start-up).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database, Migrations

MIGRATION_SET = "smarkmeet"
MIGRATIONS_TABLE = "_sqlite_migrations"  # sqlite-utils' name for it
_FUNCTIONS: list[Callable[[Database], None]] = []


def _migration(func):
    """Register a migration, in the order of definition."""
    _FUNCTIONS.append(func)
    return func


def migrations() -> Migrations:
    """sqlite-utils' registry of every migration, in order, to apply the pending ones."""
    from sqlite_utils import Migrations

    registry = Migrations(MIGRATION_SET)
    for func in _FUNCTIONS:
        registry()(func)
    return registry


def applied(conn: sqlite3.Connection) -> set[str]:
    """Names of the migrations this log has had (none for a new file)."""
    try:
        return {row[0] for row in conn.execute(
            f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ?", [MIGRATION_SET])}
    except sqlite3.OperationalError as error:
        if "no such table" not in str(error):
            raise
        return set()


def pending(conn: sqlite3.Connection, *, to_read: bool = False) -> list[str]:
    """Names of the migrations this log has not had yet (all of them for a new file). With
    ``to_read``, only those it cannot be read without (READ_WITHOUT): one that adds indexes only
    makes reading faster, so a read-only log that lacks it is still read (more slowly), not refused."""
    done = applied(conn)
    return [func.__name__ for func in _FUNCTIONS
            if func.__name__ not in done and not (to_read and func.__name__ in READ_WITHOUT)]

_SCHEMA_V1 = """
CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL              -- JSON
);

CREATE TABLE people (
    id     TEXT PRIMARY KEY,
    name   TEXT NOT NULL,
    handle TEXT NOT NULL UNIQUE,     -- used as @handle in quick-add lines
    side   TEXT NOT NULL CHECK (side IN ('sales', 'marketing', 'other')),
    role   TEXT NOT NULL DEFAULT '',
    email  TEXT NOT NULL DEFAULT '',
    guest  INTEGER NOT NULL DEFAULT 0 CHECK (guest IN (0, 1)),
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1))
);

CREATE TABLE meetings (
    id                 TEXT PRIMARY KEY,
    kind               TEXT NOT NULL CHECK (kind IN ('weekly', 'monthly')),
    title              TEXT NOT NULL,
    scheduled_for      TEXT NOT NULL,  -- YYYY-MM-DD
    status             TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'ended')),
    facilitator_id     TEXT REFERENCES people(id),
    template           TEXT NOT NULL,
    started_at         TEXT,
    ended_at           TEXT,
    current_section_id TEXT,
    paused             INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    summary            TEXT NOT NULL DEFAULT '',
    minutes_path       TEXT
);
CREATE INDEX meetings_by_date ON meetings (scheduled_for);

CREATE TABLE agenda_sections (
    id              TEXT PRIMARY KEY,
    meeting_id      TEXT NOT NULL REFERENCES meetings(id),
    position        INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    title           TEXT NOT NULL,
    timebox_minutes INTEGER NOT NULL,
    seconds_spent   INTEGER NOT NULL DEFAULT 0,
    overrun_seconds INTEGER NOT NULL DEFAULT 0,  -- max(0, seconds_spent - timebox)
    running_since   TEXT,                        -- set while this section's clock runs
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'current', 'done')),
    UNIQUE (meeting_id, position)
);

CREATE TABLE attendance (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    person_id  TEXT NOT NULL REFERENCES people(id),
    present    INTEGER NOT NULL CHECK (present IN (0, 1)),
    UNIQUE (meeting_id, person_id)
);

CREATE TABLE goals (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    metric          TEXT NOT NULL,
    unit            TEXT NOT NULL CHECK (unit IN ('count', 'currency', 'percent')),
    owner_side      TEXT NOT NULL CHECK (owner_side IN ('sales', 'marketing', 'shared')),
    period          TEXT NOT NULL CHECK (period IN ('weekly', 'monthly')),
    target          REAL NOT NULL CHECK (target > 0),
    amber_threshold REAL NOT NULL DEFAULT 0.8,
    description     TEXT NOT NULL DEFAULT '',
    created_at      TEXT NOT NULL,
    retired_at      TEXT
);

CREATE TABLE goal_checkins (
    id           TEXT PRIMARY KEY,
    goal_id      TEXT NOT NULL REFERENCES goals(id),
    period_start TEXT NOT NULL,     -- YYYY-MM-DD, first day of the period
    actual       REAL NOT NULL,
    target       REAL NOT NULL,     -- the goal's target when this was recorded
    meeting_id   TEXT REFERENCES meetings(id),
    note         TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL,
    UNIQUE (goal_id, period_start)
);

CREATE TABLE leads (
    id         TEXT PRIMARY KEY,
    crm_id     TEXT NOT NULL UNIQUE,
    name       TEXT NOT NULL DEFAULT '',
    company    TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    source     TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    owner      TEXT NOT NULL DEFAULT '',
    stage      TEXT NOT NULL DEFAULT 'mql',
    crm_status TEXT NOT NULL DEFAULT ''
);
CREATE INDEX leads_by_created ON leads (created_at);
CREATE INDEX leads_by_source ON leads (source);

CREATE TABLE lead_feedback (
    id         TEXT PRIMARY KEY,
    lead_id    TEXT NOT NULL REFERENCES leads(id),
    verdict    TEXT NOT NULL CHECK (verdict IN ('accepted', 'rejected', 'nurture', 'converted')),
    reason     TEXT NOT NULL DEFAULT '',
    comment    TEXT NOT NULL DEFAULT '',
    given_by   TEXT REFERENCES people(id),
    given_at   TEXT NOT NULL,
    meeting_id TEXT REFERENCES meetings(id)
);
CREATE INDEX lead_feedback_by_lead ON lead_feedback (lead_id, given_at);

CREATE TABLE action_items (
    id                   TEXT PRIMARY KEY,
    title                TEXT NOT NULL,
    owner_id             TEXT REFERENCES people(id),
    side                 TEXT CHECK (side IN ('sales', 'marketing', 'other')),
    due_date             TEXT,
    status               TEXT NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
    snoozed_until        TEXT,
    origin_meeting_id    TEXT REFERENCES meetings(id),
    origin_section_id    TEXT REFERENCES agenda_sections(id),
    carry_count          INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    done_at              TEXT,
    closed_in_meeting_id TEXT REFERENCES meetings(id)
);
CREATE INDEX action_items_by_status_due ON action_items (status, due_date);
CREATE INDEX action_items_by_owner ON action_items (owner_id);

CREATE TABLE action_carries (
    id             TEXT PRIMARY KEY,
    action_item_id TEXT NOT NULL REFERENCES action_items(id),
    meeting_id     TEXT REFERENCES meetings(id),
    previous_due   TEXT,
    new_due        TEXT,
    carried_at     TEXT NOT NULL
);
CREATE INDEX action_carries_by_item ON action_carries (action_item_id);

CREATE TABLE criticism_notes (
    id                     TEXT PRIMARY KEY,
    meeting_id             TEXT REFERENCES meetings(id),
    from_side              TEXT NOT NULL CHECK (from_side IN ('sales', 'marketing')),
    to_side                TEXT NOT NULL CHECK (to_side IN ('sales', 'marketing') AND to_side <> from_side),
    observation            TEXT NOT NULL,
    impact                 TEXT NOT NULL DEFAULT '',
    request                TEXT NOT NULL DEFAULT '',
    status                 TEXT NOT NULL CHECK (status IN ('open', 'resolved')),
    author_id              TEXT REFERENCES people(id),
    created_at             TEXT NOT NULL,
    resolved_at            TEXT,
    resolved_in_meeting_id TEXT REFERENCES meetings(id),
    action_item_id         TEXT REFERENCES action_items(id)
);

CREATE TABLE criticism_followups (
    id         TEXT PRIMARY KEY,
    note_id    TEXT NOT NULL REFERENCES criticism_notes(id),
    meeting_id TEXT REFERENCES meetings(id),
    comment    TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE glossary_terms (
    id         TEXT PRIMARY KEY,
    term       TEXT NOT NULL UNIQUE COLLATE NOCASE,
    definition TEXT NOT NULL,
    revision   INTEGER NOT NULL DEFAULT 1,
    updated_at TEXT NOT NULL
);

CREATE TABLE glossary_revisions (
    id         TEXT PRIMARY KEY,
    term_id    TEXT NOT NULL REFERENCES glossary_terms(id),
    revision   INTEGER NOT NULL,
    definition TEXT NOT NULL,
    changed_at TEXT NOT NULL,
    changed_by TEXT REFERENCES people(id),
    meeting_id TEXT REFERENCES meetings(id),
    UNIQUE (term_id, revision)
);

CREATE TABLE ratings (
    id         TEXT PRIMARY KEY,
    meeting_id TEXT NOT NULL REFERENCES meetings(id),
    person_id  TEXT NOT NULL REFERENCES people(id),
    score      INTEGER NOT NULL CHECK (score BETWEEN 1 AND 10),
    comment    TEXT NOT NULL DEFAULT '',
    given_at   TEXT NOT NULL,
    UNIQUE (meeting_id, person_id)
);

CREATE TABLE changes (
    seq        INTEGER PRIMARY KEY AUTOINCREMENT,  -- order of writes in this file
    id         TEXT NOT NULL UNIQUE,
    at         TEXT NOT NULL,
    table_name TEXT NOT NULL,
    row_id     TEXT NOT NULL,
    action     TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete')),
    data       TEXT NOT NULL,                      -- JSON: the row inserted, or the fields changed
    meeting_id TEXT                                -- the meeting in progress, if any
);
CREATE INDEX changes_by_row ON changes (table_name, row_id);
CREATE INDEX changes_by_meeting ON changes (meeting_id);
"""


@_migration
def m001_initial_schema(db: Database) -> None:
    for statement in _split(_SCHEMA_V1):
        db.execute(statement)


_SCHEMA_V2 = """
-- Each lead carries its current verdict, kept in step with lead_feedback in the same
-- transaction, so reports are one GROUP BY over leads.
ALTER TABLE leads ADD COLUMN verdict TEXT CHECK (verdict IN ('accepted', 'rejected', 'nurture', 'converted'));
ALTER TABLE leads ADD COLUMN reason TEXT NOT NULL DEFAULT '';
ALTER TABLE leads ADD COLUMN verdict_at TEXT;
ALTER TABLE leads ADD COLUMN first_verdict_at TEXT;
ALTER TABLE leads ADD COLUMN first_verdict_timed INTEGER CHECK (first_verdict_timed IN (0, 1));
-- days from delivery to the first verdict, NULL unless both times are known
ALTER TABLE leads ADD COLUMN first_verdict_days REAL;
ALTER TABLE leads ADD COLUMN created_known INTEGER NOT NULL DEFAULT 1 CHECK (created_known IN (0, 1));
ALTER TABLE leads ADD COLUMN crm_converted INTEGER CHECK (crm_converted IN (0, 1));
ALTER TABLE leads ADD COLUMN updated_at TEXT;
ALTER TABLE leads ADD COLUMN import_id TEXT;
ALTER TABLE lead_feedback ADD COLUMN via TEXT NOT NULL DEFAULT 'meeting' CHECK (via IN ('meeting', 'import', 'cli'));
ALTER TABLE lead_feedback ADD COLUMN timed INTEGER NOT NULL DEFAULT 1 CHECK (timed IN (0, 1));
CREATE INDEX leads_by_owner ON leads (owner);
-- medians of days to first verdict are read in order from these (only leads with known times)
CREATE INDEX leads_rejected ON leads (reason) WHERE verdict = 'rejected';
CREATE INDEX leads_wait ON leads (first_verdict_days) WHERE first_verdict_days IS NOT NULL;
CREATE INDEX leads_wait_by_source ON leads (source, first_verdict_days) WHERE first_verdict_days IS NOT NULL;
CREATE INDEX leads_wait_by_owner ON leads (owner, first_verdict_days) WHERE first_verdict_days IS NOT NULL;

CREATE TABLE lead_imports (
    id          TEXT PRIMARY KEY,
    file        TEXT NOT NULL,
    mapping     TEXT NOT NULL,     -- preset name or mapping file path
    started_at  TEXT NOT NULL,
    finished_at TEXT NOT NULL,
    rows        INTEGER NOT NULL,
    new         INTEGER NOT NULL,
    updated     INTEGER NOT NULL,
    unchanged   INTEGER NOT NULL,
    rejected    INTEGER NOT NULL,
    report      TEXT NOT NULL      -- JSON: rejected rows, merged sources, unmapped values
)
"""

_BACKFILL_V2 = """
UPDATE leads SET
    verdict = (SELECT f.verdict FROM lead_feedback f WHERE f.lead_id = leads.id ORDER BY f.rowid DESC LIMIT 1),
    reason = coalesce((SELECT f.reason FROM lead_feedback f WHERE f.lead_id = leads.id
                       ORDER BY f.rowid DESC LIMIT 1), ''),
    verdict_at = (SELECT f.given_at FROM lead_feedback f WHERE f.lead_id = leads.id ORDER BY f.rowid DESC LIMIT 1),
    first_verdict_at = (SELECT min(f.given_at) FROM lead_feedback f WHERE f.lead_id = leads.id),
    first_verdict_timed = CASE WHEN EXISTS (SELECT 1 FROM lead_feedback f WHERE f.lead_id = leads.id) THEN 1 END;
UPDATE leads SET first_verdict_days = max(0, julianday(first_verdict_at) - julianday(created_at))
    WHERE first_verdict_at IS NOT NULL;
UPDATE leads SET stage = 'customer' WHERE verdict = 'converted';
UPDATE leads SET stage = 'sal' WHERE verdict = 'accepted' AND stage = 'mql'
"""


@_migration
def m002_lead_verdicts_and_imports(db: Database) -> None:
    for statement in _split(_SCHEMA_V2) + _split(_BACKFILL_V2):
        db.execute(statement)


# -- m003: full-text search -------------------------------------------------
#
# ``search`` is an FTS5 index over what the team wrote; ``search_refs`` says which row each
# entry indexes. Both are derived data, kept in step by triggers inside the writing
# transaction (so not recorded in ``changes``). An entry's FTS rowid is ``search_refs.seq``,
# an INTEGER PRIMARY KEY, which VACUUM never renumbers.

# kind, table, title expression, body expression, columns whose change re-indexes, condition
# (as m003 made the index: never changed, a shipped migration's own)
_SEARCH_SOURCES_V3: tuple[tuple[str, str, str, str, str, str], ...] = (
    ("action", "action_items", "{r}.title", "''", "title", ""),
    ("note", "criticism_notes", "{r}.observation",
     "trim({r}.impact || ' ' || {r}.request)", "observation, impact, request", ""),
    ("followup", "criticism_followups", "{r}.comment", "''", "comment", ""),
    ("meeting", "meetings", "{r}.title", "{r}.summary", "title, summary", ""),
    ("verdict", "lead_feedback", "{r}.comment", "''", "comment", "{r}.comment <> ''"),
    ("glossary", "glossary_terms", "{r}.term", "{r}.definition", "term, definition", ""),
)

# A note's impact and request, one after the other: where the impact ends without a stop, a dash
# between them (a snippet ran "…hot leads go cold Give every lead…" together). Since m009.
_NOTE_BODY = ("CASE WHEN {r}.request = '' THEN trim({r}.impact) WHEN trim({r}.impact) = '' THEN trim({r}.request) "
              "WHEN substr(rtrim({r}.impact), -1) IN ('.', '!', '?', ':', ';', '…') "
              "THEN rtrim({r}.impact) || ' ' || trim({r}.request) "
              "ELSE rtrim({r}.impact) || ' — ' || trim({r}.request) END")

# the index as it is now (rebuild, and the migrations after m003)
SEARCH_SOURCES = tuple(
    (kind, table, title, _NOTE_BODY if kind == "note" else body, columns, condition)
    for kind, table, title, body, columns, condition in _SEARCH_SOURCES_V3
)

_SCHEMA_V3 = """
CREATE TABLE search_refs (
    seq    INTEGER PRIMARY KEY,     -- the rowid of the entry in ``search``
    kind   TEXT NOT NULL,           -- action, note, followup, meeting, verdict, glossary
    ref_id TEXT NOT NULL,           -- the id of the row in its own table
    UNIQUE (kind, ref_id)
);
-- the action-items browser pages in these orders straight from an index
CREATE INDEX action_items_by_due ON action_items (due_date IS NULL, due_date, id);
CREATE INDEX action_items_by_status_sort ON action_items (status, due_date IS NULL, due_date, id);
-- the home screen counts the leads still waiting for a verdict
CREATE INDEX leads_unworked ON leads (created_at) WHERE verdict IS NULL;
-- a meeting's record reads its verdicts, notes and follow-ups by meeting
CREATE INDEX lead_feedback_by_meeting ON lead_feedback (meeting_id);
CREATE INDEX criticism_notes_by_meeting ON criticism_notes (meeting_id);
CREATE INDEX criticism_followups_by_note ON criticism_followups (note_id);
CREATE INDEX criticism_followups_by_meeting ON criticism_followups (meeting_id);
CREATE VIRTUAL TABLE search USING fts5(
    title, body, tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3'
)
"""


def _search_triggers(kind: str, table: str, title: str, body: str, columns: str, condition: str) -> list[str]:
    new_title, new_body = title.format(r="new"), body.format(r="new")
    ref = f"(SELECT seq FROM search_refs WHERE kind = '{kind}' AND ref_id = old.id)"
    when_new = f" WHEN {condition.format(r='new')}" if condition else ""
    keep = f" AND {condition.format(r='new')}" if condition else ""
    return [
        f"""CREATE TRIGGER search_{kind}_insert AFTER INSERT ON {table}{when_new} BEGIN
            INSERT INTO search_refs (kind, ref_id) VALUES ('{kind}', new.id);
            INSERT INTO search (rowid, title, body) VALUES (last_insert_rowid(), {new_title}, {new_body});
        END""",
        f"""CREATE TRIGGER search_{kind}_update AFTER UPDATE OF {columns} ON {table} BEGIN
            DELETE FROM search WHERE rowid = {ref};
            DELETE FROM search_refs WHERE kind = '{kind}' AND ref_id = old.id;
            INSERT INTO search_refs (kind, ref_id) SELECT '{kind}', new.id WHERE 1{keep};
            INSERT INTO search (rowid, title, body)
                SELECT seq, {new_title}, {new_body} FROM search_refs WHERE kind = '{kind}' AND ref_id = new.id;
        END""",
        f"""CREATE TRIGGER search_{kind}_delete AFTER DELETE ON {table} BEGIN
            DELETE FROM search WHERE rowid = {ref};
            DELETE FROM search_refs WHERE kind = '{kind}' AND ref_id = old.id;
        END""",
    ]


def search_backfill(kind: str, table: str, title: str, body: str, columns: str, condition: str) -> list[str]:
    where = f" WHERE {condition.format(r='t')}" if condition else ""
    return [
        f"INSERT INTO search_refs (kind, ref_id) SELECT '{kind}', t.id FROM {table} t{where} ORDER BY t.rowid",
        f"INSERT INTO search (rowid, title, body) SELECT r.seq, {title.format(r='t')}, {body.format(r='t')} "
        f"FROM search_refs r JOIN {table} t ON t.id = r.ref_id WHERE r.kind = '{kind}'",
    ]


@_migration
def m003_full_text_search(db: Database) -> None:
    for statement in _split(_SCHEMA_V3):
        db.execute(statement)
    for source in _SEARCH_SOURCES_V3:
        for statement in _search_triggers(*source) + search_backfill(*source):
            db.execute(statement)


_SCHEMA_V4 = """
-- the home screen and the meeting screens find the meeting in progress, the next one planned
-- and the last one ended by status: without this, each read scanned every meeting
-- (5,200 in ten years of ten teams, ~5 ms from a cold cache at start-up)
CREATE INDEX IF NOT EXISTS meetings_by_status ON meetings (status, scheduled_for)
"""


@_migration
def m004_meetings_by_status(db: Database) -> None:
    for statement in _split(_SCHEMA_V4):
        db.execute(statement)


_SCHEMA_V5 = """
-- a windowed lead report says how many leads were imported without a creation date (they are in
-- no period's figures): read from this index, empty unless a CRM export had no dates, instead
-- of scanning every lead (1M in the 10-year log) on each verdict's tally
CREATE INDEX IF NOT EXISTS leads_undated ON leads (stage) WHERE created_known = 0;
-- the home screen's count of leads awaiting a verdict leaves the undated ones out: answered
-- from the index alone, not by reading each unworked lead of the window from the table
DROP INDEX IF EXISTS leads_unworked;
CREATE INDEX leads_unworked ON leads (created_known, created_at) WHERE verdict IS NULL
"""


@_migration
def m005_undated_leads(db: Database) -> None:
    for statement in _split(_SCHEMA_V5):
        db.execute(statement)


_SCHEMA_V6 = """
-- the action-items browser sorted by status reads open, done, dropped (each by due date) from
-- this index: its first page without sorting every item of a ten-year log
CREATE INDEX IF NOT EXISTS action_items_by_status_order ON action_items
    ((CASE status WHEN 'open' THEN 0 WHEN 'done' THEN 1 ELSE 2 END), due_date IS NULL, due_date, id)
"""


@_migration
def m006_action_items_by_status_order(db: Database) -> None:
    for statement in _split(_SCHEMA_V6):
        db.execute(statement)


_SCHEMA_V7 = """
-- the goal review's actuals measured from the log: leads accepted (converted) in a week, read
-- by verdict time from this index instead of every verdict of a ten-year log
CREATE INDEX IF NOT EXISTS lead_feedback_by_verdict ON lead_feedback (verdict, given_at)
"""


@_migration
def m007_lead_feedback_by_verdict(db: Database) -> None:
    for statement in _split(_SCHEMA_V7):
        db.execute(statement)


VIA_BEFORE = "CHECK (via IN ('meeting', 'import', 'cli'))"
VIA_NOW = "CHECK (via IN ('meeting', 'import', 'cli', 'app'))"


@_migration
def m008_verdicts_from_the_app(db: Database) -> None:
    """``lead_feedback.via`` may be ``app``: a verdict given between meetings from the app's lead
    list. Only the column's CHECK widens, which no row already in the log can break, so it is
    changed in place by SQLite's own procedure for such changes (https://sqlite.org/lang_altertable.html,
    "removing CHECK … constraints"): the table's text in the schema is rewritten and the schema
    version raised, rather than every verdict of a ten-year log copied into a new table."""
    conn = db.conn
    made = conn.execute("SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = 'lead_feedback'").fetchone()[0]
    if VIA_BEFORE not in made:  # not as m002 wrote it: left alone rather than guessed at
        raise RuntimeError("lead_feedback.via is not as smarkmeet made it; the log was not changed")
    version = conn.execute("PRAGMA schema_version").fetchone()[0]
    conn.execute("PRAGMA writable_schema = ON")
    try:
        conn.execute("UPDATE sqlite_schema SET sql = ? WHERE type = 'table' AND name = 'lead_feedback'",
                     [made.replace(VIA_BEFORE, VIA_NOW)])
        conn.execute(f"PRAGMA schema_version = {int(version) + 1}")
    finally:
        conn.execute("PRAGMA writable_schema = OFF")


@_migration
def m009_note_snippets(db: Database) -> None:
    """The search index holds a note's impact and request apart (see _NOTE_BODY): its triggers
    are made again and its notes' entries rewritten (derived data, so no ``changes`` entries)."""
    note = next(source for source in SEARCH_SOURCES if source[0] == "note")
    for action in ("insert", "update", "delete"):
        db.execute(f"DROP TRIGGER IF EXISTS search_note_{action}")
    for statement in _search_triggers(*note):
        db.execute(statement)
    db.execute(f"UPDATE search SET body = (SELECT {_NOTE_BODY.format(r='n')} FROM search_refs r "
               "JOIN criticism_notes n ON n.id = r.ref_id WHERE r.seq = search.rowid) "
               "WHERE rowid IN (SELECT seq FROM search_refs WHERE kind = 'note')")


# migrations a log can be read without: those adding indexes only (it reads the same, more
# slowly); m008, which only lets a new kind of verdict be written; m009, which only joins a
# note's words for its snippet another way
READ_WITHOUT = frozenset({"m004_meetings_by_status", "m005_undated_leads", "m006_action_items_by_status_order",
                          "m007_lead_feedback_by_verdict", "m008_verdicts_from_the_app", "m009_note_snippets"})


def _split(script: str) -> list[str]:
    """Statements of a DDL script (no semicolons inside our statements)."""
    return [part.strip() for part in script.split(";") if part.strip()]


def known_migration_names() -> tuple[str, ...]:
    return tuple(func.__name__ for func in _FUNCTIONS)


SCHEMA_VERSION = len(_FUNCTIONS)
