"""Opening the log safely, and the write primitives every store module uses.

Safety rules, in the order they are checked when a log is opened:

1. A file that is not a SQLite database is refused and never touched.
2. A SQLite file whose header promises more pages than the file holds is refused as damaged.
3. A SQLite file that is not a smarkmeet log (tables, but not ours) is refused.
4. A log written by a newer smarkmeet is refused, naming both versions.
All four checks read the file through a read-only connection.

Every write goes through :meth:`Log.insert`, :meth:`Log.update` or :meth:`Log.delete`,
which record the write in ``changes`` inside the same transaction and commit at once.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import stat
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from importlib import import_module
from datetime import date, datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar
from urllib.parse import quote

from smarkmeet import __version__
from smarkmeet.clock import Clock, timestamp
from smarkmeet.domain.ids import new_id
from smarkmeet.store import migrations as schema
from smarkmeet.store.errors import (
    DamagedLogError,
    LogError,
    LogWriteError,
    NewerLogError,
    NotALogError,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from smarkmeet.domain.models import Record
    from smarkmeet.store.actions import ActionStore
    from smarkmeet.store.glossary import GlossaryStore
    from smarkmeet.store.goals import GoalStore
    from smarkmeet.store.leads import LeadStore
    from smarkmeet.store.meetings import MeetingStore
    from smarkmeet.store.notes import NoteStore
    from smarkmeet.store.people import PeopleStore
    from smarkmeet.store.search import SearchStore

BUSY_TIMEOUT_MS = 5000
LOCK_POLL_S = 0.004  # between tries for the write lock while another writer holds it
BULK_CACHE_KIB = 65536  # page cache while one transaction writes many rows (an import)
_SQLITE_MAGIC = b"SQLite format 3\x00"

R = TypeVar("R", bound="Record")
_PLAIN = frozenset({str, int, float})
_encode_json = json.JSONEncoder(ensure_ascii=False).encode  # bulk rows keep their column order


def sql_value(value: Any) -> Any:
    """A Python value as the log stores it."""
    if value is None or type(value) in _PLAIN:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return timestamp(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def check_log_file(path: Path) -> None:
    """Refuse a file that is not a healthy smarkmeet log this version can open. Never writes.

    Python reads the file's header itself only while no ``-wal`` or ``-shm`` lies beside it: no
    connection has it open then, this process's included. Closing a file descriptor of a log in
    use would give up every POSIX lock this process holds on it, its open connections' too, and
    another process could then checkpoint and delete the ``-wal`` under them
    (https://sqlite.org/howtocorrupt.html, 2.2). In use, the file may also be shorter than its
    header says for a moment (a checkpoint extends it after writing the header; a killed one
    leaves it so, with every page still in the ``-wal``): SQLite alone judges it then, and it
    refuses a file whose header promises more pages than the file and its ``-wal`` hold.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    except OSError as error:
        raise LogError(f"cannot read {path}: {error.strerror}") from None
    if path.is_dir():
        raise NotALogError(f"{path} is a directory, not a smarkmeet log file")
    if size == 0:
        return
    if not any(path.with_name(path.name + suffix).exists() for suffix in ("-wal", "-shm")):
        _check_header(path, size)
    _check_contents_read_only(path)


def _check_header(path: Path, size: int) -> None:
    """Refuse, before SQLite creates anything beside it, a file that is not a SQLite database or
    is shorter than its header says (cut short, or copied while being written)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(100)
    except OSError as error:
        raise LogError(f"cannot read {path}: {error.strerror}") from None
    if not header.startswith(_SQLITE_MAGIC):
        raise NotALogError(f"{path} is not a smarkmeet log (it is not a SQLite database); it was left untouched")
    if len(header) < 100:
        raise DamagedLogError(f"{path} is damaged (its header is cut short); it was left untouched")
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    page_count = int.from_bytes(header[28:32], "big")
    if page_count and size < page_size * page_count:
        raise DamagedLogError(
            f"{path} is damaged: it should hold {page_size * page_count:,} bytes but holds {size:,} "
            "(was it truncated or copied while being written?); it was left untouched"
        )


def _refusal(path: Path, error: sqlite3.Error) -> LogError:
    """What SQLite's refusal to read ``path`` means, in words."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_NOTADB:
        return NotALogError(f"{path} is not a smarkmeet log (it is not a SQLite database); it was left untouched")
    if code in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_PERM, sqlite3.SQLITE_AUTH):
        return LogError(f"cannot read {path} ({error})")
    if code == sqlite3.SQLITE_IOERR:  # not the file's fault: the disk's (SQLite could not make the -shm beside it)
        if _disk_is_full(path):
            return LogError(f"the disk holding the log {path} is full, so it cannot be opened; it was left "
                            "untouched — free some space and try again")
        return LogError(f"cannot read {path} ({error}: a problem with the disk or the file system); "
                        "it was left untouched")
    if code == sqlite3.SQLITE_CORRUPT:
        return DamagedLogError(
            f"{path} is damaged ({error}: was it cut short, or copied while being written?); it was left untouched"
        )
    return DamagedLogError(f"{path} is damaged ({error}); it was left untouched")


