import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarkmeet.domain import metrics
from smarkmeet.domain.enums import Rag


def test_funnel_example_from_the_sources():
    # 5 customers a week at a 25 % lead-to-customer rate needs 20 leads a week.
    assert metrics.leads_needed(5, 0.25) == 20


def test_zero_denominators_are_no_data_not_errors():
    assert metrics.ratio(3, 0) is None
    assert metrics.goal_attainment(5, 0) is None
    assert metrics.goal_rag(None, 0.8) is None
    assert metrics.percent(None) == "—"


@pytest.mark.parametrize("value", [0.9958, 0.99951, 0.99999, 0.995])
def test_a_share_short_of_the_whole_never_reads_100_percent(value):
    """The marketing SLA read "22 of 22 agreed → 100% [red]" at 99.58 % (22 of 22.09)."""
    shown = metrics.percent(value)
    assert shown != "100%" and float(shown.rstrip("%")) < 100
    assert abs(float(shown.rstrip("%")) - value * 100) < 0.1


@given(st.floats(min_value=0, max_value=2, allow_nan=False), st.sampled_from([0.5, 0.7, 0.8, 0.9, 0.95]))
def test_a_figure_never_reads_as_meeting_a_line_it_misses(value, line):
    """A sales SLA of 89.6 % against a 90 % target read "90% … RED"; an attainment of 79.6 % under
    an amber from 80 % read "80%" beside a red."""
    shown = float(metrics.percent(value, against=line).lstrip("<").rstrip("%"))
    assert (shown >= line * 100 - 1e-9) == (value >= line)
    assert abs(shown - value * 100) < 0.51


def test_whole_and_ordinary_shares_read_as_before():
    assert [metrics.percent(v) for v in (1.0, 0.874, 0.5, 1.25)] == ["100%", "87%", "50%", "125%"]


def test_rag_thresholds():
    assert metrics.goal_rag(1.0, 0.8) is Rag.GREEN
    assert metrics.goal_rag(0.8, 0.8) is Rag.AMBER
    assert metrics.goal_rag(0.79, 0.8) is Rag.RED


def test_rejection_mix_sums_to_one():
    mix = metrics.rejection_mix(["no budget", "not a fit", "no budget", "duplicate"])
    assert mix == {"duplicate": 0.25, "no budget": 0.5, "not a fit": 0.25}


@given(
    actual=st.floats(min_value=0, max_value=1e9, allow_nan=False),
    target=st.floats(min_value=1e-6, max_value=1e9, allow_nan=False),
    amber=st.floats(min_value=0.01, max_value=1.0),
)
def test_rag_agrees_with_attainment(actual, target, amber):
    attainment = metrics.goal_attainment(actual, target)
    rag = metrics.goal_rag(attainment, amber)
    if actual >= target:
        assert rag is Rag.GREEN
    elif attainment >= amber:
        assert rag is Rag.AMBER
    else:
        assert rag is Rag.RED


@given(
    customers=st.floats(min_value=0.5, max_value=1e4),
    rates=st.lists(st.floats(min_value=0.01, max_value=1.0), min_size=1, max_size=5),
)
def test_back_calculation_runs_forward_to_the_same_customers(customers, rates):
    stages = [(f"stage{i}", rate) for i, rate in enumerate(rates)]
    steps = metrics.back_calculate(customers, stages)
    assert steps[-1].stage == "customers"
    volume = steps[0].needed
    for step in steps[:-1]:
        volume *= step.rate_to_next
    assert math.isclose(volume, customers, rel_tol=1e-9)


def test_a_rating_rounds_halves_up_as_a_spreadsheet_does():
    """Minutes said "7.2 / 10" for ratings 7, 7, 7, 8 (7.25), where ROUND(…, 1) gives 7.3."""
    assert metrics.rating_text(sum([7, 7, 7, 8]) / 4) == "7.3"
    assert [metrics.rating_text(v) for v in (7.2, 7.35, 10.0, 20 / 3, None)] == ["7.2", "7.4", "10.0", "6.7", "—"]


def test_the_completion_rate_is_not_rounded_onto_the_line_its_colour_is_judged_by():
    from smarkmeet.tui.screens.actions import _rate_text

    assert [_rate_text(value).plain for value in (26 / 29, 0.6996, 0.9, 0.5)] == ["89.7%", "69.9%", "90%", "50%"]


@pytest.mark.parametrize("value, shown", [(100.0, "100"), (99.99999, "100"), (302.1, "302.1"), (22, "22"),
                                          (1234.56, "1,234.6"), (60000, "60,000")])
def test_a_count_is_shown_whole_unless_it_has_a_tenth(value, shown):
    """"84 of 100.0 qualified leads": a period's target summed from weeks came out a hair off 100."""
    from smarkmeet.domain.enums import Unit
    from smarkmeet.domain.metrics import amount

    assert amount(value, Unit.COUNT) == shown


def test_money_takes_the_teams_currency_sign_or_code():
    from smarkmeet.domain.enums import Unit
    from smarkmeet.domain.metrics import amount

    assert amount(60000, Unit.CURRENCY) == "60,000"
    assert amount(60000, Unit.CURRENCY, "€") == "€60,000"
    assert amount(60000, Unit.CURRENCY, "CHF") == "CHF 60,000"
    assert amount(25, Unit.COUNT, "€") == "25" and amount(0.9 * 100, Unit.PERCENT, "€") == "90%"
    assert amount(None, Unit.CURRENCY, "€") == "—"


@pytest.mark.parametrize("value, digits, said", [
    (7 / 1530, 0, "0.5%"), (0.0004, 0, "<0.1%"), (0.00004, 1, "<0.01%"), (0.00046, 1, "0.05%"), (0.0, 0, "0%"),
])
def test_a_share_above_nothing_never_reads_0_percent(value, digits, said):
    """`leads report` read "duplicate 0%, no budget 0%" for 7 and 2 rejections of 1,530."""
    assert metrics.percent(value, digits) == said


@given(st.floats(min_value=0, max_value=2, allow_nan=False), st.integers(min_value=0, max_value=2))
def test_only_nothing_reads_as_nothing(value, digits):
    shown = metrics.percent(value, digits)
    assert (shown.lstrip("<") in (f"{0:.{digits}f}%",)) == (value == 0)


@pytest.mark.parametrize("typed, share", [("0.8", 0.8), ("80%", 0.8), ("80", 0.8), ("100", 1.0), ("1", 1.0),
                                          ("10", 0.1), ("12.5%", 0.125)])
def test_a_share_is_read_as_people_type_one(typed, share):
    assert metrics.read_share(typed) == pytest.approx(share)


@pytest.mark.parametrize("typed, kind", [("lots", "number"), ("nan", "number"), ("1.5", "two ways"),
                                         ("9", "two ways"), ("120%", "range"), ("0", "range"), ("101", "range")])
def test_a_share_that_cannot_be_read_says_why(typed, kind):
    with pytest.raises(metrics.ShareError) as said:
        metrics.read_share(typed)
    assert said.value.kind == kind


def test_a_goals_trend_is_drawn_from_zero_so_a_small_dip_is_a_small_step():
    """22 after weeks of 23 and 24 (88% of the target) was drawn as the floor: read as a collapse."""
    from smarkmeet.tui.format import spark

    drawn = spark([23, 24, 23, 24, 24, 24, 22, 22])
    assert drawn[-1] != "▁" and len(set(drawn)) <= 2  # a step of one bar at most
    assert spark([0, 24])[0] == "▁" and spark([0, 24])[1] == "█"
    assert spark([-5, 5]) == "▁█"  # below zero: from the minimum
