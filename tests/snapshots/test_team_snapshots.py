"""The team screen on the demo log with the fixed clock: wide with someone who left shown, narrow,
and the person form's refusal."""

from smarkmeet.services.team import find_member, leave
from smarkmeet.tui.app import make_app


async def open_team(pilot, *keys: str) -> None:
    pilot.app.screen.action_team()
    await pilot.pause()
    await pilot.press(*keys)
    await pilot.pause()


def test_team_screen_with_someone_who_left(snap_compare, sample_log, clock):
    leave(sample_log, find_member(sample_log, "priya").id)

    async def run_before(pilot) -> None:
        await open_team(pilot, "h", "end")

    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), run_before=run_before)


def test_team_screen_narrow(snap_compare, sample_log, clock):
    async def run_before(pilot) -> None:
        await open_team(pilot, "down", "down")

    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=run_before)


def test_person_form_refusal(snap_compare, sample_log, clock):
    async def run_before(pilot) -> None:
        await open_team(pilot, "n")
        pilot.app.screen.query_one("#person-name").value = "Dana Okafor"
        await pilot.press("enter")
        await pilot.pause()

    assert snap_compare(make_app(sample_log, clock), terminal_size=(80, 24), run_before=run_before)
