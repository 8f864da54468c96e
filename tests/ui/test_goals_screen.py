"""The goals screen driven through Textual's Pilot: add, edit and retire goals, asserting on the log."""

from datetime import date

from textual.widgets import DataTable, Input, Static

from smarkmeet.tui.app import make_app
from smarkmeet.tui.screens.goals import GoalFunnelPanel, GoalsScreen
from smarkmeet.tui.widgets.goalform import GoalForm
from tests.ui.palette import palette_offers
from tests.ui.screenshot_text import drawn
from tests.ui.typing_ahead import burst, settle


async def open_goals(pilot) -> GoalsScreen:
    await pilot.press("ctrl+p")
    await pilot.press(*"manage goals")
    await pilot.pause(0.3)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, GoalsScreen)
    return pilot.app.screen


async def fill(pilot, **values: str) -> None:
    for field, value in values.items():
        pilot.app.screen.query_one(f"#goal-{field}", Input).value = value
    await pilot.pause()


def text_of(screen, selector: str) -> str:
    return str(screen.query_one(selector, Static).content)


async def refused(pilot, form: GoalForm, says: str, field: str | None = None) -> None:
    """Enter saves the form: it stays open, saying ``says``, the cursor in ``field`` (if given)."""
    await pilot.press("enter")
    assert says in text_of(form, "#goal-form-error")
    if field:
        assert form.focused is form.query_one(f"#goal-{field}", Input)


