"""Text measured in terminal cells: wide characters (CJK, emoji) take two, accents none."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from smarkmeet.domain.cells import cell_width, fit, pad

WIDE = "日本語のタイトル 🦄 emoji wide chars 東京 — Überprüfung der Lead-Qualität"


def test_wide_characters_take_two_cells_and_accents_none():
    assert cell_width("abc") == 3
    assert cell_width("東京") == 4
    assert cell_width("🦄") == 2
    assert cell_width("Tome\u0301") == 4  # e and a combining accent: one cell
    assert cell_width("❤️") == cell_width("👍🏽") == cell_width("👨\u200d👩\u200d👧") == 2  # as the app draws them
    assert cell_width(pad("東京", 6)) == 6 and pad("東京", 6) == "東京  "


@given(st.lists(st.sampled_from(["a", "b", "東", "京", "🦄", "é", "\u0301", " ", "—", "👍🏽", "❤️"]), max_size=60)
       .map("".join), st.integers(min_value=0, max_value=40))
def test_fit_never_passes_its_width_and_keeps_the_start(text, width):
    cut = fit(text, width)
    assert cell_width(cut) <= max(8, width)
    if cell_width(text) <= max(8, width):
        assert cut == text
    else:
        assert cut.endswith("…") and text.startswith(cut[:-1])


def test_a_wide_title_is_cut_to_the_terminal_in_the_actions_table(sample_log):
    from smarkmeet.store.actions import ActionFilter
    from smarkmeet.services.actions import render_actions_table

    row = sample_log.one("SELECT id FROM action_items WHERE status = 'open' LIMIT 1")
    sample_log.update("action_items", row["id"], {"title": WIDE})
    rows = sample_log.actions.list(ActionFilter())
    out = render_actions_table(rows, date(2026, 11, 23), width=80)
    assert all(cell_width(line) < 80 for line in out.splitlines()), out
    assert any("日本語" in line and line.endswith("…") for line in out.splitlines())
    # piped, whole: the titles start in the same cell on every row, the wide one's too
    whole = render_actions_table(rows, date(2026, 11, 23)).splitlines()
    starts = {cell_width(line[:line.index(item.title)]) for line in whole for item in rows
              if item.title in line and line.endswith(item.title)}
    assert len(starts) == 1, starts


def test_the_team_list_fits_the_terminal_with_long_and_wide_names(sample_log):
    from smarkmeet.cli_team import render_team
    from smarkmeet.services.team import add_member, members

    add_member(sample_log, name="Maximiliana Alexandra Konstantinopoulou-Vanderberg de la Cruz", side="marketing",
               role="Senior director of integrated demand generation and field marketing")
    add_member(sample_log, name="山田 太郎", side="sales")
    rows = members(sample_log, everyone=False)
    for width in (80, 100, 120):
        out = render_team(rows, everyone=False, width=width)
        assert all(cell_width(line) < width for line in out.splitlines()), (width, out)
        header = out.splitlines()[0]
        assert ("Role" in header) is (width >= 100)
    whole = render_team(rows, everyone=False)  # piped: as long as the table needs
    assert "Senior director of integrated d…" in whole
