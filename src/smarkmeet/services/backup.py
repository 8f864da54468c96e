"""Backing up the log while it is in use: SQLite's online backup, checked, then renamed into place."""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from smarkmeet.services.export import (
    ExportError,
    check_target,
    publish,
    temporary_sibling,
)
from smarkmeet.store.exports import copy_log, integrity_problems
from smarkmeet.store.log import Log


class BackupError(Exception):
    """The backup could not be made, or the copy failed its check; nothing was left at the target."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    size: int  # bytes


def back_up(log: Log, target: Path, *, force: bool = False) -> BackupResult:
    """Copy the log to ``target``: a consistent snapshot even while others write, checked with
    ``PRAGMA integrity_check`` before it replaces anything."""
    try:
        wal = Path(f"{target}-wal")
        if wal.exists() and not target.exists():
            # SQLite would read it into the new copy when the copy is opened: another database's pages
            raise BackupError(f"{wal} is left over from another database and would be read into the backup; "
                              "move it away or choose another name")
        check_target(target, force=force, protect=log.path)
        if force and wal.exists():
            # a WAL file beside the target means something has it open (or crashed with it open)
            raise BackupError(f"{target} looks in use ({target}-wal exists); close what has it open first")
        with temporary_sibling(target) as temp:
            copy_log(log, temp)
            problems = integrity_problems(temp)
            if problems:
                raise BackupError(f"the copy failed its integrity check ({'; '.join(problems[:3])}); "
                                  f"nothing was written to {target}")
            publish(temp, target, force=force)
    except ExportError as error:
        raise BackupError(str(error)) from None
    except sqlite3.Error as error:
        raise BackupError(f"could not copy the log to {target} ({error}); nothing was written there") from None
    return BackupResult(path=target, size=target.stat().st_size)


def back_up_into(log: Log, directory: Path) -> BackupResult:
    """A backup in ``directory`` named for the moment it is taken; never replaces a file."""
    from smarkmeet.services.export import free_name

    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise BackupError(f"cannot create the folder {directory}: {error.strerror or error}") from None
    moment = log.clock.now().strftime("%Y-%m-%d-%H%M")
    return back_up(log, free_name(directory, f"smarkmeet-backup-{moment}.db"))