def _disk_is_full(path: Path) -> bool:
    """Whether the file system holding ``path`` has no room left for a page (or cannot say)."""
    try:
        return shutil.disk_usage(path.parent).free < 64 * 1024
    except OSError:
        return False


def _connect_read_only(path: Path, **kwargs: Any) -> sqlite3.Connection:
    """A connection that only reads ``path`` (raises what SQLite says if it cannot read it).

    A log in WAL mode needs its ``-shm`` index beside it; where that cannot be made (a folder
    or a whole file system this user may not write: a read-only mount, a snapshot) SQLite
    refuses ``mode=ro`` with "unable to open database file". If every entry is in the file
    itself (no ``-wal`` beside it, or an empty one) it is then read as it stands
    (``immutable``); entries still in the ``-wal`` could not be read that way, so the log is
    refused in words rather than shown without them.
    """
    uri = f"file:{quote(str(path.resolve()))}?mode=ro"
    wal = path.with_name(path.name + "-wal")
    shm = path.with_name(path.name + "-shm")
    if is_read_only(path) and not shm.exists() and not (wal.exists() and wal.stat().st_size > 0):
        # a file this user may not write, every entry in it, and nobody has it open: read as it
        # stands, nothing made beside it. mode=ro makes a -shm and an empty -wal, this user's and
        # read-only like the file: a file marked read-only, once made writable again, and a
        # colleague's log on a shared folder had every write refused by them ("attempt to write
        # a readonly database"). Where its -shm is there (its owner has it open) it is read as
        # SQLite reads any, their writes included; so is a log this user chose to open --read-only.
        return sqlite3.connect(uri + "&immutable=1", uri=True, **kwargs)
    conn = sqlite3.connect(uri, uri=True, **kwargs)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError as error:
        conn.close()
        if error.sqlite_errorcode != sqlite3.SQLITE_CANTOPEN:
            raise
    if wal.exists() and wal.stat().st_size > 0:
        raise LogError(
            f"{path} cannot be read here: its latest entries are still in {wal.name}, which SQLite can only read "
            "where it may also write (this folder or file system is read-only). Copy the log together with "
            f"{wal.name} to a folder you can write, and open the copy; nothing was changed"
        )
    return sqlite3.connect(uri + "&immutable=1", uri=True, **kwargs)


def _check_contents_read_only(path: Path) -> None:
    try:
        conn = _connect_read_only(path)
    except sqlite3.Error as error:
        raise _refusal(path, error) from None
    try:
        if _unmade(conn):
            return  # a new log, or one whose making stopped before its first migration: made afresh
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "meta" not in tables or schema.MIGRATIONS_TABLE not in tables:
            raise NotALogError(
                f"{path} is a SQLite database but not a smarkmeet log; it was left untouched"
            )
        meta = dict(conn.execute("SELECT key, value FROM meta").fetchall())
        applied = schema.applied(conn)
    except sqlite3.DatabaseError as error:
        raise _refusal(path, error) from None
    finally:
        conn.close()
    their_version = int(meta.get("schema_version", "0") or 0)
    unknown = applied - set(schema.known_migration_names())
    if their_version > schema.SCHEMA_VERSION or unknown:
        raise NewerLogError(
            f"{path} was written by smarkmeet {meta.get('written_by', '?')} (log format {their_version}); "
            f"this is smarkmeet {__version__} (log format {schema.SCHEMA_VERSION}). "
            "Upgrade smarkmeet to open it; the file was left untouched."
        )


