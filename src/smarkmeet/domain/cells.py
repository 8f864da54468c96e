"""How wide text is on a terminal, in cells: a CJK character or an emoji takes two, a combining
accent none. Tables measured in characters (``len``) ran past the terminal's edge on a title in
Japanese and cut it without its "…"."""

from __future__ import annotations

import unicodedata

_ZERO_WIDTH = {"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"}


def char_width(char: str) -> int:
    if char in _ZERO_WIDTH or unicodedata.combining(char) or "\ufe00" <= char <= "\ufe0f":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


def cell_width(text: str) -> int:
    """The cells ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    return sum(char_width(char) for char in text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, so a table never needs sideways scrolling."""
    width = max(8, width)
    if cell_width(text) <= width:
        return text
    kept, used = [], 0
    for char in text:
        size = char_width(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + "…"


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces to ``width`` cells (``str.ljust`` counts characters)."""
    return text + " " * max(0, width - cell_width(text))


def pad_left(text: str, width: int) -> str:
    return " " * max(0, width - cell_width(text)) + text
