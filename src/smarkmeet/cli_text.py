"""Text the command line prints for a person at a terminal: long lines wrapped at words.

A terminal breaks a line wider than itself wherever it ends, mid-word ("[r" / "ed]", "12 disqu" /
"alified"). Printed to a terminal, a line too long is wrapped at its words instead, the lines
after the first indented two cells more than it; piped or redirected, every line is left whole
for the program reading it.
"""

from __future__ import annotations

import shutil
import sys
import textwrap

import click


def terminal_width() -> int | None:
    """The terminal's width in cells, or None when the output is not a terminal (piped: whole lines)."""
    return shutil.get_terminal_size().columns if sys.stdout.isatty() else None


def wrapped(text: str, width: int | None) -> str:
    """``text`` with each line wider than ``width`` wrapped at its words (None: as it is)."""
    if not width or width < 20:
        return text
    lines = []
    for line in text.split("\n"):
        if len(line) <= width:
            lines.append(line)
            continue
        indent = line[:len(line) - len(line.lstrip(" "))]
        lines += textwrap.wrap(line.strip(), width=width, initial_indent=indent, subsequent_indent=indent + "  ",
                               break_long_words=True, break_on_hyphens=False) or [line]
    return "\n".join(lines)


def echo(text: str = "", **kwargs) -> None:
    """``click.echo`` with long lines wrapped at words when printed to a terminal."""
    click.echo(wrapped(text, terminal_width()) if not kwargs.get("err") else text, **kwargs)
