"""What a person reads on a Pilot-driven screen."""

from __future__ import annotations

import html
import re


def shown(app) -> str:
    """The text on screen, from the screenshot, so any markup has already been applied."""
    svg = app.export_screenshot()
    lines: dict[str, list[str]] = {}
    for y, text in re.findall(r'<text[^>]*y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        lines.setdefault(y, []).append(html.unescape(re.sub(r"<[^>]+>", "", text)).replace("\xa0", " "))
    return "\n".join("".join(parts) for parts in lines.values())


def drawn(widget) -> list[str]:
    """The lines of ``widget`` as it draws them (wrapped to its width), each stripped."""
    return [strip.text.strip() for strip in widget.render_lines(widget.region.reset_offset)]
