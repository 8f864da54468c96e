"""Reading typed due dates: every accepted form, ambiguity, errors, and never raising."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarkmeet.domain.dates import MAX_DAYS, DateReading, describe_choice, read_date

MON = date(2026, 11, 23)  # the demo's meeting day
FRI = date(2026, 11, 27)
NYE = date(2026, 12, 31)  # a Thursday, at the year and month end
SAT = date(2026, 11, 28)


def d(iso: str) -> date:
    return date.fromisoformat(iso)


ONE_READING = [
    # words
    ("today", MON, "2026-11-23"),
    ("  TODAY  ", MON, "2026-11-23"),
    ("tomorrow", MON, "2026-11-24"),
    ("tmrw", NYE, "2027-01-01"),
    ("Tomorrow", FRI, "2026-11-28"),
    # weekdays: the next occurrence after today
    ("fri", MON, "2026-11-27"),
    ("friday", MON, "2026-11-27"),
    ("FRIDAY", MON, "2026-11-27"),
    ("thu", MON, "2026-11-26"),
    ("thurs", MON, "2026-11-26"),
    ("thursday", FRI, "2026-12-03"),
    ("tues", MON, "2026-11-24"),
    ("tue", FRI, "2026-12-01"),
    ("wed", MON, "2026-11-25"),
    ("sat", MON, "2026-11-28"),
    ("sunday", MON, "2026-11-29"),
    ("mon", MON - timedelta(days=1), "2026-11-23"),
    ("fri", NYE, "2027-01-01"),
    ("this fri", MON, "2026-11-27"),
    ("this fri", FRI, "2026-11-27"),
    # "next <weekday>" when both readings agree
    ("next fri", FRI, "2026-12-04"),
    ("next friday", SAT, "2026-12-04"),
    ("next-fri", FRI, "2026-12-04"),
    ("next_fri", FRI, "2026-12-04"),
    ("next wed", date(2026, 11, 26), "2026-12-02"),  # Wednesday has passed this week
    # end of week / month
    ("eow", MON, "2026-11-27"),
    ("eow", FRI, "2026-11-27"),
    ("EOW", SAT, "2026-12-04"),
    ("end of week", MON, "2026-11-27"),
    ("end-of-week", MON, "2026-11-27"),
    ("end_of_week", MON, "2026-11-27"),
    ("eom", MON, "2026-11-30"),
    ("end of month", MON, "2026-11-30"),
    ("eom", NYE, "2026-12-31"),
    ("eom", date(2028, 2, 3), "2028-02-29"),
    # offsets
    ("+3d", MON, "2026-11-26"),
    ("3d", MON, "2026-11-26"),
    ("+0d", MON, "2026-11-23"),
    ("+2w", MON, "2026-12-07"),
    ("2w", MON, "2026-12-07"),
    ("+3d", NYE, "2027-01-03"),
    ("in 3 days", MON, "2026-11-26"),
    ("in 1 day", MON, "2026-11-24"),
    ("in 2 weeks", MON, "2026-12-07"),
    ("in 1 week", MON, "2026-11-30"),
    ("in a week", MON, "2026-11-30"),
    ("in two weeks", MON, "2026-12-07"),
    ("In 3D", MON, "2026-11-26"),
    ("in-3-days", MON, "2026-11-26"),
    ("+3650d", MON, "2036-11-20"),
    # next week: its Monday
    ("next week", MON, "2026-11-30"),
    ("next week", FRI, "2026-11-30"),
    ("next week", NYE, "2027-01-04"),
    # ISO, including the past
    ("2026-12-01", MON, "2026-12-01"),
    ("2026/12/01", MON, "2026-12-01"),
    ("2026-11-02", MON, "2026-11-02"),
    ("2027-1-5", MON, "2027-01-05"),
    # day and month names: on or after today, rolling into next year
    ("1 dec", MON, "2026-12-01"),
    ("dec 1", MON, "2026-12-01"),
    ("1 december", MON, "2026-12-01"),
    ("december 1st", MON, "2026-12-01"),
    ("1st dec", MON, "2026-12-01"),
    ("Dec 1, 2027", MON, "2027-12-01"),
    ("23 nov", MON, "2026-11-23"),
    ("22 nov", date(2027, 2, 1), "2027-11-22"),  # gone by more than two months ago: next year's
    ("1 dec", date(2027, 2, 1), "2027-12-01"),
    ("30/11", date(2027, 2, 1), "2027-11-30"),
    ("31 dec", NYE, "2026-12-31"),
    ("2nd jan", NYE, "2027-01-02"),
    ("sept 3rd", MON, "2027-09-03"),
    ("29 feb", MON, "2028-02-29"),
    ("1 dec 2026", MON, "2026-12-01"),
    # numeric with only one valid reading
    ("25/12", MON, "2026-12-25"),
    ("12/25", MON, "2026-12-25"),
    ("1/1", MON, "2027-01-01"),
    ("23/11", MON, "2026-11-23"),
    ("25/12/2026", MON, "2026-12-25"),
    ("25/12/27", MON, "2027-12-25"),
    ("1/1/2027", MON, "2027-01-01"),
    ("12/01/2026", MON, "2026-12-01"),  # 12 Jan 2026 is past, so only 1 Dec is left
]


@pytest.mark.parametrize(("text", "today", "expected"), ONE_READING)
def test_one_reading(text, today, expected):
    reading = read_date(text, today)
    assert reading == DateReading(value=d(expected))
    assert reading.ok and not reading.ambiguous


AMBIGUOUS = [
    # the weekday is today: today, or a week out?
    ("fri", FRI, ("2026-11-27", "2026-12-04")),
    ("friday", FRI, ("2026-11-27", "2026-12-04")),
    ("mon", MON, ("2026-11-23", "2026-11-30")),
    ("thu", NYE, ("2026-12-31", "2027-01-07")),
    # "next fri" early in the week: the coming Friday or next week's
    ("next fri", MON, ("2026-11-27", "2026-12-04")),
    ("next friday", MON, ("2026-11-27", "2026-12-04")),
    ("Next  Friday", MON, ("2026-11-27", "2026-12-04")),
    ("next thu", MON, ("2026-11-26", "2026-12-03")),
    ("next fri", NYE, ("2027-01-01", "2027-01-08")),
    # on a Sunday next week starts tomorrow (Monday weeks) or today (Sunday weeks): asked
    ("next fri", date(2026, 12, 6), ("2026-12-11", "2026-12-18")),
    ("next mon", date(2026, 12, 6), ("2026-12-07", "2026-12-14")),
    # numeric d/m versus m/d, each the next such date
    ("12/01", MON, ("2026-12-01", "2027-01-12")),
    ("3/4", MON, ("2027-03-04", "2027-04-03")),
    ("12/01", NYE, ("2027-01-12", "2027-12-01")),
    ("3/4/2027", MON, ("2027-03-04", "2027-04-03")),
    ("3/4/27", MON, ("2027-03-04", "2027-04-03")),
]


@pytest.mark.parametrize(("text", "today", "expected"), AMBIGUOUS)
def test_ambiguous(text, today, expected):
    reading = read_date(text, today)
    assert reading.ambiguous and not reading.ok
    assert reading.candidates == tuple(d(x) for x in expected)
    assert reading.value is None and reading.error is None


ERRORS = [
    ("next blursday", MON, 'can\'t read "next blursday" as a date; try fri, tomorrow, +3d, 1 dec or 2026-12-01'),
    ("soonish", MON, 'can\'t read "soonish"'),
    ("31 feb", MON, '"31 feb" is not a real date'),
    ("30 february", MON, '"30 february" is not a real date'),
    ("31 apr", MON, '"31 apr" is not a real date'),
    ("2026-02-30", MON, '"2026-02-30" is not a real date'),
    ("2026-13-01", MON, '"2026-13-01" is not a real date'),
    ("13/13", MON, '"13/13" is not a real date'),
    ("0/5", MON, '"0/5" is not a real date'),
    ("29 feb 2027", MON, '"29 feb 2027" is not a real date'),
    ("yesterday", MON, '"yesterday" is in the past; type it as 2026-11-22'),
    ("1 dec 2025", MON, '"1 dec 2025" is in the past; type it as 2025-12-01'),
    ("25/12/2025", MON, '"25/12/2025" is in the past; type it as 2025-12-25'),
    # a day and month that went by lately is last week's date typed, not next year's
    ("22 nov", MON, '"22 nov" was Sun 22 Nov 2026, which has passed; for the next one type 2027-11-22'),
    ("1 dec", NYE, '"1 dec" was Tue 01 Dec 2026, which has passed; for the next one type 2027-12-01'),
    ("30/11", date(2026, 12, 6), '"30/11" was Mon 30 Nov 2026, which has passed; for the next one type 2027-11-30'),
    # across new year: last year's went by lately too
    ("20 dec", date(2027, 1, 5), '"20 dec" was Sun 20 Dec 2026, which has passed; for the next one type 2027-12-20'),
    ("12/12", date(2026, 12, 14), '"12/12" was Sat 12 Dec 2026, which has passed; for the next one type 2027-12-12'),
    ("-3d", MON, 'can\'t read "-3d"'),
    ("+99999999d", MON, '"+99999999d" is too far away'),
    ("+3661d", MON, '"+3661d" is too far away'),
    ("in 600 weeks", MON, '"in 600 weeks" is too far away'),
    ("2040-01-01", MON, '"2040-01-01" is too far away'),
    ("1990-01-01", MON, '"1990-01-01" is too far in the past'),
    ("next", MON, 'can\'t read "next"'),
    ("fri fri", MON, 'can\'t read "fri fri"'),
    ("12-01", MON, 'can\'t read "12-01"'),
    ("in -3 days", MON, 'can\'t read "in -3 days"'),
]


@pytest.mark.parametrize(("text", "today", "message"), ERRORS)
def test_errors_quote_the_typed_text(text, today, message):
    reading = read_date(text, today)
    assert not reading.ok and not reading.ambiguous
    assert reading.error is not None
    assert message in reading.error
    assert text in reading.error


@pytest.mark.parametrize("text", ["", "   ", "\t\n"])
def test_empty_text(text):
    assert read_date(text, MON) == DateReading(error="no date given")


def test_control_characters_are_shown_not_dropped():
    reading = read_date("\x00fri", MON)
    assert reading.error is not None and '"?fri"' in reading.error


def test_long_text_is_quoted_shortened():
    reading = read_date("x" * 500, MON)
    assert reading.error is not None and len(reading.error) < 150


def test_near_the_end_of_the_calendar_is_an_error_not_a_crash():
    last = date(9999, 12, 31)
    for text in ("tomorrow", "fri", "next fri", "+3d", "1 jan", "3/4", "next week"):
        reading = read_date(text, last)
        assert reading.error is not None, text
    assert read_date("yesterday", date(1, 1, 1)).error is not None


@pytest.mark.parametrize(
    ("candidate", "today", "label"),
    [
        (MON, MON, "today"),
        (MON + timedelta(days=1), MON, "tomorrow"),
        (MON - timedelta(days=1), MON, "yesterday"),
        (FRI, MON, "Fri 27 Nov (in 4 days)"),
        (d("2026-12-04"), MON, "Fri 4 Dec (in 11 days)"),
        (d("2027-01-12"), MON, "Tue 12 Jan 2027 (in 50 days)"),
        (d("2026-11-02"), MON, "Mon 2 Nov (21 days ago)"),
    ],
)
def test_describe_choice(candidate, today, label):
    assert describe_choice(candidate, today) == label


def test_every_candidate_can_be_described():
    reading = read_date("next fri", MON)
    assert [describe_choice(c, MON) for c in reading.candidates] == [
        "Fri 27 Nov (in 4 days)",
        "Fri 4 Dec (in 11 days)",
    ]


# --- properties -----------------------------------------------------------------------

todays = st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31))

RELATIVE = [
    "today", "tomorrow", "tmrw", "mon", "tue", "wed", "thu", "fri", "sat", "sun",
    "next mon", "next fri", "next sunday", "this wed", "eow", "eom", "next week",
    "in a week", "+1w", "2d", "1 jan", "29 feb", "31 dec", "dec 25", "1/1", "3/4", "12/01", "31/12",
]  # fmt: skip


def _well_formed(reading: DateReading) -> bool:
    outcomes = [reading.value is not None, bool(reading.candidates), reading.error is not None]
    return outcomes.count(True) == 1 and len(reading.candidates) != 1


@given(st.text(), todays)
def test_never_raises_on_any_text(text, today):
    assert _well_formed(read_date(text, today))


@given(st.text(alphabet="+0123456789dwaysinek /-_.,", max_size=14), todays)
def test_never_raises_on_date_like_text(text, today):
    assert _well_formed(read_date(text, today))


@given(st.sampled_from(RELATIVE), todays)
def test_relative_forms_are_never_in_the_past(text, today):
    reading = read_date(text, today)
    # a day and month gone by in the last two months is refused, never read as a past day
    assert reading.error is None or "which has passed; for the next one type" in reading.error
    for found in (reading.value, *reading.candidates):
        if found is not None:
            assert today <= found <= today + timedelta(days=MAX_DAYS)


@given(st.integers(min_value=0, max_value=3650), todays, st.booleans())
def test_plus_n_days(n, today, plus):
    text = f"+{n}d" if plus else f"{n}d"
    assert read_date(text, today) == DateReading(value=today + timedelta(days=n))


@given(st.integers(min_value=3661, max_value=10**30), todays)
def test_plus_too_many_days_is_an_error(n, today):
    reading = read_date(f"+{n}d", today)
    assert reading.error is not None and "too far away" in reading.error


@given(st.dates(min_value=date(2017, 1, 1), max_value=date(2036, 1, 1)))
def test_iso_round_trips(day):
    assert read_date(day.isoformat(), MON).value == day


@given(todays, st.integers(min_value=0, max_value=6))
def test_bare_weekday_is_within_a_week(today, weekday):
    name = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")[weekday]
    reading = read_date(name, today)
    found = [reading.value] if reading.ok else list(reading.candidates)
    assert all(x.weekday() == weekday for x in found)
    assert reading.ambiguous == (today.weekday() == weekday)
    assert all(0 <= (x - today).days <= 7 for x in found)


@pytest.mark.parametrize("text", ["yesterday", "1 dec 2025", "25/12/2025"])
def test_where_only_a_coming_day_will_do_a_past_one_is_not_told_to_be_typed_in_full(text):
    """A carry or snooze refuses any day gone by: "type it as 2026-11-22 if you really mean it"
    led to a second refusal of the date typed so."""
    past = read_date(text, MON)
    reading = read_date(text, MON, future_only=True)
    day = date.fromisoformat(past.error.rsplit("type it as ", 1)[1].split()[0])
    assert reading.value is None
    assert reading.error == f'"{text}" is {day:%a %d %b %Y}, which has passed; type today or a later day'


def test_where_only_a_coming_day_will_do_a_day_and_month_gone_by_lately_offers_next_years():
    """The snooze prompt's own example "1 dec", typed on 7 Dec, was refused as past with no word
    of the next one, which a due date's question gives."""
    today = date(2026, 12, 7)
    reading = read_date("1 dec", today, future_only=True)
    assert reading.value is None
    assert reading.error == '"1 dec" was Tue 01 Dec 2026, which has passed; for the next one type 2027-12-01'


