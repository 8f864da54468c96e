"""User text in the minutes stays text: nothing it holds can become Markdown structure."""

import pytest

from smarkmeet.services.minutes import md


@pytest.mark.parametrize("text", ["- item", "1. first", "---", "=== x", "12) x", "# title", "> quote", "* star",
                                  "[link](http://x)", "a | b", "line\nbreak"])
def test_structure_at_the_start_or_anywhere_is_escaped(text):
    shown = md(text)
    assert "\n" not in shown
    first = shown.lstrip("0123456789")
    assert not first.startswith(("-", "=", ".", ")", "#", ">", "*", "[")), shown
    assert "](" not in shown and "|" not in shown.replace("\\|", "")
