"""Text made inert for terminals: control characters shown, never obeyed.

A title typed or imported with an escape sequence in it (``\\x1b]0;…\\x07`` retitles a
terminal, others move the cursor or hide text) would act on the terminal of whoever
prints it: ``smarkmeet actions``, ``cat`` on an exported file. Each control character is
replaced by its visible Unicode "control picture" (␛ for ESC), so the text stays readable
and nothing is lost silently.
"""

from __future__ import annotations

# C0 controls and DEL as their control pictures (U+2400…), C1 controls as U+FFFD
_PICTURES = {code: 0x2400 + code for code in range(0x20)} | {0x7F: 0x2421}
_PICTURES |= {code: 0xFFFD for code in range(0x80, 0xA0)}
# one line (a title): a tab or line break is a space there; the rest shown
LINE = str.maketrans(_PICTURES | {0x09: 0x20, 0x0A: 0x20, 0x0D: 0x20})
MULTILINE = str.maketrans({k: v for k, v in _PICTURES.items() if k not in (0x09, 0x0A, 0x0D)})


def inert(text: str, *, multiline: bool = False) -> str:
    """``text`` with every control character made visible; tabs and line breaks are kept when
    ``multiline``, else they become spaces."""
    if text.isprintable():  # no control character (nor tab or line break) in it: nothing to replace
        return text
    return text.translate(MULTILINE if multiline else LINE)
