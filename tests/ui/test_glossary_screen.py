"""The glossary screen and the F2 definitions popup, driven through Pilot and checked in the log."""

from textual.widgets import Input, OptionList

from smarkmeet.services.meeting import MeetingRunner
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.glossary import GlossaryScreen
from smarkmeet.tui.screens.home import HomeScreen
from smarkmeet.tui.screens.meeting import MeetingScreen
from smarkmeet.tui.widgets.define import DefinePopup
from smarkmeet.tui.widgets.glossary_editor import DefinitionArea
from tests.ui.palette import palette_offers


def listed(app) -> list[str]:
    terms = app.screen.query_one("#glossary-terms", OptionList)
    return [str(terms.get_option_at_index(i).prompt) for i in range(terms.option_count)]


def shown(app, selector: str) -> str:
    rendered = app.screen.query_one(selector).render()  # (the definition is made for its width)
    return str(getattr(rendered, "plain", rendered))


async def open_glossary(pilot, term: str | None = None) -> GlossaryScreen:
    pilot.app.open_glossary(term)
    await pilot.pause()
    assert isinstance(pilot.app.screen, GlossaryScreen)
    return pilot.app.screen


async def test_d_on_the_home_screen_opens_the_glossary(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("d")
        assert isinstance(app.screen, GlossaryScreen)
        assert listed(app) == [t.term for t in sample_log.glossary.all()]


async def test_a_terms_heading_breaks_between_its_facts_at_80_columns(sample_log, clock):
    """At 80 columns the heading read "… · revision 1 · Tue 08 Sep 2026" / "10:07", and with the
    editor open "Tue 08 Sep" / "2026 10:07": the date and time are kept whole on a line."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_glossary(pilot)
        entry = sample_log.glossary.all()[0]
        stamp = f"{entry.updated_at:%a %d %b %Y %H:%M}"
        for _ in range(2):
            lines = shown(app, "#glossary-definition").splitlines()
            assert stamp in lines and lines[0].startswith(f"{entry.term} · revision {entry.revision}"), lines
            await pilot.press("n")  # the editor open beside it (a scrollbar may narrow the panel)
            await pilot.pause()


async def test_filter_as_you_type(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot)
        assert listed(app) == [t.term for t in sample_log.glossary.all()]
        await pilot.press("slash", *"sq")
        assert isinstance(app.focused, Input)
        assert listed(app) == ["SQL", "Opportunity"]  # the name first, then a definition that uses it
        assert "Sales-qualified lead" in shown(app, "#glossary-definition")
        await pilot.press("backspace", "backspace", *"zzz")
        assert listed(app) == [] and "No term matches" in shown(app, "#glossary-definition")
        await pilot.press("escape")  # clears the filter and leaves it, staying on the screen
        assert isinstance(app.screen, GlossaryScreen) and app.focused.id == "glossary-terms"
        assert listed(app) == [t.term for t in sample_log.glossary.all()]  # ("zzz" stayed, nothing listed)
        await pilot.press("slash", *"sq", "enter")  # a filter applied, the list focused: Esc clears it first
        assert listed(app) == ["SQL", "Opportunity"] and app.focused.id == "glossary-terms"
        await pilot.press("escape")
        assert isinstance(app.screen, GlossaryScreen) and len(listed(app)) == len(sample_log.glossary.all())
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_add_a_term_with_errors_shown_in_place(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot)
        await pilot.press("n", *"ICP", "enter")
        assert isinstance(app.focused, DefinitionArea)
        await pilot.press("enter")  # no definition yet: refused, the term is kept
        assert "type what “ICP” means" in shown(app, "#editor-error")
        assert app.screen.query_one("#editor-term", Input).value == "ICP"
        app.focused.text = "Ideal customer profile: the companies an MQL must resemble."
        await pilot.press("enter")
        await pilot.pause()
        assert not app.screen.query_one("#glossary-editor").has_class("-open")
        assert "ICP" in listed(app) and "Ideal customer profile" in shown(app, "#glossary-definition")
        await pilot.press("n", *"mql", "enter")
        # said at the term, before a definition is typed for nothing; the term stays to put right
        assert "“MQL” is already defined" in shown(app, "#editor-error")
        assert app.focused is app.screen.query_one("#editor-term", Input) and app.focused.value == "mql"
        await pilot.press("backspace", "backspace", "backspace", *"SQO", "enter")
        assert isinstance(app.focused, DefinitionArea) and shown(app, "#editor-error") == ""
    icp = sample_log.glossary.get("ICP")
    assert icp.definition.startswith("Ideal customer profile") and icp.revision == 1
    assert sample_log.glossary.get("MQL").revision == 1


async def test_edit_writes_a_new_revision(sample_log, clock):
    app = make_app(sample_log, clock)
    mql = sample_log.glossary.get("MQL")
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot, "mql")
        await pilot.press("e")
        area = app.focused
        assert isinstance(area, DefinitionArea) and area.text == mql.definition
        area.text = "   "
        await pilot.press("enter")
        assert "type what “MQL” means" in shown(app, "#editor-error") and area.text == "   "
        area.text = "A lead scoring 50+ that marketing hands to sales."
        await pilot.press("enter")
        await pilot.pause()
        assert "revision 2" in shown(app, "#glossary-definition")
        history = shown(app, "#glossary-history")
        assert history.index("rev 2") < history.index("rev 1") < history.index(mql.definition)
        await pilot.press("e", "enter")  # the same text again: unchanged
        await pilot.pause()
    revisions = sample_log.glossary.revisions(mql.id)
    assert [(r.revision, r.definition) for r in revisions] == [
        (1, mql.definition), (2, "A lead scoring 50+ that marketing hands to sales.")]


async def test_f2_on_home_defines_the_terms_on_screen(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        popup = app.screen
        assert isinstance(popup, DefinePopup) and popup.on_screen
        assert [t.term for t in popup.terms] == ["Lead", "MQL", "SAL"]  # from the scorecard's goal names
        await pilot.press("f2")  # F2 again closes it
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("f2", "down", "o")  # the second term, in the full glossary
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert "Marketing-qualified lead" in shown(app, "#glossary-definition")


async def test_f2_without_terms_on_screen_shows_the_whole_glossary(log, clock):
    app = make_app(log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("f2")
        assert isinstance(app.screen, DefinePopup) and app.screen.terms == []
        await pilot.press("escape")
        from smarkmeet.services.glossary import define_term

        define_term(log, "Nurture", "Not ready to buy; kept warm.")
        await pilot.press("f2")
        assert [t.term for t in app.screen.terms] == ["Nurture"] and not app.screen.on_screen
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)


async def resume(pilot) -> MeetingScreen:
    await pilot.press("enter")  # accept the offer to resume
    await pilot.pause()
    assert isinstance(pilot.app.screen, MeetingScreen)
    return pilot.app.screen


def meeting_at(sample_log, kind: str) -> str:
    """A meeting in progress at the section of ``kind``, as after a stop; the app offers to resume it."""
    runner = MeetingRunner(sample_log, sample_log.meetings.next_planned().id)
    runner.start()
    runner.go_to(next(s for s in runner.sections if s.kind.value == kind).id)
    return runner.meeting_id


async def test_f2_in_goal_review_defines_mql_and_sql(sample_log, clock):
    meeting_at(sample_log, "goal_review")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await resume(pilot)
        await pilot.press("f2")
        popup = app.screen
        assert isinstance(popup, DefinePopup)
        terms = {t.term: t.definition for t in popup.terms}
        assert {"MQL", "SQL", "SAL"} <= set(terms)  # goal names and the funnel-derived targets
        assert terms["SQL"].startswith("Sales-qualified lead")
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)


async def test_f2_in_lead_feedback_and_a_definition_agreed_in_the_meeting(sample_log, clock):
    meeting_id = meeting_at(sample_log, "lead_feedback")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await resume(pilot)
        await pilot.press("f2")
        assert [t.term for t in app.screen.terms] == ["Lead"]
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        await pilot.press("e")
        app.focused.text = "Anyone whose contact data we hold after they showed interest."
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("escape")
        assert isinstance(app.screen, MeetingScreen)  # back in the meeting
    lead = sample_log.glossary.get("Lead")
    latest = sample_log.glossary.revisions(lead.id)[-1]
    assert latest.revision == 2 and latest.meeting_id == meeting_id
    assert latest.changed_by == sample_log.meetings.get(meeting_id).facilitator_id


async def test_palette_offers_the_glossary(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        prompts = await palette_offers(app, pilot, "open glossary")
        assert any("glossary: Open glossary" in prompt for prompt in prompts)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        titles = [command.title for command in app.screen.palette_commands()]
        assert titles == ["glossary: New term", "glossary: Edit definition", "glossary: Filter terms",
                          "glossary: Back"]


async def test_the_palette_offers_quit_and_the_keys_once(sample_log, clock):
    """Textual's own Quit and Keys commands would sit beside smarkmeet's "app: Quit" and
    "app: Show keys" (the list `?` shows); only smarkmeet's are offered."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        system = [command.title for command in app.get_system_commands(app.screen)]
        assert "Theme" in system and "Quit" not in system and "Keys" not in system
        prompts = await palette_offers(app, pilot, "quit")
        assert [prompt for prompt in prompts if "Quit" in prompt] == [next(p for p in prompts if "app: Quit" in p)]


async def test_the_palette_lists_textuals_own_commands_after_smarkmeets(sample_log, clock):
    """Opened on home, the palette listed Maximize, Screenshot and Theme above every command of
    the meeting and the screens."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        prompts = await palette_offers(app, pilot, "")
        own = [f"app: {command.title}" for command in app.get_system_commands(app.screen) if command.discover]
        assert "app: Theme" in own
        assert [prompt.split("\n")[0] for prompt in prompts[-len(own):]] == own
        assert not any(prompt.split("\n")[0] in ("Theme", "Screenshot", "Maximize") for prompt in prompts)


async def test_a_refused_term_that_looks_like_markup_is_shown_as_typed(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot)
        await pilot.press("n")
        app.focused.value = "[/]"
        await pilot.press("enter")
        app.focused.text = "Closes whatever was open."
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GlossaryScreen)
        assert "“[/]” has no letter or digit" in shown(app, "#editor-error")
        assert app.screen.query_one("#editor-term", Input).value == "[/]"


async def test_keys_typed_fast_after_slash_n_and_e_reach_the_field_they_open(sample_log, clock):
    """The terms list ran /, n and e only once their key had passed through it, after the keys
    typed behind them had reached the list, which drops letters: a fast "/sq" filtered by
    nothing, "nICP⏎…" lost the term's first letters. Each key now opens its field as it arrives."""
    from tests.ui.typing_ahead import burst, settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot)
        burst(app, "/sq")
        await settle(pilot)
        assert app.screen.query_one("#glossary-filter", Input).value == "sq"
        burst(app, "⌫⌫mql\ne")  # Enter: onto the terms the filter found, e edits the first
        await settle(pilot)
        assert app.screen.query_one("#glossary-filter", Input).value == "mql" and listed(app)[0] == "MQL"
        assert app.screen.query_one("#glossary-editor").has_class("-open") and "MQL" in shown(app, "#editor-title")
        burst(app, "⎋")
        await settle(pilot)
        assert app.focused.id == "glossary-terms"
        burst(app, "/⌃\n")  # the filter emptied
        await settle(pilot)
        assert app.focused.id == "glossary-terms" and len(listed(app)) == len(sample_log.glossary.all())
        burst(app, "nICP\nIdeal customer profilx⌫e\n")  # a typo put right in the definition
        await settle(pilot, 8)
        assert not app.screen.query_one("#glossary-editor").has_class("-open")
        assert sample_log.glossary.get("ICP").definition == "Ideal customer profile"
        assert app.focused.id == "glossary-terms" and "ICP" in shown(app, "#glossary-definition")
        burst(app, "e, signed by both teams\n")  # on the end of the definition shown
        await settle(pilot, 8)
        assert not app.screen.query_one("#glossary-editor").has_class("-open")
    icp = sample_log.glossary.get("ICP")
    assert (icp.definition, icp.revision) == ("Ideal customer profile, signed by both teams", 2)


