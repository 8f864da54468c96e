"""The choice dialog: answered once, whatever arrives after the answer."""

from __future__ import annotations

import pytest

from smarkmeet.tui.app import make_app
from smarkmeet.tui.widgets.dialogs import ChoiceDialog


async def test_a_second_answer_does_not_close_the_screen_below(sample_log, clock):
    """Two answers queued together (a double click; a click and a key) dismissed the dialog and
    then the screen under it, leaving a blank screen."""
    answers = []
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        home = app.screen
        dialog = ChoiceDialog("Which?", [("one", 1), ("two", 2)])
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        dialog.action_pick(0)
        dialog.action_pick(1)
        dialog.action_cancel()
        await pilot.pause()
        await pilot.pause()
        assert app.screen is home
        assert answers == [1]


async def test_a_notice_over_a_dialog_leaves_its_hint_in_sight(sample_log, clock):
    """At 80x24 an 'Added: …' notice at the foot covered the dialog's '↑/↓ and Enter, or the
    number · Esc cancels': over a dialog, notices show at the top."""
    from tests.ui.screenshot_text import shown

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("Added: Send the webinar list — Dana Okafor, due Fri 11 Dec", timeout=30)
        app.push_screen(ChoiceDialog("Nobody on the team is @zoe.", [("Add Zoe to sales", 1), ("as a guest", 2)]))
        await pilot.pause(0.3)
        assert isinstance(app.screen, ChoiceDialog)
        lines = shown(app).splitlines()
        hint = next(n for n, line in enumerate(lines) if "Esc cancels" in line)
        assert "Added: Send the webinar" in "\n".join(lines[:hint])


async def test_a_short_window_keeps_few_passing_notices_and_another_screen_drops_old_ones(sample_log, clock):
    """At 80×24 three ctrl+z notices covered most of a list, and an export's notice still covered
    the rows of the screens opened after it. Warnings stay until they time out."""
    import time

    from smarkmeet.tui.app import NOTICE_STAYS_ON_SCREEN_CHANGE

    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        app.notify("a warning", severity="warning", timeout=10)
        app.notify("path of the export", title="Exported", timeout=10)  # says where a file went: stays
        for n in range(4):
            app.notify(f"done {n}", timeout=10 if n == 0 else None)
        await pilot.pause()
        # the newest passing notice replaces those before it: two stacked covered the rows worked on
        assert [n.message for n in app._notifications] == ["a warning", "path of the export", "done 3"]
        for notification in app._notifications:
            notification.raised_at = time.time() - NOTICE_STAYS_ON_SCREEN_CHANGE - 1  # said a while ago
        app.notify("just now")
        await pilot.press("a")  # the action items screen
        await pilot.pause()
        assert [n.message for n in app._notifications] == ["a warning", "path of the export", "just now"]
    app = make_app(sample_log, clock)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        for n in range(4):
            app.notify(f"done {n}")
        await pilot.pause()
        assert len(app._notifications) == 4  # a tall window has room for them


async def test_a_number_chosen_after_a_stray_key_answers(sample_log, clock, monkeypatch):
    """"s" pressed at the resume question (meant for the home screen) put it aside as "not an
    answer"; the "1" then pressed, as the hint said, was added to it ("s1") and nothing answered
    the question, however often. Typed on at once (words: "Q1 plan") a digit is still theirs."""
    from smarkmeet.tui.widgets import dialogs

    now = [1000.0]
    monkeypatch.setattr(dialogs, "_monotonic", lambda: now[0])
    answers = []
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = ChoiceDialog("Resume it?", [("Resume", 1), ("Not now", 2)])
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await pilot.press("s", "2")  # typed on: the digit joins the words
        assert dialog.typed_aside == "s2" and not answers
        now[0] += dialogs.ANSWER_AFTER_SECONDS + 0.2  # the hint read, then the number
        await pilot.press("2")
        await pilot.pause()
        assert answers == [2]
        dialog = ChoiceDialog("Resume it?", [("Resume", 1), ("Not now", 2)])
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await pilot.press("x", "enter")  # the Enter ending words typed blind does not answer
        assert answers == [2]
        now[0] += dialogs.ANSWER_AFTER_SECONDS + 0.2
        await pilot.press("enter")  # an Enter pressed after reading does
        await pilot.pause()
        assert answers == [2, 1]


