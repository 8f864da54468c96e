"""The terminal UI. The only package that imports Textual."""

from dataclasses import replace

from textual.containers import ScrollableContainer
from textual.screen import ModalScreen, Screen

# Every screen inherits Textual's Tab, Shift+Tab and Copy keys, and a class's inherited keys come
# first: the keys panel (?) opened on "tab Focus Next", "shift+tab Focus Previous" and "^c Copy
# selected text", pushing a screen's own keys (s, a, l…) below the fold at 80x24. They work as
# ever, but are left out of the keys panel, as the lists' movement keys are (PlainTable). Done
# here, before any of smarkmeet's screens is defined, as a class merges its bindings when defined.
Screen.BINDINGS = [replace(binding, system=True) for binding in Screen.BINDINGS]
for _screen in (Screen, ModalScreen):
    _screen._merged_bindings = _screen._merge_bindings()

# So are a scrolled view's (a meeting's record: "↑ Scroll Up … ^pgdn" came before "esc Back"
# and "e Export minutes"); every container class Textual has made of it is merged again too.
ScrollableContainer.BINDINGS = [replace(binding, system=True) for binding in ScrollableContainer.BINDINGS]


def _scrolling(cls: type) -> list[type]:
    return [cls, *(sub for child in cls.__subclasses__() for sub in _scrolling(child))]


for _container in _scrolling(ScrollableContainer):
    _container._merged_bindings = _container._merge_bindings()
