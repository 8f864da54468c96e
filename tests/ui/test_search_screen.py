"""The search screen and the palette's search, driven through Textual's Pilot on the demo log."""

from __future__ import annotations

from textual.widgets import OptionList, Static

from smarkmeet.services.search import search
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.actions import ActionDetailScreen
from smarkmeet.tui.screens.criticism import CriticismLogScreen
from smarkmeet.tui.screens.glossary import GlossaryScreen
from smarkmeet.tui.screens.search import SearchScreen
from tests.ui.screenshot_text import shown


async def test_results_are_grouped_and_enter_opens_what_was_found(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        await pilot.press(*"webinar")
        await pilot.pause()
        expected = search(sample_log, "webinar", per_kind=25)
        results = app.screen.query_one("#search-results", OptionList)
        headings = [option for option in results._options if option.disabled]
        assert len(headings) == len(expected.counts)
        assert results.option_count == len(expected.hits) + len(expected.counts)
        assert f"{expected.total} found" in str(app.screen.query_one("#search-status", Static).content)
        await pilot.press("enter")  # opens the first hit: an action item
        await pilot.pause()
        assert isinstance(app.screen, ActionDetailScreen)
        assert app.screen.item_id() == expected.hits[0].ref_id
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)


async def test_down_picks_a_result_and_enter_opens_it_even_typed_in_one_go(sample_log, clock):
    """Enter on the words only moved to the results, and ↓ did nothing there: with one result
    found, "icp↓⏎" opened nothing. Enter now opens the first result, ↓ moves onto the list."""
    from tests.ui.typing_ahead import burst, settle

    expected = search(sample_log, "webinar", per_kind=25)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        burst(app, "/webinar↓↓\n")
        await settle(pilot, 6)
        assert isinstance(app.screen, ActionDetailScreen)
        assert app.screen.item_id() == expected.hits[1].ref_id  # the second, in the order shown


async def test_a_followup_opens_its_note_and_a_term_the_glossary(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_search()
        await pilot.pause()
        followup = sample_log.one("SELECT f.comment, f.note_id FROM criticism_followups f LIMIT 1")
        hit = next(h for h in search(sample_log, followup["comment"]).hits if h.kind == "followup")
        from smarkmeet.tui.screens.search import open_hit

        open_hit(app, hit)
        await pilot.pause()
        assert isinstance(app.screen, CriticismLogScreen)
        app.pop_screen()
        term = sample_log.one("SELECT term FROM glossary_terms LIMIT 1")["term"]
        open_hit(app, next(h for h in search(sample_log, term).hits if h.kind == "glossary"))
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)


async def test_nothing_found_is_said(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.open_search("zzqqxx")
        await pilot.pause()
        assert "Nothing written matches" in str(app.screen.query_one("#search-status", Static).content)


async def test_the_palette_finds_and_opens_an_item(sample_log, clock):
    app = make_app(sample_log, clock)
    title = sample_log.one("SELECT title FROM action_items WHERE title LIKE '%ideal customer%'")["title"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"ideal customer profile")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ActionDetailScreen)
        assert title in shown(app)


async def test_enter_on_a_typo_that_finds_nothing_searches_for_what_it_was_likely_meant_to_be(sample_log, clock):
    from smarkmeet.services.search import did_you_mean

    typo = "prcing"
    meant = did_you_mean(sample_log, typo)
    assert meant is not None and search(sample_log, meant).total and not search(sample_log, typo).total
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*typo)
        await pilot.pause()
        status = str(app.screen.query_one("#search-status", Static).content)
        assert f"Did you mean “{meant}”? (Enter searches for it)" in status
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one("#search-query").value == meant
        assert f"{search(sample_log, meant).total} found" in str(app.screen.query_one("#search-status", Static).content)
        await pilot.press(*" x")  # typed after the suggestion, not inside it
        await pilot.pause()
        assert app.screen.query_one("#search-query").value == f"{meant} x"