@pytest.mark.parametrize("today", [date(2026, 12, 7), date(2026, 1, 31), date(2026, 2, 28), MON])
def test_the_examples_a_refusal_gives_are_days_to_come(today):
    """The hint said "1 dec" and "2026-12-01" on 7 Dec: typed as told, both were refused as past."""
    from smarkmeet.domain.dates import example_days

    said = read_date("next blursday", today).error
    examples = example_days(today)
    assert f"{examples['day']} or {examples['iso']}" in said
    for typed in examples.values():
        reading = read_date(typed, today)
        assert reading.ok and reading.value > today and reading.value.day == 1, (typed, reading)


@pytest.mark.parametrize("typed", ["12 weeks ago", "30 days ago", "last monday", "last fri", "-2w", "+3d",
                                   "1 dec", "eom", "2026-09-01", "yesterday"])
def test_a_report_and_an_action_filter_read_the_same_explicit_days_alike(typed):
    """`leads report --since` took '12 weeks ago' and 'last monday' but refused '+3d', 'eom' and
    '1 dec'; `actions --due-from` took those and refused the first two. Every explicit form is
    read by both, to the same day; only a bare '2w' differs (a report counts back, a due date on)."""
    from smarkmeet.services.actions import read_day
    from smarkmeet.services.leadreport import read_report_date

    today = date(2026, 12, 7)
    assert read_report_date(typed, today) == read_day(typed, today)