async def test_f2_reads_the_titles_of_the_screens_boxes_too(sample_log, clock):
    """"Two-sided SLA" is a box's title on the lead report: F2 listed Lead and Not worked, not SLA."""
    from smarkmeet.tui.screens.leads import LeadReportScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(LeadReportScreen())
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DefinePopup)
        assert "SLA" in [t.term for t in app.screen.terms]


async def test_f2_reads_the_lines_made_for_their_width(sample_log, clock):
    """The home card, the trends headings and the meeting's summary lines are made for their
    width (Fitted): F2 read them as empty, and "Overdue" defined was not offered on home."""
    from smarkmeet.services import glossary
    from smarkmeet.services.glossary import terms_in_text
    from smarkmeet.tui.screens.trends import TrendsScreen
    from smarkmeet.tui.visible_text import screen_text

    glossary.define_term(sample_log, "Overdue", "Past its due date and not closed.")
    glossary.define_term(sample_log, "Conversion", "A lead that became a customer.")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        assert "Overdue" in [t.term for t in terms_in_text(sample_log, screen_text(app.screen))]
        app.push_screen(TrendsScreen())
        await pilot.pause()
        await pilot.pause()
        said = screen_text(app.screen)
        assert "Lead conversion by source" in said and "Conversion" in [t.term for t in terms_in_text(sample_log, said)]


async def test_f2_on_the_glossary_says_it_read_the_definition_shown(sample_log, clock):
    """On the glossary F2 said "2 defined terms on this screen" beside a list of all 8: it reads
    the definition shown (terms used to define terms), and now says so."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot)
        await pilot.press("f2")
        await pilot.pause()
        popup = app.screen
        assert isinstance(popup, DefinePopup)
        title = str(popup.query_one("#define-title").render())
        assert "in the definition shown" in title and "on this screen" not in title, title
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")  # home: the terms on its screen, as before
        await pilot.pause()
        await pilot.press("f2")
        await pilot.pause()
        assert "on this screen" in str(app.screen.query_one("#define-title").render())


async def test_a_term_typed_in_one_burst_is_still_checked_before_its_definition(sample_log, clock):
    """n then "Lead⏎" in one burst (typed fast, or pasted) went straight to the definition with
    no "already defined": the term was read as Enter arrived, before its letters were in."""
    from tests.ui.typing_ahead import burst, settle

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_glossary(pilot)
        burst(app, "nLead\n")
        await settle(pilot, 6)
        assert "“Lead” is already defined" in shown(app, "#editor-error")
        assert app.focused is app.screen.query_one("#editor-term", Input) and app.focused.value == "Lead"
