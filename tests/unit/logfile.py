"""Reading a log file the command line wrote, as a test checks it."""

from smarkmeet.clock import SystemClock
from smarkmeet.store.log import open_log


def in_log(db, sql, params=()):
    """The rows ``sql`` reads from the log file at ``db``, opened and closed again."""
    log = open_log(db, SystemClock())
    try:
        return log.rows(sql, list(params))
    finally:
        log.close()