def test_looking_back_counts_from_today():
    from smarkmeet.domain.dates import read_looking_back

    today = date(2026, 12, 7)  # a Monday
    assert read_looking_back("12 weeks ago", today) == today - timedelta(weeks=12)
    assert read_looking_back("last monday", today) == today - timedelta(days=7)
    assert read_looking_back("last sunday", today) == today - timedelta(days=1)
    assert read_looking_back("12 weeks", today) is None and read_looking_back("fri", today) is None
    assert read_looking_back("99999 days ago", today) is None


def test_a_report_reads_a_day_and_month_looking_back():
    """`leads report --since "1 jun"` on 23 Nov read next June and was refused as in the future:
    a report's day and month with no year is the latest such day, as the README says."""
    from smarkmeet.services.leadreport import read_report_date

    today = date(2026, 11, 23)
    assert read_report_date("1 jun", today) == date(2026, 6, 1)
    assert read_report_date("1 dec", today) == date(2025, 12, 1)
    assert read_report_date("dec 1", today) == date(2025, 12, 1)
    assert read_report_date("23 nov", today) == today


def test_a_report_day_written_in_numbers_offers_the_days_gone_by():
    """`--since 12/01` offered only days to come (12 Jan 2027, 1 Dec 2027), and the one suggested
    was then refused as in the future: a report's readings are the latest days gone by."""
    from smarkmeet.services.leadreport import read_report_date

    today = date(2026, 12, 7)
    with pytest.raises(ValueError) as asked:
        read_report_date("12/01", today)
    said = str(asked.value)
    assert "Tue 1 Dec (6 days ago)" in said and "Mon 12 Jan (329 days ago)" in said
    suggested = said.rsplit("e.g. ", 1)[1]
    assert read_report_date(suggested, today) == date(2026, 12, 1)  # the day suggested is taken
    assert read_report_date("12/12", today) == date(2025, 12, 12)  # one day either way: no question
    # 29 Feb looks back to the last leap year, as far as a 29 Feb ahead is looked for (it read 2028)
    assert read_report_date("29 feb", today) == read_report_date("02/29", today) == date(2024, 2, 29)


