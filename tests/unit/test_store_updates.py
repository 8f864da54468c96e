"""A partial update is held to its model's rules, in every store: nothing written can make a row
unreadable, and what is written is what the model would hold (stripped, control characters made
visible as ``domain.inert`` does). A refused value writes nothing — no row change, no ``changes`` entry."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

import pytest
from pydantic import ValidationError

from smarkmeet.services.glossary import define_term
from smarkmeet.store.actions import ActionFilter
from smarkmeet.store.log import Log


@dataclass(frozen=True)
class Target:
    """One row of one table, and the store method that updates it."""

    table: str
    row_id: str
    update: Callable[[dict], None]
    read: Callable[[], object]  # the row through its model: must keep working


def action_item(log: Log) -> Target:
    item = log.actions.list(ActionFilter())[0]
    return Target("action_items", item.id, lambda fields: log.actions.update(item.id, fields),
                  lambda: log.actions.get(item.id))


def criticism_note(log: Log) -> Target:
    note = log.notes.open_notes()[0]
    return Target("criticism_notes", note.id, lambda fields: log.notes.update(note.id, fields),
                  lambda: log.notes.get(note.id))


def agenda_section(log: Log) -> Target:
    section = log.meetings.sections(log.meetings.next_planned().id)[0]
    return Target("agenda_sections", section.id, lambda fields: log.meetings.update_section(section, fields),
                  lambda: log.meetings.section(section.id))


def goal(log: Log) -> Target:
    first = log.goals.active()[0]
    return Target("goals", first.id, lambda fields: log.goals.update(first.id, fields),
                  lambda: log.goals.get(first.id))


STORES = {"action item": action_item, "criticism note": criticism_note, "agenda section": agenda_section,
          "goal": goal}


def raw_row(log: Log, target: Target) -> dict:
    return log.one(f"SELECT * FROM [{target.table}] WHERE id = ?", [target.row_id])


def changes_of(log: Log, target: Target) -> int:
    return len(log.changes(table=target.table, row_id=target.row_id))


REFUSED = [
    ("action item", {"title": "x" * 2001}, "title"),  # too long for the model to read back
    ("action item", {"title": "   "}, "title"),
    ("action item", {"carry_count": -1}, "carry_count"),
    ("criticism note", {"request": "x" * 20_001}, "request"),
    ("criticism note", {"observation": " \n "}, "observation"),
    ("agenda section", {"title": "x" * 2001}, "title"),
    ("agenda section", {"seconds_spent": -5}, "seconds_spent"),
    ("goal", {"name": ""}, "name"),
    ("goal", {"target": 0}, "target"),
    *((store, {"no_such_column": 1}, "no_such_column") for store in STORES),
]


@pytest.mark.parametrize(("store", "fields", "named"), REFUSED)
def test_a_value_the_model_refuses_raises_and_writes_nothing(sample_log, store, fields, named):
    target = STORES[store](sample_log)
    before, changes = raw_row(sample_log, target), changes_of(sample_log, target)
    with pytest.raises(ValidationError, match=named):
        target.update(fields)
    assert raw_row(sample_log, target) == before
    assert changes_of(sample_log, target) == changes
    target.read()  # still readable by its model


NORMALISED = [
    ("action item", "title", "  Send\x1b]0;pwned\x07 the\nlist \t", "Send␛]0;pwned␇ the list"),
    ("criticism note", "request", "  Ask\x1b[31m for it\n\tby fri  \n", "Ask␛[31m for it\n\tby fri"),
    ("criticism note", "observation", "\tLeads\x00 arrive late ", "Leads␀ arrive late"),
    ("agenda section", "title", " Goal review\x08\x7f ", "Goal review␈␡"),
    ("goal", "name", "  New\x1b customers ", "New␛ customers"),
]


@pytest.mark.parametrize(("store", "column", "typed", "held"), NORMALISED)
def test_what_is_written_is_what_the_model_would_hold(sample_log, store, column, typed, held):
    target = STORES[store](sample_log)
    target.update({column: typed})
    assert raw_row(sample_log, target)[column] == held
    assert sample_log.changes(table=target.table, row_id=target.row_id)[-1]["data"] == {column: held}
    assert getattr(target.read(), column) == held


def test_dates_and_statuses_are_written_as_before(sample_log):
    target = action_item(sample_log)
    target.update({"status": "done", "done_at": "2026-11-20T15:00:00+01:00", "due_date": date(2026, 11, 30)})
    row = raw_row(sample_log, target)
    assert (row["status"], row["done_at"], row["due_date"]) == ("done", "2026-11-20T15:00:00+01:00", "2026-11-30")


def test_a_new_definition_is_stored_as_the_model_holds_it(sample_log):
    define_term(sample_log, "Hot lead", "A lead that asked for a call.")
    define_term(sample_log, "Hot lead", "A lead that\x1b]0;pwned\x07 asked for a call.")
    row = sample_log.one("SELECT definition, revision FROM glossary_terms WHERE term = 'Hot lead'")
    assert row == {"definition": "A lead that␛]0;pwned␇ asked for a call.", "revision": 2}
    revision = sample_log.one("SELECT definition FROM glossary_revisions WHERE revision = 2 AND term_id = "
                              "(SELECT id FROM glossary_terms WHERE term = 'Hot lead')")
    assert revision["definition"] == row["definition"]  # the term and its history agree


def test_a_second_check_in_stores_its_note_as_the_model_holds_it(sample_log):
    first = sample_log.goals.active()[0]
    period = date(2026, 11, 23)
    sample_log.goals.check_in(first, period, 10, note="first")
    sample_log.goals.check_in(first, period, 12, note="  webinar\x1b[2J week \n")
    row = sample_log.one("SELECT actual, note FROM goal_checkins WHERE goal_id = ? AND period_start = ?",
                         [first.id, period.isoformat()])
    assert row == {"actual": 12.0, "note": "webinar␛[2J week"}


@pytest.mark.parametrize("store", list(STORES))
def test_an_update_to_the_values_held_writes_and_records_nothing(sample_log, store):
    """A change that changes nothing (a due date "moved" to the day it had) left an entry in
    ``changes`` saying it had: only the fields whose value differs are written and recorded."""
    target = STORES[store](sample_log)
    row = raw_row(sample_log, target)
    held = {column: row[column] for column in row if column not in ("id", "created_at", "seq")}
    before = changes_of(sample_log, target)
    assert target.update(held) is False
    assert raw_row(sample_log, target) == row and changes_of(sample_log, target) == before
    column, change = {"action item": ("carry_count", lambda count: count + 1),
                      "criticism note": ("request", lambda request: f"{request} by Friday"),
                      "agenda section": ("seconds_spent", lambda seconds: seconds + 60),
                      "goal": ("target", lambda target: target * 2)}[store]
    changed = change(row[column])
    assert target.update({**held, column: changed}) is True  # one field differs: that one only
    assert sample_log.changes(table=target.table, row_id=target.row_id)[-1]["data"] == {column: changed}


def test_a_whole_number_written_over_the_same_real_number_is_no_change(sample_log):
    """A REAL column gives 25.0 back: an update of 25 to it was written and logged as a change."""
    target = goal(sample_log)
    held = raw_row(sample_log, target)["target"]
    before = changes_of(sample_log, target)
    assert isinstance(held, float) and held.is_integer()
    assert sample_log.update("goals", target.row_id, {"target": int(held)}) is False
    assert changes_of(sample_log, target) == before