async def test_words_typed_on_at_a_quick_add_question_are_never_an_answer_however_slow(sample_log, clock,
                                                                                         monkeypatch):
    """Where what is typed at the question is a line typed on without seeing it (keeps_typing), a
    pause before its Enter or a digit in it answered the question unseen: it never does."""
    from smarkmeet.tui.widgets import dialogs

    now = [1000.0]
    monkeypatch.setattr(dialogs, "_monotonic", lambda: now[0])
    answers = []
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = ChoiceDialog("Nobody on the team is @jrdan.", [("Jordan Blake", 1), ("a guest", 2)], keeps_typing=True)
        app.push_screen(dialog, answers.append)
        await pilot.pause()
        await pilot.press(*"Send deck")
        now[0] += 2
        await pilot.press("2")
        now[0] += 2
        await pilot.press("enter")
        await pilot.pause()
        assert not answers and dialog.typed_aside == "Send deck2"
        await pilot.press("enter")  # a second Enter, seen: the highlighted choice
        await pilot.pause()
        assert answers == [1]


async def test_a_notice_longer_than_the_window_scrolls_and_says_how_to_close_it(sample_log, clock):
    """A lead's verdict history with a 3,000-character comment ran off the screen at 80x24, and
    "Esc or Enter closes" with it; PgDn and End did nothing."""
    from tests.ui.screenshot_text import shown
    from smarkmeet.tui.widgets.dialogs import NoticeDialog

    body = "2026-12-07 19:19  rejected: not a fit “" + " ".join(["word"] * 700) + "” — via cli"
    app = make_app(sample_log, clock)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(NoticeDialog("Kenji Novak — verdicts", body))
        for _ in range(20):  # laid out, then the hint says it scrolls (after a refresh: a busy machine waits)
            await pilot.pause(0.05)
            if "read on" in shown(app):
                break
        assert "Esc or Enter closes · ↑/↓, PgUp/PgDn read on" in shown(app)
        assert "via cli" not in shown(app)
        await pilot.press("end")
        await pilot.pause(0.2)
        assert "” — via cli" in shown(app)
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, NoticeDialog)


async def test_a_notice_of_three_lines_is_shown_whole_at_100_columns(sample_log, clock):
    """At 100x30 a second notice of three lines lost its last: "(ctrl+z takes it" — with a width
    given as a share of the screen, its height was worked out for a wider line than it was drawn."""
    from smarkmeet.tui.screens.leadlist import LeadListing, LeadListScreen
    from tests.ui.screenshot_text import shown

    said = ("002233e4-c3d5-4a78-b64e-fa9b7fdef393 — rejected: not a fit, given between meetings (ctrl+z takes it back)",
            "002233e4-c3d5-4a78-b64e-fa9b7fdef393 — converted (was rejected), given between meetings (ctrl+z takes it "
            "back)")
    for size in ((100, 30), (80, 24), (133, 40)):
        app = make_app(sample_log, clock)
        async with app.run_test(size=size, notifications=True) as pilot:
            app.push_screen(LeadListScreen(LeadListing(None, None, "all time")))
            await pilot.pause(0.2)
            for message in said:
                app.notify(message, timeout=30, markup=False)
                await pilot.pause(0.2)
            text = " ".join("".join(line.split("▌", 1)[1:]).strip() for line in shown(app).splitlines() if "▌" in line)
            assert text.count("(ctrl+z takes it back)") == 2, (size, text)


@pytest.mark.parametrize("keys, dialog", [(("p", "n"), "PersonForm"), (("l", "E"), "ChoiceDialog"),
                                          (("g", "n"), "GoalForm"), (("s",), "StartMeetingDialog")])
async def test_f2_defines_the_terms_in_a_dialog_too(sample_log, clock, keys, dialog):
    """F2 did nothing in a form or a dialog (a modal screen's keys stop before the app's), though
    it is said to work on every screen, a dialog included."""
    from smarkmeet.tui.widgets.define import DefinePopup

    app = make_app(sample_log, clock)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*keys)
        await pilot.pause()
        assert type(app.screen).__name__ == dialog
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, DefinePopup)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == dialog  # back to the dialog, as it was