def test_a_report_day_named_next_weekday_offers_the_days_it_names():
    """`--since 'next fri'` on Mon 7 Dec offered Thu 18 Dec 2025 and Thu 11 Dec 2025, a year back:
    the two Fridays the words can name were read as a day and a month. Offered as named, and the
    day suggested is taken."""
    from smarkmeet.services.leadreport import read_report_date

    today = date(2026, 12, 7)
    with pytest.raises(ValueError) as asked:
        read_report_date("next fri", today)
    said = str(asked.value)
    assert "Fri 11 Dec (in 4 days) or Fri 18 Dec (in 11 days)" in said and "2025" not in said, said
    assert read_report_date(said.rsplit("e.g. ", 1)[1], today) == date(2026, 12, 11)


@pytest.mark.parametrize("typed", ["600 weeks ago", "600w", "+99999d", "99999999999 days ago"])
def test_a_report_day_too_far_back_is_said_so_not_unreadable(typed):
    from smarkmeet.services.leadreport import read_report_date

    with pytest.raises(ValueError, match="too far from today"):
        read_report_date(typed, date(2026, 12, 7))


def test_a_filter_day_written_in_numbers_offers_each_reading_nearest_today():
    """`due:12/01..` offered Tue 12 Jan 2027 or Wed 1 Dec 2027 (in 359 days), never the 1 Dec of
    six days ago, which a filter looking over items means as often as not."""
    from smarkmeet.services.actions import ActionQueryError, read_day

    today = date(2026, 12, 7)
    with pytest.raises(ActionQueryError) as asked:
        read_day("12/01", today)
    said = str(asked.value)
    assert "Tue 1 Dec (6 days ago) or Tue 12 Jan 2027 (in 36 days)" in said and "2027-12" not in said, said
    assert read_day(said.rsplit("e.g. ", 1)[1], today) == date(2026, 12, 1)
