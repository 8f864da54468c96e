"""The team screen driven through Textual's Pilot: add, edit, someone leaving and coming back,
asserting on the log."""

from textual.widgets import DataTable, Input, Static

from smarkmeet.services.team import members
from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.team import TeamScreen
from smarkmeet.tui.widgets.fields import ChoiceField
from smarkmeet.tui.widgets.personform import PersonForm
from tests.ui.palette import palette_offers
from tests.ui.typing_ahead import burst, settle


async def open_team(pilot) -> TeamScreen:
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(pilot.app.screen, TeamScreen)
    return pilot.app.screen


async def fill(pilot, **values: str) -> None:
    for field, value in values.items():
        pilot.app.screen.query_one(f"#person-{field}", Input).value = value
    await pilot.pause()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


def listed_ids(screen) -> list[str]:
    table = screen.query_one(DataTable)
    return [row.value for row in table.rows]


def person_named(log, name):
    return next(person for person in log.people.all(include_inactive=True) if person.name == name)


async def test_add_edit_leave_and_come_back(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        assert listed_ids(screen) == [member.person.id for member in members(sample_log)]

        await pilot.press("n")
        assert isinstance(app.screen, PersonForm)
        await pilot.press(*"Ravi Patel")
        app.screen.query_one("#person-side", ChoiceField).value = "marketing"
        await fill(pilot, role="Field marketing")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        ravi = person_named(sample_log, "Ravi Patel")
        assert (ravi.handle, ravi.side.value, ravi.role, ravi.guest) == ("ravi", "marketing", "Field marketing", False)
        assert screen.selected().id == ravi.id
        assert listed_ids(screen) == [member.person.id for member in members(sample_log)]
        assert "Ravi Patel" in text_of(screen, "#team-person")

        await pilot.press("e")
        await fill(pilot, handle="rpatel", email="ravi@example.com")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        edited = sample_log.people.get(ravi.id)
        assert (edited.handle, edited.email, edited.role) == ("rpatel", "ravi@example.com", "Field marketing")

        await pilot.press("x")
        await pilot.pause()
        # the answers name the person ("Take them off" after "they still own 2 items" read as the items)
        assert [label for label, _ in app.screen.choices] == ["Take Ravi off the team", "Keep Ravi"]
        await pilot.press("1")
        await pilot.pause()
        assert not sample_log.people.get(ravi.id).active
        assert ravi.id not in listed_ids(screen)

        await pilot.press("h")
        await pilot.pause()
        assert ravi.id in listed_ids(screen)
        screen.query_one(DataTable).move_cursor(row=listed_ids(screen).index(ravi.id))
        await pilot.pause()
        assert "Left the team" in text_of(screen, "#team-person")
        await pilot.press("b")
        await pilot.pause()
        assert sample_log.people.get(ravi.id).active

        await pilot.press("escape")
        assert app.screen is not screen


async def test_a_refused_person_keeps_the_typed_text_and_says_why(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_team(pilot)
        before = sample_log.rows("SELECT * FROM people ORDER BY id")
        await pilot.press("n")
        form = app.screen
        await pilot.press("enter")
        assert "name" in text_of(form, "#person-form-error").lower()
        assert form.focused is form.query_one("#person-name", Input)

        await fill(pilot, name="Ravi Patel", handle="dana")
        await pilot.press("enter")
        assert "Handle @dana is Dana Okafor's" in text_of(form, "#person-form-error")
        assert form.focused is form.query_one("#person-handle", Input)
        await fill(pilot, handle="", name="dana okafor")
        await pilot.press("enter")
        assert "on the team already" in text_of(form, "#person-form-error")
        await fill(pilot, name="Ravi Patel", email="ravi at example")
        await pilot.press("enter")
        assert "is not an address" in text_of(form, "#person-form-error")
        assert form.focused is form.query_one("#person-email", Input)
        assert form.query_one("#person-name", Input).value == "Ravi Patel"
        assert sample_log.rows("SELECT * FROM people ORDER BY id") == before
        await pilot.press("escape")
        assert isinstance(app.screen, TeamScreen)
    assert sample_log.rows("SELECT * FROM people ORDER BY id") == before


async def test_a_side_change_says_how_many_open_items_moved(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        member = next(m for m in members(sample_log) if m.open_items and m.person.side.value == "marketing")
        screen.query_one(DataTable).move_cursor(row=listed_ids(screen).index(member.person.id))
        await pilot.press("e")
        app.screen.query_one("#person-side", ChoiceField).value = "sales"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        assert any(f"{member.open_items} open item(s) of theirs moved to sales" in str(n.message)
                   for n in app._notifications)
    assert {row["side"] for row in sample_log.rows(
        "SELECT side FROM action_items WHERE owner_id = ? AND status = 'open'", [member.person.id])} == {"sales"}


async def test_leaving_asks_first_and_names_the_items_they_still_own(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        member = next(m for m in members(sample_log) if m.open_items)
        screen.query_one(DataTable).move_cursor(row=listed_ids(screen).index(member.person.id))
        await pilot.press("x")
        await pilot.pause()
        question = " ".join(str(s.content) for s in app.screen.query(Static))
        assert f"They still own {member.open_items} open item(s)" in question
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen and sample_log.people.get(member.person.id).active


async def test_a_read_only_log_opens_no_form(read_only_sample_log, clock):
    app = make_app(read_only_sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        for key in ("n", "e", "x"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
        assert any("read-only" in str(n.message) for n in app._notifications)


async def test_every_team_key_has_a_palette_command_and_a_tooltip(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_team(pilot)
        prompts = set(await palette_offers(app, pilot, "team"))
        for title in ("team: Add someone", "team: Edit person", "team: Take off the team", "team: Back on the team",
                      "team: Show who left and guests", "team: Back"):
            assert any(title in prompt for prompt in prompts), title
    for binding in [*TeamScreen.BINDINGS, *PersonForm.BINDINGS]:
        assert binding.id and binding.tooltip, binding


async def test_the_team_screen_reads_at_80_columns(sample_log, clock):
    """At 80 columns the role was left out, whatever its length, beside 35 empty columns: the
    columns that fit are shown, the last meeting going first, then the role."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_team(pilot)
        table = screen.query_one(DataTable)
        assert [str(column.label) for column in table.columns.values()] == ["Name", "Handle", "Side", "Role", "Items"]
        assert table.virtual_size.width <= table.size.width
        assert "Last checked in" in text_of(screen, "#team-person")
        long_role = sample_log.people.team()[0]
        sample_log.people.update(long_role.id, {"role": "Senior strategic enterprise accounts director",
                                                "name": "Maximiliana Oyelaran-Fitzgerald"})
        screen.refresh_team()
        await pilot.pause()
        assert [str(column.label) for column in table.columns.values()] == ["Name", "Handle", "Side", "Items"]
        assert table.virtual_size.width <= table.size.width
        # a name and a handle too long for even the fewest columns: the name is cut to fit
        sample_log.people.update(long_role.id, {"name": "Maximiliana Oyelaran-Fitzgerald de la Cruz",
                                                "handle": "maximiliana.oyelaran.fitzgerald"})
        screen.refresh_team()
        await pilot.pause()
        assert table.virtual_size.width <= table.size.width
        await pilot.resize_terminal(150, 30)
        await pilot.pause()
        assert [str(column.label) for column in table.columns.values()] == \
            ["Name", "Handle", "Side", "Role", "Open items", "Last here"]
        assert table.virtual_size.width <= table.size.width


async def test_the_meeting_marks_the_items_of_someone_who_left_and_w_hands_them_on(sample_log, clock):
    from smarkmeet.services.team import leave
    from smarkmeet.tui.screens.meeting import MeetingScreen
    from smarkmeet.tui.widgets.panels.review import ActionReviewPanel
    from tests.ui.screenshot_text import shown

    owner = next(m.person for m in members(sample_log) if m.open_items)
    leave(sample_log, owner.id)
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("s")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("ctrl+n")  # the action review
        await pilot.pause()
        panel = app.screen.query_one(ActionReviewPanel)
        theirs = [n for n, row in enumerate(panel._rows) if row.owner_id == owner.id]
        assert theirs and all(panel._rows[n].owner_left for n in theirs)
        assert f"{owner.name.split()[0]} (left)" in shown(app)
        panel.query_one(DataTable).move_cursor(row=theirs[0])
        item_id = panel._rows[theirs[0]].id
        await pilot.press("w")
        await pilot.pause()
        app.focused.value = owner.handle  # someone who left cannot be given it
        await pilot.press("enter")
        await pilot.pause()
        assert "left the team" in shown(app) and sample_log.actions.get(item_id).owner_id == owner.id
        app.focused.value = "dana"
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.actions.get(item_id).owner_id == sample_log.people.by_handle("dana").id


async def test_a_person_typed_at_speed_keeps_every_field(sample_log, clock):
    """Typed fast, the role and email after the side went to the side's pop-up list and were lost:
    the person was saved without them. A letter on the side picks it (m: marketing)."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        await pilot.press("n")
        await pilot.pause()
        burst(app, "Quinn Fast⇥⇥m⇥SDR⇥quinn@example.com\n")
        await settle(pilot, 8)
        assert app.screen is screen
    quinn = person_named(sample_log, "Quinn Fast")
    assert (quinn.side.value, quinn.role, quinn.email, quinn.handle) == ("marketing", "SDR", "quinn@example.com",
                                                                         "quinn")


async def test_a_letter_typed_straight_before_enter_is_taken_and_a_click_to_focus_changes_nothing(sample_log, clock):
    """'g⏎' on the As field saved a member (the letter waited behind the Enter); the click that
    focused a choice also changed it."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_team(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.click("#person-side")
        await pilot.pause()
        assert app.screen.query_one("#person-side", ChoiceField).value == "sales"
        app.screen.query_one("#person-name", Input).focus()
        await pilot.pause()
        burst(app, "Gina Guest⇥⇥o→⇥⇥⇥g\n")
        await settle(pilot, 8)
    gina = person_named(sample_log, "Gina Guest")
    assert (gina.guest, gina.side.value) == (True, "sales")  # o: other, → wraps round to sales


async def test_tab_never_lands_on_the_forms_buttons_so_enter_always_saves(sample_log, clock):
    """Shift+Tab from the name wrapped onto Cancel: the Enter meant to save threw the form away."""
    from textual.widgets import Button

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_team(pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await fill(pilot, name="Kai Nine")
        for key in ("shift+tab", "shift+tab", "tab", "tab", "tab", "tab", "tab", "tab", "tab", "shift+tab"):
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.focused, Button), key
        await pilot.press("enter")
        await pilot.pause()
    assert any(person.name == "Kai Nine" for person in sample_log.people.all())


async def test_a_name_close_to_someone_on_the_team_is_said_when_added(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await open_team(pilot)
        await pilot.press("n")
        await pilot.press(*"Jordan Blak")
        await pilot.press("enter")
        await pilot.pause()
        said = str(list(app._notifications)[-1].message)
        assert "close to Jordan Blake (@jordan)" in said and "x takes this one off the team" in said, said


async def test_a_lists_the_open_items_of_the_person_under_the_cursor(sample_log, clock):
    """The person panel said "a, then /@jordan, to hand them on", and a did nothing there."""
    from smarkmeet.tui.screens.actions import ActionItemsScreen

    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        owners = {row["owner_id"] for row in sample_log.rows(
            "SELECT owner_id FROM action_items WHERE status = 'open' AND owner_id IS NOT NULL")}
        table = screen.query_one(DataTable)
        while screen.selected().id not in owners:
            await pilot.press("down")
        person = screen.selected()
        assert "a lists them" in text_of(screen, "#team-person")
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, ActionItemsScreen)
        open_items = {row["id"] for row in sample_log.rows(
            "SELECT id FROM action_items WHERE status = 'open' AND owner_id = ?", [person.id])}
        listed = {row.value for row in app.screen.query_one("#actions-table", DataTable).rows}
        assert listed == open_items and table.row_count
        await pilot.press("escape")  # back to the team at once, not to every item (where x drops one)
        await pilot.pause()
        assert app.screen is screen


async def test_a_problem_goes_once_its_field_is_changed(sample_log, clock):
    """"⚠ Mei Chen (@mei) is on the team already" stayed under the name after it was changed."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_team(pilot)
        await pilot.press("n")
        await pilot.pause()
        taken = sample_log.people.team()[0]
        await fill(pilot, name=taken.name)
        await pilot.press("enter")
        await pilot.pause()
        assert "on the team already" in text_of(app.screen, "#person-form-error")
        await pilot.press("end", "2")  # another name, typed in the field the problem was about
        await pilot.pause()
        assert text_of(app.screen, "#person-form-error") == ""


async def test_a_member_with_no_open_items_is_counted_0(sample_log, clock):
    """The team screen said "—" (no data, everywhere else) where `team list` says 0."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_team(pilot)
        table = screen.query_one(DataTable)
        counts = {m.person.id: m.open_items for m in members(sample_log)}
        assert 0 in counts.values()
        column = list(table.columns).index(next(key for key, column in table.columns.items()
                                                 if "Open" in str(column.label)))
        for person_id, count in counts.items():
            assert str(table.get_row(person_id)[column]) == str(count)