def _create_private_file(path: Path) -> None:
    """Create the log file readable by its owner only (mode 0600)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
    except FileExistsError:
        return
    except OSError as error:
        raise LogError(f"cannot create {path}: {error.strerror}") from None
    os.close(fd)


def is_read_only(path: Path) -> bool:
    """True when the log may not be written here: the file is marked read-only (no owner
    write bit, respected even for root), or this user may not write it or its folder
    (SQLite writes its journal beside the file)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not (mode & stat.S_IWUSR) or not os.access(path, os.W_OK) or not os.access(path.parent, os.W_OK)


def open_log(path: Path | str, clock: Clock, *, read_only: bool | None = None) -> "Log":
    """Open (creating if needed) the log at ``path``, migrated to this version's schema.

    A log that may not be written (see :func:`is_read_only`), or ``read_only=True``, is
    opened for reading only: every write is refused in words before SQLite is asked.
    """
    path = Path(path)
    check_log_file(path)
    if read_only is None:
        read_only = path.exists() and is_read_only(path)
    if read_only:
        return _open_read_only(path, clock)
    existed = path.exists()
    new = not existed or path.stat().st_size == 0
    if not existed:
        _create_private_file(path)
    try:
        conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error as error:
        raise LogError(f"cannot open {path}: {error}") from None
    try:
        return Log(conn, clock, path=path)
    except (LogError, sqlite3.Error) as error:
        conn.close()
        out_of_room = _out_of_room(path, error)
        if new and out_of_room:  # a log that could not be made: as it was, so trying again starts afresh
            _undo_creation(path, existed)
        if isinstance(error, sqlite3.DatabaseError):
            if out_of_room:
                raise _write_failure(path, error) from None  # the disk's doing, not damage
            raise DamagedLogError(f"{path} could not be opened as a log ({error})") from None
        raise
    except BaseException:
        conn.close()
        raise


def _out_of_room(path: Path | None, error: Exception) -> bool:
    """Whether a write, or making or opening the log, failed for want of room on its disk ("database
    or disk is full", or an I/O error on a disk with no room left: no room for the -shm)."""
    code = getattr(error, "sqlite_errorcode", 0) & 0xFF
    text = str(error)
    return code == sqlite3.SQLITE_FULL or "is full" in text or (
        (code == sqlite3.SQLITE_IOERR or "I/O" in text) and path is not None and _disk_is_full(path))


