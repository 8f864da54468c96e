"""Saying in words why a write did not happen: one place for every screen that writes."""

from __future__ import annotations

from pydantic import ValidationError
from textual.dom import DOMNode

from smarkmeet.domain.errors import describe
from smarkmeet.store.errors import LogError


def tell(node: DOMNode, error: Exception) -> None:
    """Notify what went wrong: the log refusing a write is an error (it stays longer), a value the
    models refuse or a domain rule is a warning. The message may quote the team's words: no markup."""
    if isinstance(error, LogError):
        node.notify(str(error), severity="error", timeout=10, markup=False)
    elif isinstance(error, ValidationError):
        node.notify(describe(error), severity="warning", markup=False)
    else:
        node.notify(str(error), severity="warning", markup=False)
