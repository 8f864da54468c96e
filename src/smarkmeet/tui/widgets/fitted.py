"""Text made for the width it is drawn at: a line that breaks between its phrases, not inside one."""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual.content import Content
from textual.visual import visualize
from textual.widgets import Static


class Fitted(Static):
    """A Static whose text ``make(width)`` gives for the width it has (``show`` sets it; ``update``
    shows plain text as any Static). Its height is measured with the text made for the width
    measured, so a heading that breaks before its formula at 80 columns takes its two lines."""

    def __init__(self, content: str | Text = "", **kwargs) -> None:
        super().__init__(content, **kwargs)
        self._make: Callable[[int], Text] | None = None

    def show(self, make: Callable[[int], Text]) -> None:
        self._make = make
        self.refresh(layout=True)

    def update(self, content: str | Text | Content = "", *, layout: bool = True) -> None:
        self._make = None
        super().update(content, layout=layout)

    def made_text(self) -> str | None:
        """The words shown, as made for the width it has (None: plain content, as any Static):
        what F2 reads on screen."""
        return None if self._make is None else self._make(self.content_region.width or 1000).plain

    def render(self):
        if self._make is None:
            return super().render()
        return self._make(self.content_region.width)

    def get_content_height(self, container, viewport, width: int) -> int:
        if self._make is None or not width:
            return super().get_content_height(container, viewport, width)
        return visualize(self, self._make(width)).get_height(self.styles, width)
