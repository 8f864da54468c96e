"""The glossary screen, its editor and the F2 popup, on the demo log with the clock stopped."""

from smarkmeet.tui.app import make_app


def with_a_revision_from_a_meeting(sample_log, clock):
    """The demo log, with MQL redefined in the last meeting an hour later — so history has two lines."""
    clock.advance(hours=1)
    meeting = sample_log.meetings.last_ended(kind="weekly")
    sample_log.glossary.define(
        "MQL", "A lead that fits our ideal customer profile and scored 50+ on engagement.",
        changed_by=sample_log.people.by_handle("mei").id, meeting_id=meeting.id,
    )
    return make_app(sample_log, clock)


async def open_at_mql(pilot) -> None:
    pilot.app.open_glossary("MQL")
    await pilot.pause()


async def add_with_an_error(pilot) -> None:
    """Adding a term that exists: refused at the term's Enter, the typed term kept to put right."""
    await open_at_mql(pilot)
    await pilot.press("n", *"mql", "enter")
    await pilot.pause()  # the term is read in the field's own turn, and the cursor brought back to it
    pilot.app.focused.cursor_blink = False  # the term's field
    await pilot.pause()


def test_glossary_screen(snap_compare, sample_log, clock):
    app = with_a_revision_from_a_meeting(sample_log, clock)
    assert snap_compare(app, terminal_size=(120, 40), run_before=open_at_mql)


def test_glossary_screen_narrow(snap_compare, sample_log, clock):
    app = with_a_revision_from_a_meeting(sample_log, clock)
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_at_mql)


def test_glossary_editor_error(snap_compare, sample_log, clock):
    app = with_a_revision_from_a_meeting(sample_log, clock)
    assert snap_compare(app, terminal_size=(120, 40), run_before=add_with_an_error)


def test_define_popup_on_home(snap_compare, sample_log, clock):
    assert snap_compare(make_app(sample_log, clock), terminal_size=(120, 40), press=["f2"])