def _undo_creation(path: Path, existed: bool) -> None:
    """Put back what was there before a new log was begun at ``path``: nothing, or an empty file
    — unless the file holds a log by now (another process made it meanwhile), or cannot be read
    to tell: then it is left as it is."""
    if _holds_a_log(path):
        return
    for leftover in (path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        leftover.unlink(missing_ok=True)
    try:
        if existed:
            os.truncate(path, 0)
        else:
            path.unlink(missing_ok=True)
    except OSError:
        pass


def _holds_a_log(path: Path) -> bool:
    """Whether ``path`` holds more than the start of a log: tables beyond an empty migrations
    table. On a full disk SQLite may not open even a read-only connection (no room for its
    -shm): then the sizes tell, as a log made by anyone (its schema alone) takes far more than
    the few pages a log stopped before its first migration does."""
    try:
        conn = sqlite3.connect(f"file:{quote(str(path))}?mode=ro", uri=True)
        try:
            return not _unmade(conn)
        finally:
            conn.close()
    except sqlite3.Error:
        try:
            size = sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
        except OSError:
            return True
        return size > _FEW_PAGES


_FEW_PAGES = 16 * 4096  # a log stopped before its first migration holds two or three pages; a made one, 40+


def _unmade(conn: sqlite3.Connection) -> bool:
    """Whether the database holds no log yet: no table, or only sqlite-utils' migrations table,
    empty (its making stopped before the first migration)."""
    tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    return not tables or (tables == {schema.MIGRATIONS_TABLE}
                          and conn.execute(f"SELECT 1 FROM {schema.MIGRATIONS_TABLE} LIMIT 1").fetchone() is None)


def _open_read_only(path: Path, clock: Clock) -> "Log":
    if not path.exists():
        raise LogError(f"no log at {path}")
    try:
        conn = _connect_read_only(path, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False)
    except sqlite3.Error:
        raise LogError(f"cannot open {path} for reading") from None
    try:
        return Log(conn, clock, path=path, read_only=True)
    except sqlite3.DatabaseError as error:
        conn.close()
        raise DamagedLogError(f"{path} could not be opened as a log ({error})") from None


def _store(where: str) -> Any:
    """A :class:`Log` attribute holding the store ``module.Class`` (of ``smarkmeet.store``), built on first use."""
    module, name = where.split(".")

    def build(log: Log) -> Any:
        return getattr(import_module(f"smarkmeet.store.{module}"), name)(log)

    return cached_property(build)


def memory_log(clock: Clock, name: str | None = None) -> "Log":
    """A log in memory, for tests; a ``name`` makes it shareable across threads."""
    if name:
        conn = sqlite3.connect(f"file:{name}?mode=memory&cache=shared", uri=True, check_same_thread=False)
    else:
        conn = sqlite3.connect(":memory:")
    return Log(conn, clock, path=None)


class Log:
    """The open log. Store modules hang off it: ``log.people``, ``log.actions``, …

    One thread at a time: work in a thread of its own (an export, the import screen's import)
    opens a ``Log`` of its own on the same file, so its transactions and the meeting's stay apart."""

    def __init__(self, conn: sqlite3.Connection, clock: Clock, path: Path | None = None, *,
                 read_only: bool = False) -> None:
        self.conn = conn
        self._db: Database | None = None
        self.clock = clock
        self.path = path
        self.read_only = read_only
        self.active_meeting_id: str | None = None
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA recursive_triggers = ON")  # as sqlite-utils has always set it on our connections
        self._cache_size = conn.execute("PRAGMA cache_size").fetchone()[0]
        if read_only:
            if schema.pending(conn, to_read=True):
                raise LogError(
                    f"{path} is read-only and was written by an older smarkmeet; this version would need to "
                    "bring it up to date, which it cannot do without writing. Make the file writable (or copy it) "
                    "and open it again; it was left untouched"
                )
        else:
            if path is not None and conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = wal")
            self._migrate()

    # The per-table stores, each built (and its module, with the pydantic models it reads
    # into, imported) when first used: the home screen reads through store.overview alone,
    # so the app paints its first screen without importing pydantic (~100-200 ms).
    people: PeopleStore = _store("people.PeopleStore")
    meetings: MeetingStore = _store("meetings.MeetingStore")
    actions: ActionStore = _store("actions.ActionStore")
    goals: GoalStore = _store("goals.GoalStore")
    leads: LeadStore = _store("leads.LeadStore")
    notes: NoteStore = _store("notes.NoteStore")
    glossary: GlossaryStore = _store("glossary.GlossaryStore")
    search: SearchStore = _store("search.SearchStore")

    @property
    def db(self) -> Database:
        """sqlite-utils on the log's connection, for writes and migrations.

        Built on the first write: importing sqlite-utils takes ~60 ms, and reading the log
        (the home screen, reports, search) needs only the connection.
        """
        if self._db is None:
            from sqlite_utils import Database

            self._db = Database(self.conn, execute_plugins=False, recursive_triggers=False)  # set in __init__
        return self._db

    # -- schema ---------------------------------------------------------------

    def _migrate(self) -> None:
        if not schema.pending(self.conn):
            return
        with self._writing():
            schema.migrations().apply(self.db)
            with self.db.atomic():
                now = timestamp(self.clock.now())
                meta = {"schema_version": str(schema.SCHEMA_VERSION), "written_by": __version__}
                for key, value in meta.items():
                    self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", [key, value])
                self.db.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('created_at', ?)", [now])

    def meta(self) -> dict[str, str]:
        return {row["key"]: row["value"] for row in self.query("SELECT key, value FROM meta ORDER BY key")}

    def is_empty(self) -> bool:
        """True when the log holds no people, meetings, leads or action items yet."""
        for table in ("people", "meetings", "leads", "action_items"):
            if self.conn.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone():
                return False
        return True

    def close(self) -> None:
        self.conn.close()

    # -- writing --------------------------------------------------------------

    @contextmanager
    def transaction(self, *, bulk: bool = False) -> Iterator[None]:
        """A multi-step write: all of it lands, or none of it.

        It takes the write lock first (BEGIN IMMEDIATE), so nothing read in it can change before
        its writes. ``bulk``: many rows are written (an import's part), with a larger page cache
        meanwhile. Within a transaction already open (loading the demo data), it is a savepoint
        in that one."""
        if self.conn.in_transaction:
            with self._writing(), self.db.atomic():
                yield
            return
        with self._writing():
            if bulk:
                self.conn.execute(f"PRAGMA cache_size = -{BULK_CACHE_KIB}")  # bulk writes touch many index pages
            try:
                self._take_write_lock()  # within the try: anything raised once BEGIN is through rolls back
                yield
                self.conn.execute("COMMIT")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise
            finally:
                if bulk:
                    self.conn.execute(f"PRAGMA cache_size = {self._cache_size}")

    def _take_write_lock(self) -> None:
        """BEGIN IMMEDIATE, tried every few milliseconds for as long as the connection's busy
        timeout allows.

        SQLite's own busy handler sleeps up to 100 ms between tries. Another writer that holds the
        lock a part at a time (an import) lets go of it for less than that between parts, so a
        meeting left to SQLite's handler could miss every gap and be told the log is busy."""
        conn = self.conn
        patience_ms = conn.execute("PRAGMA busy_timeout").fetchone()[0]
        conn.execute("PRAGMA busy_timeout = 0")
        try:
            deadline = time.monotonic() + patience_ms / 1000
            pause = LOCK_POLL_S / 8
            while True:
                try:
                    conn.execute("BEGIN IMMEDIATE")
                    return
                except sqlite3.OperationalError as error:
                    if not _is_busy(error) or time.monotonic() >= deadline:
                        raise
                time.sleep(pause)
                pause = min(pause * 2, LOCK_POLL_S)
        finally:
            conn.execute(f"PRAGMA busy_timeout = {patience_ms}")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        if self.read_only:
            raise LogWriteError(f"the log {self.path} is open read-only; nothing was written")
        try:
            yield
        except sqlite3.IntegrityError:
            raise
        except sqlite3.OperationalError as error:
            raise _write_failure(self.path, error) from error

    def insert(self, table: str, record: R, *, meeting_id: str | None = None) -> R:
        """Write a new row and its ``changes`` entry; committed when this returns."""
        row = {key: sql_value(value) for key, value in record.row().items()}
        columns = ", ".join(f"[{key}]" for key in row)
        marks = ", ".join("?" for _ in row)
        with self.transaction():
            self.db.execute(f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", list(row.values()))
            self._record(table, record.id, "insert", row, meeting_id or row.get("meeting_id"))
        return record

    def update(self, table: str, row_id: str, fields: Mapping[str, Any], *, meeting_id: str | None = None) -> bool:
        """Change some fields of one row and record what changed; committed when this returns.

        Only the fields whose value differs are written and recorded; a change that changes
        nothing (a due date "moved" to the day it already had) writes nothing and leaves no
        entry in ``changes``. Returns whether anything was written."""
        values = {key: sql_value(value) for key, value in fields.items()}
        if not values:
            return False
        with self.transaction():
            columns = ", ".join(f"[{key}]" for key in values)
            current = self.conn.execute(f"SELECT {columns} FROM [{table}] WHERE id = ?", [row_id]).fetchone()
            if current is None:
                raise LookupError(f"no {table} row with id {row_id}")
            values = {key: value for (key, value), now in zip(values.items(), tuple(current))
                      if value != now or (type(value) is not type(now) and not (  # 30 is the 30.0 a REAL column holds
                          isinstance(value, int | float) and isinstance(now, int | float)))}
            if not values:
                return False
            assignments = ", ".join(f"[{key}] = ?" for key in values)
            self.db.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*values.values(), row_id])
            self._record(table, row_id, "update", values, meeting_id)
        return True

    def insert_rows(self, table: str, rows: list[dict], *, meeting_id: str | None = None,
                    recorded: tuple[str, ...] | None = None) -> None:
        """Bulk insert of plain rows (same keys, log values), each recorded in ``changes``.

        For imports: the caller validates the rows and wraps the call in :meth:`transaction`.
        ``recorded`` names the fields the ``changes`` entry keeps (default: the whole row).
        """
        if not rows:
            return
        keys = list(rows[0])
        columns = ", ".join(f"[{key}]" for key in keys)
        marks = ", ".join("?" for _ in keys)
        with self._writing():
            self.conn.executemany(
                f"INSERT INTO [{table}] ({columns}) VALUES ({marks})", [[row[key] for key in keys] for row in rows]
            )
            if recorded is None:
                entries = [(row["id"], row) for row in rows]
            else:
                entries = [(row["id"], {key: row[key] for key in recorded}) for row in rows]
            self._record_many(table, "insert", entries, meeting_id)

    def update_rows(self, table: str, updates: list[tuple[str, dict]], *, meeting_id: str | None = None) -> None:
        """Bulk update: ``(row id, fields)`` pairs with log values, each recorded in ``changes``."""
        if not updates:
            return
        with self._writing():
            for row_id, fields in updates:
                assignments = ", ".join(f"[{key}] = ?" for key in fields)
                self.conn.execute(f"UPDATE [{table}] SET {assignments} WHERE id = ?", [*fields.values(), row_id])
            self._record_many(table, "update", updates, meeting_id)

    def _record_many(self, table: str, action: str, entries: list[tuple[str, dict]], meeting_id: str | None) -> None:
        at = timestamp(self.clock.now())
        meeting_id = meeting_id or self.active_meeting_id
        self.conn.executemany(
            "INSERT INTO changes (id, at, table_name, row_id, action, data, meeting_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                (new_id(), at, table, row_id, action, _encode_json(data), meeting_id)
                for row_id, data in entries
            ],
        )

    def delete(self, table: str, row_id: str, *, meeting_id: str | None = None) -> None:
        """Remove one row (an entry taken back: a verdict, an actual, a carry) and record it in
        ``changes`` with the row as it was, so the log still says what was taken back."""
        with self.transaction():
            gone = self.one(f"SELECT * FROM [{table}] WHERE id = ?", [row_id]) or {}
            self.db.execute(f"DELETE FROM [{table}] WHERE id = ?", [row_id])
            self._record(table, row_id, "delete", gone, meeting_id)

    def _record(self, table: str, row_id: str, action: str, data: Mapping[str, Any], meeting_id: str | None) -> None:
        self.db.execute(
            "INSERT INTO changes (id, at, table_name, row_id, action, data, meeting_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [
                new_id(),
                timestamp(self.clock.now()),
                table,
                row_id,
                action,
                json.dumps(dict(data), ensure_ascii=False, sort_keys=True),
                meeting_id or self.active_meeting_id,
            ],
        )

    # -- reading --------------------------------------------------------------

    def query(self, sql: str, params: list | dict | None = None) -> Iterator[dict]:
        """The rows of a SELECT as dicts, fetched as they are iterated.

        As sqlite-utils' ``query`` did: a statement that returns no rows is refused (and undone,
        so no transaction is left open to swallow later writes), and a repeated column name is
        kept as ``name_2``."""
        was_in_transaction = self.conn.in_transaction
        cursor = self.conn.execute(sql, params or [])
        if cursor.description is None:
            if not was_in_transaction and self.conn.in_transaction:
                self.conn.rollback()
            raise ValueError(f"not a query that returns rows (writes go through insert/update/transaction): {sql}")
        keys = _unique([column[0] for column in cursor.description])
        return (dict(zip(keys, row, strict=True)) for row in cursor)

    def rows(self, sql: str, params: list | dict | None = None) -> list[dict]:
        return list(self.query(sql, params))

    def one(self, sql: str, params: list | dict | None = None) -> dict | None:
        for row in self.query(sql, params):
            return row
        return None

    def get(self, model: type[R], table: str, row_id: str) -> R:
        row = self.one(f"SELECT * FROM [{table}] WHERE id = ?", [row_id])
        if row is None:
            raise LookupError(f"no {table} row with id {row_id}")
        return model.model_validate(row)

    def changes(self, *, table: str | None = None, row_id: str | None = None) -> list[dict]:
        where, params = [], []
        if table:
            where.append("table_name = ?")
            params.append(table)
        if row_id:
            where.append("row_id = ?")
            params.append(row_id)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = self.rows(f"SELECT * FROM changes {clause} ORDER BY seq", params)
        for row in rows:
            row["data"] = json.loads(row["data"])
        return rows

    def last_write_at(self, meeting_id: str) -> datetime | None:
        """When the log was last written to in a meeting: the last moment it was known to be running."""
        row = self.one("SELECT max(at) AS at FROM changes WHERE meeting_id = ?", [meeting_id])
        return datetime.fromisoformat(row["at"]) if row and row["at"] else None

    # -- settings -------------------------------------------------------------

    def setting(self, key: str, default: Any = None) -> Any:
        row = self.one("SELECT value FROM settings WHERE key = ?", [key])
        return default if row is None else json.loads(row["value"])

    def set_setting(self, key: str, value: Any) -> bool:
        """Set a setting; whether that changed anything (the value already held writes nothing
        and leaves no entry in ``changes``; a setting given a row for the first time is an insert)."""
        encoded = json.dumps(value)
        with self.transaction():  # refused on a read-only log before anything is asked of SQLite
            held = self.conn.execute("SELECT value FROM settings WHERE key = ?", [key]).fetchone()
            if held is not None and held[0] == encoded:
                return False
            self.db.execute("INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)", [key, encoded])
            self._record("settings", key, "insert" if held is None else "update", {"value": value}, None)
        return True

    def clear_setting(self, key: str) -> bool:
        """Remove a setting (its default applies again); whether there was one to remove."""
        with self.transaction():
            if self.conn.execute("SELECT 1 FROM settings WHERE key = ?", [key]).fetchone() is None:
                return False
            self.db.execute("DELETE FROM settings WHERE key = ?", [key])
            self._record("settings", key, "delete", {}, None)
        return True


def _unique(names: list[str]) -> list[str]:
    """Column names with repeats numbered (``id``, ``id_2``), so a join's columns are all kept."""
    if len(set(names)) == len(names):
        return names
    seen: set[str] = set()
    unique = []
    for name in names:
        candidate, number = name, 2
        while candidate in seen:
            candidate, number = f"{name}_{number}", number + 1
        seen.add(candidate)
        unique.append(candidate)
    return unique


def _is_busy(error: sqlite3.OperationalError) -> bool:
    return getattr(error, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY


def _write_failure(path: Path | None, error: sqlite3.OperationalError) -> LogWriteError:
    """The refusal in words: what is wrong, that nothing was written, and what to do."""
    text = str(error)
    where = f" {path}" if path else ""
    if "readonly" in text:
        problem, advice = f"the log{where} is read-only", ""
    elif _out_of_room(path, error):
        problem, advice = f"the disk holding the log{where} is full", "free some space and try again"
    elif "locked" in text or "busy" in text:
        problem, advice = f"the log{where} is busy in another program", "try again"
    else:
        return LogWriteError(f"could not write to the log{where}: {text}")
    return LogWriteError(f"{problem}; nothing was written" + (f" — {advice}" if advice else ""), problem)
