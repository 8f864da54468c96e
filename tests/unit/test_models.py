from datetime import datetime, timezone

import pytest
from pydantic import ValidationError

from smarkmeet.domain.enums import Side, Verdict
from smarkmeet.domain.errors import describe
from smarkmeet.domain.models import (
    ActionItem,
    CriticismNote,
    Goal,
    LeadFeedback,
    Person,
    Rating,
    new_id,
)

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone.utc)


def test_new_ids_are_unique_uuid_text():
    ids = {new_id() for _ in range(1000)}
    assert len(ids) == 1000
    assert all(len(value) == 36 and value.count("-") == 4 for value in ids)


def test_person_handle_is_normalised():
    person = Person(name=" Dana Okafor ", handle="Dana", side="marketing")
    assert person.handle == "dana"
    assert person.name == "Dana Okafor"
    assert person.side is Side.MARKETING


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"name": "", "handle": "x", "side": "sales"}, "name must not be empty"),
        ({"name": "X", "handle": "a b", "side": "sales"}, "handle may only hold"),
        ({"name": "X", "handle": "x", "side": "finance"}, "side must be one of"),
        ({"handle": "x", "side": "sales"}, "name is required"),
    ],
)
def test_person_invalid_gives_readable_message(fields, message):
    with pytest.raises(ValidationError) as caught:
        Person(**fields)
    assert message in describe(caught.value)


def test_action_item_title_required_and_due_date_parsed():
    item = ActionItem(title="Send list", due_date="2026-11-27", created_at=NOW)
    assert item.due_date.isoformat() == "2026-11-27"
    with pytest.raises(ValidationError) as caught:
        ActionItem(title="   ", created_at=NOW)
    assert "title must not be empty" in describe(caught.value)
    with pytest.raises(ValidationError) as caught:
        ActionItem(title="x", due_date="next blursday", created_at=NOW)
    assert "due date is not a date" in describe(caught.value)


def test_overdue_only_when_open_and_past_due():
    item = ActionItem(title="x", due_date="2026-11-20", created_at=NOW)
    assert item.is_overdue(NOW.date())
    assert not item.model_copy(update={"status": "done"}).is_overdue(NOW.date())
    assert not ActionItem(title="x", created_at=NOW).is_overdue(NOW.date())


def test_rejected_feedback_needs_a_reason():
    with pytest.raises(ValidationError) as caught:
        LeadFeedback(lead_id="l", verdict=Verdict.REJECTED, given_at=NOW)
    assert describe(caught.value) == "a rejected lead needs a reason"
    assert LeadFeedback(lead_id="l", verdict="rejected", reason="no budget", given_at=NOW).reason == "no budget"


def test_criticism_goes_between_the_two_sides():
    note = CriticismNote(from_side="sales", to_side="marketing", observation="x", created_at=NOW)
    assert not note.constructive
    assert note.model_copy(update={"request": "do y"}).constructive
    with pytest.raises(ValidationError):
        CriticismNote(from_side="sales", to_side="sales", observation="x", created_at=NOW)


@pytest.mark.parametrize("score", [0, 11, -1])
def test_rating_outside_one_to_ten_refused(score):
    with pytest.raises(ValidationError) as caught:
        Rating(meeting_id="m", person_id="p", score=score, given_at=NOW)
    assert "score must be" in describe(caught.value)


def test_goal_target_must_be_positive():
    with pytest.raises(ValidationError) as caught:
        Goal(name="MQLs", metric="mqls", target=0, created_at=NOW)
    assert "target must be greater than 0" in describe(caught.value)


def test_a_text_too_long_is_said_with_how_long_it_is():
    """"comment must be at most 2000 characters" left the facilitator guessing how much to cut."""
    from smarkmeet.domain.models import CriticismFollowup

    with pytest.raises(ValidationError) as raised:
        CriticismFollowup(note_id="n", comment="x" * 2100, created_at="2026-12-07T09:00:00+00:00")
    assert describe(raised.value) == "comment must be at most 2000 characters; this one has 2,100"
