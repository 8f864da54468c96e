"""Where smarkmeet keeps its files.

Every path comes from here. Nothing is created at import time: callers create
directories when they are about to write into them.

Precedence for the log: ``--db PATH`` > ``$SMARKMEET_DB`` > ``$SMARKMEET_HOME/smarkmeet.db``
> the platform's user data directory.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "smarkmeet"
LOG_FILENAME = "smarkmeet.db"


def home_dir() -> Path | None:
    """The single directory set by ``$SMARKMEET_HOME``, if any."""
    home = os.environ.get("SMARKMEET_HOME")
    return Path(home).expanduser() if home else None


def data_dir() -> Path:
    """Directory holding the log and the written minutes."""
    home = home_dir()
    if home is not None:
        return home
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_dir() -> Path:
    """Directory holding user-editable configuration such as meeting templates."""
    home = home_dir()
    if home is not None:
        return home / "config"
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def templates_dir() -> Path:
    return config_dir() / "templates"


def minutes_dir() -> Path:
    return data_dir() / "minutes"


def exports_dir() -> Path:
    """Where exports and backups made from the TUI are written."""
    return data_dir() / "exports"


def log_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The log file to use: the explicit path, else ``$SMARKMEET_DB``, else the default."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get("SMARKMEET_DB")
    if env:
        return Path(env).expanduser()
    return data_dir() / LOG_FILENAME
