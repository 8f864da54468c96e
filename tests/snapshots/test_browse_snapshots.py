"""Snapshots of the action-items browser, an item's detail and search, on the demo log with a fixed clock."""

from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.actions import ActionItemsScreen
from smarkmeet.tui.screens.search import SearchScreen

CARRIED_ITEM = "carry_count >= 3 ORDER BY carry_count DESC, id LIMIT 1"


async def _open_actions(pilot):
    pilot.app.push_screen(ActionItemsScreen())
    await pilot.pause()


def test_action_items_wide(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=_open_actions)


def test_action_items_narrow(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=_open_actions)


def test_action_items_filtered_with_completion(snap_compare, sample_log, clock):
    async def run_before(pilot):
        pilot.app.push_screen(ActionItemsScreen("status:all lead"))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()

    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=run_before)


def test_action_detail(snap_compare, sample_log, clock):
    item_id = sample_log.one(f"SELECT id FROM action_items WHERE {CARRIED_ITEM}")["id"]

    async def run_before(pilot):
        pilot.app.open_action(item_id)
        await pilot.pause()

    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=run_before)


def test_search(snap_compare, sample_log, clock):
    async def run_before(pilot):
        pilot.app.push_screen(SearchScreen("lead"))
        await pilot.pause()
        pilot.app.screen.query_one("#search-query").cursor_blink = False  # a blinking cursor is a race
        await pilot.pause()

    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=run_before)