async def test_add_edit_and_retire_a_goal(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_goals(pilot)
        table = screen.query_one(DataTable)
        assert table.row_count == len(sample_log.goals.active())

        await pilot.press("n")
        assert isinstance(app.screen, GoalForm)
        await pilot.press(*"Revenue won")
        await fill(pilot, metric="revenue", target="40,000")
        app.screen.query_one("#goal-unit").value = "currency"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        [goal] = [g for g in sample_log.goals.active() if g.name == "Revenue won"]
        assert (goal.metric, goal.target, goal.unit.value) == ("revenue", 40000, "currency")
        assert table.row_count == len(sample_log.goals.active())
        assert screen.selected().goal.id == goal.id
        needed = funnel_needs(sample_log, goal)
        assert f"{needed['customers']:>7}" in text_of(screen, "#goal-funnel-needs")

        sample_log.goals.check_in(goal, date(2026, 11, 16), 38000)
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#goal-target").value == "40,000"  # as typed, not "40000"
        await fill(pilot, target="50000")
        await pilot.press("enter")
        await pilot.pause()
        assert sample_log.goals.get(goal.id).target == 50000
        assert [c.target for c in sample_log.goals.checkins(goal.id)] == [40000]

        await pilot.press("x")
        await pilot.press("1")
        await pilot.pause()
        assert sample_log.goals.get(goal.id).retired_at == clock.now()
        assert goal.id not in {g.id for g in sample_log.goals.active()}
        assert len(sample_log.goals.checkins(goal.id)) == 1
        assert table.row_count == len(sample_log.goals.active())

        await pilot.press("h")
        await pilot.pause()
        assert table.row_count == len(sample_log.goals.all(include_retired=True))
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "HomeScreen"


def funnel_needs(log, goal) -> dict:
    from smarkmeet.services import funnel

    worked, _ = funnel.funnel_for_goal(log, goal)
    return {step.stage: funnel.shown_need(step.needed) for step in worked.steps}


async def test_the_form_keeps_the_typed_text_on_error(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        before = sample_log.rows("SELECT count(*) AS n FROM goals")[0]["n"]
        await pilot.press("n")
        await fill(pilot, name="Pipeline Q4", metric="sqls", target="lots")
        await pilot.press("enter")
        form = app.screen
        assert isinstance(form, GoalForm)
        assert "is not a number" in text_of(form, "#goal-form-error")
        assert form.query_one("#goal-name", Input).value == "Pipeline Q4"
        assert form.focused is form.query_one("#goal-target", Input)

        await fill(pilot, target="10", amber="1.5")
        await refused(pilot, form, "reads two ways", "amber")
        await fill(pilot, amber="120%")
        await refused(pilot, form, "is not a share of the target: type it like 80%, 80 or 0.8", "amber")
        await fill(pilot, name="new customers", amber="80%")
        await refused(pilot, form, "already a goal named")
        assert sample_log.rows("SELECT count(*) AS n FROM goals")[0]["n"] == before
        await pilot.press("escape")
        assert isinstance(app.screen, GoalsScreen)


async def test_a_target_in_another_currency_is_refused_at_once(sample_log, clock):
    """With the team's currency CHF, a new goal's target "€50,000" said "the unit is now currency;
    Enter saves", then the next Enter refused it as not the team's currency."""
    sample_log.set_setting("currency", "CHF")
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await fill(pilot, name="Revenue Q1", metric="revenue", target="€50,000")
        await pilot.press("enter")
        form = app.screen
        assert "is in €, but the team's currency is CHF" in text_of(form, "#goal-form-error")
        await fill(pilot, target="CHF 50,000")
        await pilot.press("enter")  # the unit said once (money), then saved
        await pilot.press("enter")
        await pilot.pause()
    saved = sample_log.one("SELECT target, unit FROM goals WHERE name = 'Revenue Q1'")
    assert (saved["target"], saved["unit"]) == (50000, "currency")


async def test_side_panel_shows_rates_and_where_they_come_from(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_goals(pilot)
        from smarkmeet.services import funnel

        rates = funnel.measure_rates(sample_log)
        shown = text_of(screen, "#goal-funnel-rates")
        for stage in rates.stages:
            assert stage.source() in shown
        assert "No funnel-derived targets" in text_of(screen, "#goal-funnel-needs")  # the first goal counts MQLs
        rows = [s.goal.name for s in screen._statuses]
        await pilot.press(*["down"] * rows.index("New customers"))
        assert "Needed per week" in text_of(screen, "#goal-funnel-needs")
        assert screen.query_one(GoalFunnelPanel).border_title.endswith("New customers")


async def test_every_goals_action_is_in_the_palette_and_every_key_has_an_id(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        prompts = set(await palette_offers(app, pilot, "goals"))
        for title in ("goals: Add goal", "goals: Edit goal", "goals: Retire goal", "goals: Show retired goals",
                      "goals: Back"):
            assert any(title in prompt for prompt in prompts), title
    for binding in [*GoalsScreen.BINDINGS, *GoalForm.BINDINGS]:
        assert binding.id and binding.tooltip, binding


async def test_goals_screen_reads_at_80_columns(sample_log, clock):
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_goals(pilot)
        table = screen.query_one(DataTable)
        assert [str(column.label) for column in table.columns.values()] == ["Goal", "Target", "Latest", "Attained", "Status"]
        assert table.virtual_size.width <= table.size.width
        # the goal's facts break between facts: "target 25" / "· amber from 80%" began a line with a dot
        needs = screen.query_one("#goal-funnel-needs")
        for row in range(table.row_count):
            table.move_cursor(row=row)
            await pilot.pause()
            await pilot.pause()
            goal = screen.selected().goal
            lines = drawn(needs)
            facts = lines[:lines.index("")]
            assert facts[0].startswith(f"{goal.metric} · ") and not any(line.startswith("·") for line in facts), lines
            assert f"amber from {goal.amber_threshold * 100:g}%" in " ".join(facts)


async def test_the_form_reads_a_target_in_the_goals_unit_and_asks_for_the_name_first(sample_log, clock):
    """An empty form asked for the target before the name; "€60,000.50" on a count goal was
    saved as a count of 60,000.5; an amber of 120% was refused as "must be at most 1.0"."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        before = sample_log.rows("SELECT count(*) AS n FROM goals")[0]["n"]
        await pilot.press("n")
        await pilot.press("enter")
        form = app.screen
        assert "name" in text_of(form, "#goal-form-error").lower()
        assert form.focused is form.query_one("#goal-name", Input)
        await fill(pilot, name="Customers won", metric="customers", target="€60,000.50")
        await refused(pilot, form, "is an amount of money, so the unit is now currency")
        assert form.query_one("#goal-unit").value == "currency"  # set, and said before anything is saved
        form.query_one("#goal-unit").value = "count"
        await refused(pilot, form, "is an amount of money, but this goal is a count", "target")  # count chosen
        await fill(pilot, target="12", amber="120%")
        await refused(pilot, form, "at most 100%")
        assert sample_log.rows("SELECT count(*) AS n FROM goals")[0]["n"] == before
        await fill(pilot, amber="75%")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalsScreen)
    goal = next(goal for goal in sample_log.goals.active() if goal.name == "Customers won")
    assert (goal.target, goal.amber_threshold) == (12, 0.75)


async def test_keys_typed_straight_after_enter_go_where_it_leads(sample_log, clock):
    """A hurried "name⏎" moves to the metric field, asked next: the metric typed straight after it
    goes there, not onto the name, and so does the target after the metric's Enter; the last Enter
    saves, and the key typed after it reaches the goals screen."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_goals(pilot)
        await pilot.press("n")
        await pilot.pause()
        burst(app, "Demo calls\nmqls\n40\n")
        await settle(pilot, 6)
        assert isinstance(app.screen, GoalsScreen), text_of(app.screen, "#goal-form-error")
        saved = sample_log.rows("SELECT name, metric, target FROM goals WHERE name = 'Demo calls'")
        assert [(row["name"], row["metric"], row["target"]) for row in saved] == [("Demo calls", "mqls", 40)]
        burst(app, "n")  # the goals screen's own key, typed after the form closed
        await settle(pilot)
        assert isinstance(app.screen, GoalForm) and screen is not app.screen


async def test_a_goal_typed_at_speed_keeps_every_field(sample_log, clock):
    """Keys typed straight after tabbing out of a unit, owner or period went to its pop-up list:
    the amber and description typed after them were lost. A letter picks a choice (c: currency)."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_goals(pilot)
        await pilot.press("n")
        await pilot.pause()
        burst(app, "Revenue won⇥revenue⇥40,000⇥c⇥s⇥m⇥70%⇥Closed-won value\n")
        await settle(pilot, 8)
        assert app.screen is screen
    [goal] = [g for g in sample_log.goals.active() if g.name == "Revenue won"]
    assert (goal.unit.value, goal.owner_side.value, goal.period.value, goal.amber_threshold, goal.description) == (
        "currency", "sales", "monthly", 0.7, "Closed-won value")


async def test_a_new_unit_under_the_same_figure_is_said_before_it_is_saved(sample_log, clock):
    """The form always sends the target: a goal of 60,000 leads switched to percent was saved as
    a 60000 % target without a word."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_goals(pilot)
        await pilot.press("n")
        await pilot.press(*"Leads touched")
        await fill(pilot, metric="leads", target="60,000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [goal] = [g for g in sample_log.goals.active() if g.name == "Leads touched"]
        assert screen.selected().goal.id == goal.id
        await pilot.press("e")
        form = app.screen
        form.query_one("#goal-unit").value = "percent"
        await refused(pilot, form, "Target: 60,000 was typed as count; in percent it reads 60000%", "target")
        assert sample_log.goals.get(goal.id).unit.value == "count"
        await pilot.press("enter")  # saved again: the figure kept, as asked
        await pilot.pause()
        assert app.screen is screen and sample_log.goals.get(goal.id).unit.value == "percent"

        await pilot.press("e")
        app.screen.query_one("#goal-unit").value = "count"
        await fill(pilot, target="600")  # a target typed with the unit: saved at once
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen and (sample_log.goals.get(goal.id).unit.value, sample_log.goals.get(goal.id).target) == ("count", 600)


async def test_a_new_goals_target_typed_with_a_sign_sets_its_unit(sample_log, clock):
    """In the form, a new goal's target typed €60,000 with the unit left at count was refused as
    "an amount of money, but this goal is a count": the sign now sets the unit, as on the command
    line: set, and said, the next Enter saving. An existing goal's unit is never changed by its
    target's sign."""
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_goals(pilot)
        await pilot.press("n")
        await pilot.press(*"Revenue won")
        await fill(pilot, metric="revenue", target="€60,000")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "the unit is now currency" in text_of(app.screen, "#goal-form-error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [goal] = [g for g in sample_log.goals.active() if g.name == "Revenue won"]
        assert (goal.target, goal.unit.value) == (60000, "currency")
        counted = next(g for g in sample_log.goals.active() if g.unit.value == "count")
        table = app.screen.query_one(DataTable)
        table.move_cursor(row=table.get_row_index(counted.id))
        await pilot.press("e")
        await pilot.pause()
        await fill(pilot, target="€30")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, GoalForm)  # refused: the goal's unit is its own
        assert "amount of money" in text_of(app.screen, "#goal-form-error")
        assert sample_log.goals.get(counted.id).unit.value == "count"
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")  # a money metric's target typed with no sign: money all the same
        await pilot.press(*"Pipeline added")
        await fill(pilot, metric="pipeline", target="72k")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "“72k” is a pipeline figure, so the unit is now currency" in text_of(app.screen, "#goal-form-error")
        await pilot.press("ctrl+s")
        await pilot.pause()
        [goal] = [g for g in sample_log.goals.active() if g.name == "Pipeline added"]
        assert (goal.target, goal.unit.value) == (72000, "currency")


async def test_at_80_columns_a_rates_source_that_wraps_stays_indented(log, clock):
    """"default (0 leads entered MQL; 20 / needed to measure)" wrapped back under the left pane."""
    import os

    from rich.console import Console

    from smarkmeet.domain.models import Goal

    log.goals.add(Goal(name="New customers", metric="customers", target=3, created_at=clock.now()))
    app = make_app(log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_goals(pilot)
        rates = screen.query_one("#goal-funnel-rates", Static)
        console = Console(width=rates.content_region.width, record=True, file=open(os.devnull, "w"))
        console.print(rates.content)
        lines = [line for line in console.export_text().splitlines() if line.strip()]
        sources = [n for n, line in enumerate(lines) if line.lstrip().startswith("default")]
        assert sources and all(lines[n + 1].startswith("    ") for n in sources if n + 1 < len(lines)
                                and not lines[n + 1].lstrip().startswith(("MQL", "SAL", "SQL"))), lines
        assert any(len(lines) > n + 1 and not lines[n + 1].lstrip().startswith(("MQL", "SAL", "SQL"))
                   for n in sources)  # one wraps at this width
