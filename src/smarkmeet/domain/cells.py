"""How wide text is on a terminal, in cells: a CJK character or an emoji takes two, a combining
accent none. Tables measured in characters (``len``) ran past the terminal's edge on a title in
Japanese and cut it without its "…".

Measured as Rich measures it (the app's tables are drawn by it), so the command line's tables
and the app's agree, emoji sequences included (❤️, 👍🏽, a family joined by ZWJs: two cells each).
Rich is loaded only for text that is not plain ASCII (its width tables cost ~18 ms to import).
"""

from __future__ import annotations


def cell_width(text: str) -> int:
    """The cells ``text`` takes on a terminal."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len

    return cell_len(text)


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` cells with an ellipsis, so a table never needs sideways scrolling."""
    width = max(8, width)
    if cell_width(text) <= width:
        return text
    if text.isascii():
        return text[: width - 1] + "…"
    from rich.cells import set_cell_size  # cuts by cells: never half a wide character or a sequence

    return set_cell_size(text, width - 1).rstrip(" ") + "…"


def pad(text: str, width: int) -> str:
    """``text`` followed by spaces to ``width`` cells (``str.ljust`` counts characters)."""
    return text + " " * max(0, width - cell_width(text))
