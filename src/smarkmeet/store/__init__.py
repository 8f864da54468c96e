"""The log: smarkmeet's SQLite file. The only code that knows table names or SQL."""

from smarkmeet.store.errors import LogError
from smarkmeet.store.log import Log, open_log

__all__ = ["Log", "LogError", "open_log"]
