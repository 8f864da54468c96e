"""Errors about the log file itself, each carrying a message meant for the user."""

from __future__ import annotations


class LogError(Exception):
    """A problem with the log a user can act on; ``str(error)`` is the message to show."""


class NotALogError(LogError):
    pass


class DamagedLogError(LogError):
    pass


class NewerLogError(LogError):
    pass


class LogWriteError(LogError):
    """A write the log refused (disk full, read-only file, locked for too long).

    ``problem`` says what is wrong without "nothing was written", for a caller that had
    written part of its work before (an import stopped part-way)."""

    def __init__(self, message: str, problem: str | None = None) -> None:
        super().__init__(message)
        self.problem = problem or message
