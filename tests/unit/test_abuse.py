"""Hostile input everywhere a user can type or drop a file: quick-add lines, due dates, template
files. Each is answered in words, never with a traceback, and nothing typed is lost; exports of
hostile text (formula prefixes, Markdown, terminal escapes) stay inert."""

from __future__ import annotations

import csv
import io
import itertools
import json
import re
import tempfile
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt
from pydantic import ValidationError

from smarkmeet.domain.agenda import BUILT_IN, WEEKLY, MeetingTemplate
from smarkmeet.domain.dates import MAX_DAYS, read_date
from smarkmeet.domain.enums import Side
from smarkmeet.domain.errors import describe
from smarkmeet.domain.inert import inert
from smarkmeet.domain.models import ActionItem, Lead, Person
from smarkmeet.domain.quickadd import parse_quick_add
from smarkmeet.services.criticism import add_note, follow_up
from smarkmeet.services.export import (
    ACTION_COLUMNS,
    action_records,
    lead_records,
    render_minutes_json,
    write_records,
)
from smarkmeet.services.meeting import plan_meeting
from smarkmeet.services.minutes import render_minutes
from smarkmeet.services.templates import load_templates
from smarkmeet.services.wrapup import add_from_line, set_summary
from smarkmeet.store.actions import ActionFilter
from smarkmeet.store.exports import LEAD_COLUMNS
from smarkmeet.store.log import memory_log
from tests.conftest import FIXED_NOW
from tests.unit.test_templates import GOOD

TODAY = FIXED_NOW.date()  # Monday 2026-11-23
SHARED_LOG = [HealthCheck.function_scoped_fixture]  # one log per test, shared by its examples on purpose
CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # what domain.inert makes visible
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")  # OWASP's list, as services.export promises
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(\.[0-9]+)?")  # a number: left as it is, as the README promises
# What pydantic's strip_whitespace removes: Unicode White_Space, so (unlike str.strip) not \x1c-\x1f,
# which domain.inert then shows as ␜…␟.
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B)))

# Pieces of text that have broken something somewhere: terminal escapes (colour, window title,
# C1 CSI), Rich/Textual markup, spreadsheet formulas, Markdown structure and HTML, entities,
# and line or paragraph separators that str.split() knows but a terminal does not.
HOSTILE = [
    "\x1b[31m", "\x1b]0;title\x07", "\x1b[2J", "\x9b2J", "\x07", "\x00", "\x7f", "\x08", "\r", "\n", "\r\n",
    "\t", "\x0b", "\x1c", "\x85", "\u2028", "\u202e", "\ufeff",
    "[/]", "[bold red]", "[link=file:///etc/passwd]x[/link]", "[@click=app.quit]",
    "=", "+", "-", "@", '=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "=cmd|' /C calc'!A0",
    "# ", "## heading", "\n# injected", "1. ", "12) ", "- ", "* ", "> ", "---", "===", "```", "~~~", "    ",
    "| a | b |", "|", "\\|", "\\", "`code`", "**bold**", "_x_", "<script>alert(1)</script>", "<b>",
    "[link](javascript:alert(1))", "![img](x)", "<http://x>", "&lt;", "&#124;", "&#27;", "&amp;",
]  # fmt: skip
hostile_text = st.lists(
    st.one_of(st.sampled_from(HOSTILE), st.text(max_size=6)), min_size=1, max_size=6
).map("".join)


def model_strip(text: str) -> str:
    return text.strip(WHITE_SPACE)


def shown_as_text(sentence: str) -> bool:
    """A non-empty sentence with no control character: safe to print on any terminal."""
    return bool(sentence) and not CONTROL.search(sentence)


# -- quick-add lines ---------------------------------------------------------------------

QUICK_ADD_WORDS = [
    "@dana", "@DANA,", "@dana.", "@sam", "@s", "@samuel", "@nobody", "@zoë", "@", "@@", "@-x", "@" + "a" * 40,
    "due:fri", "due:FRI", "due:next-fri", 'due:"next fri"', "due:'+3d'", 'due:"', "due:'", "due:", "DUE:tomorrow",
    "due:+3d", "due:+99999999d", "due:99999999w", "due:2026-02-30", "due:0001-01-01", "due:[/]", "due:\x1b[31m",
    'due:"\x1b]0;x\x07"', "due:-3d", "due:12/01",
]  # fmt: skip
GAPS = ["", " ", "  ", "\t", "\n", "\u3000"]
MEANT_DUES = ["due:fri", "due:tomorrow", "due:+3d", 'due:"next week"', "due:2026-12-01", "due:1-dec", "due:next-fri"]


@st.composite
def quick_add_lines(draw) -> str:
    """Anything at all, or (as often) a hostile title with one owner and at most one due date, as meant."""
    word = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=10))
    if draw(st.booleans()):
        parts = draw(st.lists(st.tuples(st.sampled_from(GAPS), st.one_of(word, st.sampled_from(QUICK_ADD_WORDS))),
                              max_size=14))
        return "".join(gap + text for gap, text in parts)
    words = draw(st.lists(word, min_size=1, max_size=8))
    words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(["@dana", "@Sam", "@s", "@nobody"])))
    if draw(st.booleans()):
        words.insert(draw(st.integers(0, len(words))), draw(st.sampled_from(MEANT_DUES)))
    return "".join(draw(st.sampled_from(GAPS[1:])) + text for text in words)


@pytest.fixture
def quick_add_log(clock):
    """An empty log with a planned meeting and three people: @dana, @sam and @samuel (so @s is ambiguous)."""
    log = memory_log(clock)
    for name, handle, side in (("Dana", "dana", Side.MARKETING), ("Sam", "sam", Side.SALES),
                               ("Samuel", "samuel", Side.SALES)):
        log.people.add(Person(name=name, handle=handle, side=side))
    meeting = plan_meeting(log, WEEKLY, TODAY)
    yield log, meeting
    log.close()


def _check_quick_add(log, meeting, line: str) -> None:
    parsed = parse_quick_add(line)
    assert all(shown_as_text(p) for p in parsed.problems), parsed.problems
    before = log.actions.count()
    try:
        outcome = add_from_line(log, meeting, line)
    except ValidationError as error:
        # the meeting screen catches this and shows describe(error); only a title longer
        # than ActionItem allows (2,000 characters) may get this far
        assert len(parsed.title) > 2000 and "title" in describe(error)
        assert log.actions.count() == before
        event("title too long")
        return
    assert all(shown_as_text(p) for p in outcome.problems), outcome.problems
    event("saved" if outcome.item else "problems" if outcome.problems else "a question")
    if outcome.item is None:
        assert outcome.problems or outcome.owner_choices or outcome.unknown_owner or outcome.date_choices
        assert log.actions.count() == before  # nothing is written until the item is complete
        return
    assert parsed.ok and log.actions.count() == before + 1
    stored = log.one("SELECT title FROM action_items WHERE id = ?", [outcome.item.id])["title"]
    # nothing typed is lost: the title as parsed, only its control characters made visible
    assert stored == inert(parsed.title)
    assert log.actions.row(outcome.item.id).title == stored
    assert not CONTROL.search(stored)
    assert not any("\x1b" in sql or "\x9b" in sql for sql in log.db.conn.iterdump())


@settings(max_examples=200, deadline=None, suppress_health_check=SHARED_LOG)
@given(line=quick_add_lines())
@example(line="Call back due:\x1b[31m due:fri @dana")  # the problem sentence quoted the escape raw
@example(line="\x1b]0;pwned\x07 Send [/] the [bold]list[/bold] =1+1 @dana due:tomorrow")
@example(line="@dana due:+99999999d x")
@example(line="@s x due:next-fri")
def test_a_quick_add_line_is_saved_whole_or_answered_in_words(line, quick_add_log):
    _check_quick_add(*quick_add_log, line)


@settings(max_examples=15, deadline=None, suppress_health_check=SHARED_LOG)
@given(word=st.sampled_from(["x", "\x1b[31m", "[/]", "@dana", "due:fri", "@zoë", 'due:"']),
       count=st.integers(min_value=200, max_value=3000))
@example(word="x", count=2001)  # a 4,001-character title: over ActionItem's limit
@example(word="ab", count=1000)  # 2,999 characters, one word at a time
def test_very_long_lines_and_many_tokens(word, count, quick_add_log):
    _check_quick_add(*quick_add_log, " ".join([word] * count) + " @dana")


# -- dates ---------------------------------------------------------------------------------

NUMBER_FORMS = ["+{n}d", "{n}d", "+{n}w", "{n} days", "in {n} days", "in {n} weeks", "+{n} wks"]

# What each relative form means on Monday 23 November 2026, as the dates module documents it.
RELATIVE_ON_MONDAY = {
    "today": ["2026-11-23"],
    "tomorrow": ["2026-11-24"],
    "tmrw": ["2026-11-24"],
    "fri": ["2026-11-27"],
    "mon": ["2026-11-23", "2026-11-30"],  # said on a Monday: today or in a week
    "this wed": ["2026-11-25"],
    "next fri": ["2026-11-27", "2026-12-04"],
    "next sunday": ["2026-11-29", "2026-12-06"],
    "end of week": ["2026-11-27"],
    "eom": ["2026-11-30"],
    "next week": ["2026-11-30"],
    "+3d": ["2026-11-26"],
    "in two weeks": ["2026-12-07"],
    "in 3 days": ["2026-11-26"],
    "1 dec": ["2026-12-01"],
    "dec 25th": ["2026-12-25"],
    "1 jan": ["2027-01-01"],
}


def _dates(reading) -> list[date]:
    return [reading.value] if reading.ok else list(reading.candidates)


@settings(max_examples=300, deadline=None)
@given(text=st.one_of(hostile_text, st.text(), st.text(alphabet="+-0123456789/ dwkaysinextfrijanmo.:", max_size=20)))
@example(text="\x1b]0;title\x07fri")
@example(text="+99999999d")
@example(text="9999-12-31")
def test_any_text_reads_as_one_outcome_never_a_traceback(text):
    reading = read_date(text, TODAY)
    outcomes = [reading.value is not None, reading.ambiguous, reading.error is not None]
    assert outcomes.count(True) == 1, reading
    if reading.error is not None:
        # the sentence quotes what was typed, visibly and shortened, never raw
        assert shown_as_text(reading.error) and reading.error.isprintable(), reading.error
        assert len(reading.error) <= 40 + 100
    for found in _dates(reading):
        assert abs((found - TODAY).days) <= MAX_DAYS


@settings(max_examples=150, deadline=None)
@given(n=st.one_of(st.integers(min_value=MAX_DAYS + 1, max_value=10**7), st.integers(min_value=10**7)),
       form=st.sampled_from(NUMBER_FORMS))
@example(n=99999999, form="+{n}d")
@example(n=10**400, form="in {n} weeks")
def test_huge_numbers_are_too_far_not_an_overflow(n, form):
    reading = read_date(form.format(n=n), TODAY)
    assert reading.error is not None and "too far away" in reading.error


@settings(max_examples=150, deadline=None)
@given(day=st.dates(min_value=TODAY - timedelta(days=MAX_DAYS), max_value=TODAY + timedelta(days=MAX_DAYS)),
       sep=st.sampled_from(["-", "/"]), pad=st.booleans(), space=st.sampled_from(["", " ", "\t", "\n "]))
def test_iso_dates_round_trip_past_or_future(day, sep, pad, space):
    text = (f"{day.year:04d}{sep}{day.month:02d}{sep}{day.day:02d}" if pad
            else f"{day.year:04d}{sep}{day.month}{sep}{day.day}")
    assert read_date(space + text + space, TODAY).value == day


@settings(max_examples=60, deadline=None)
@given(day=st.one_of(st.dates(max_value=TODAY - timedelta(days=MAX_DAYS + 1)),
                     st.dates(min_value=TODAY + timedelta(days=MAX_DAYS + 1))))
@example(day=date.min)
@example(day=date.max)
def test_iso_dates_beyond_ten_years_are_refused(day):
    reading = read_date(day.isoformat(), TODAY)
    assert reading.error is not None and "too far" in reading.error


@st.composite
def decorated(draw, text: str) -> str:
    """``text`` as a hurried facilitator might type it: any case, dashes or underscores for spaces,
    extra blanks, a full stop at the end."""
    cased = "".join(ch.upper() if draw(st.booleans()) else ch for ch in text)
    joined = "".join(draw(st.sampled_from([" ", "  ", "-", "_"])) if ch == " " else ch for ch in cased)
    return draw(st.sampled_from(["", " ", "\t"])) + joined + draw(st.sampled_from(["", ".", " "]))


@settings(max_examples=150, deadline=None)
@given(data=st.data(), word=st.sampled_from(sorted(RELATIVE_ON_MONDAY)))
def test_relative_words_however_typed_mean_the_documented_days(data, word):
    text = data.draw(decorated(word), label="typed")
    found = _dates(read_date(text, TODAY))
    assert [d.isoformat() for d in found] == RELATIVE_ON_MONDAY[word], text
    assert all(TODAY <= d <= TODAY + timedelta(days=40) for d in found)


# -- template files -------------------------------------------------------------------------

GOOD_TEMPLATE = GOOD.lstrip()  # line numbers in the tests count from its first line

TEMPLATE_JUNK = [
    "\x00", "\x1b[31m", "\ufeff", "= =", "[[sections]]", "[sections]", "minutes = 99999999999999999999",
    "minutes = " + "9" * 5000, "minutes = 0x" + "f" * 5000, "x = " + "[" * 3000, "x = " + "{a=" * 1500,
    'title = "' + "x" * 200 + '"', "kind = 'nope'", 'title = "\\u001b]0;pwned\\u0007"', "name = 7",
    "minutes = -1", "minutes = 1e999", "minutes = nan", 'title = """', "when = 2026-02-30", "sections = []",
    'name = ""', "name = '" + "n" * 61 + "'", "\r\n", "\\", "'", '"',
]  # fmt: skip


@st.composite
def template_files(draw) -> bytes:
    lines = GOOD_TEMPLATE.splitlines()
    for _ in range(draw(st.integers(min_value=0, max_value=2))):
        junk = draw(st.one_of(st.sampled_from(TEMPLATE_JUNK), st.text(max_size=20)))
        lines.insert(draw(st.integers(min_value=0, max_value=len(lines))), junk)
    text = draw(st.sampled_from(["\n", "\r\n"])).join(lines)
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


def _check_template_file(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "mine.toml"
        path.write_bytes(data)
        templates, problems = load_templates(Path(folder))
    assert len(problems) <= 1
    event("a problem" if problems else "loaded")
    if problems:
        (problem,) = problems
        assert problem.path == path and shown_as_text(problem.message) and str(problem).startswith(str(path))
        assert templates == BUILT_IN  # a bad file changes nothing
        return
    added = {name: t for name, t in templates.items() if BUILT_IN.get(name) is not t}
    assert len(added) == 1
    (template,) = added.values()
    assert isinstance(template, MeetingTemplate) and template.sections


@settings(max_examples=120, deadline=None)
@given(data=template_files())
@example(data=b"\xef\xbb\xbf" + GOOD_TEMPLATE.encode())  # a BOM was read as an "invalid statement"
@example(data=b"minutes = " + b"9" * 5000)  # ValueError out of tomllib's int()
@example(data=b"x = " + b"[" * 3000 + b"]" * 3000)  # RecursionError out of tomllib
@example(data=b"x = " + b"{a=" * 1500 + b"1" + b"}" * 1500)
def test_a_template_file_loads_or_is_one_problem(data):
    _check_template_file(data)


@settings(max_examples=80, deadline=None)
@given(data=st.binary(max_size=400))
def test_arbitrary_bytes_as_a_template_never_raise(data):
    _check_template_file(data)


def test_a_template_saved_with_a_byte_order_mark_loads(tmp_path):
    (tmp_path / "short.toml").write_bytes(b"\xef\xbb\xbf" + GOOD_TEMPLATE.encode())
    templates, problems = load_templates(tmp_path)
    assert problems == [] and templates["short"].planned_minutes == 5


@pytest.mark.parametrize("text", ["minutes = " + "9" * 5000, "x = " + "[" * 3000 + "]" * 3000],
                         ids=["huge-integer", "deep-nesting"])
def test_what_tomllib_cannot_hold_is_a_problem_not_a_crash(tmp_path, text):
    (tmp_path / "deep.toml").write_text(text)
    templates, problems = load_templates(tmp_path)
    assert templates == BUILT_IN and [p.path.name for p in problems] == ["deep.toml"]
    assert "too long" in problems[0].message


def test_huge_template_files(tmp_path):
    (tmp_path / "padded.toml").write_text("# padding\n" * 200_000 + GOOD_TEMPLATE.replace("short", "padded"))
    (tmp_path / "long.toml").write_text(GOOD_TEMPLATE.replace("Short weekly", "x" * 2_000_000))
    templates, problems = load_templates(tmp_path)
    assert templates["padded"].planned_minutes == 5
    assert [(p.path.name, p.line) for p in problems] == [("long.toml", 3)] and "title" in problems[0].message


def test_escapes_in_a_template_never_reach_the_log(tmp_path, log):
    text = GOOD_TEMPLATE.replace("Short weekly", "\\u001b]0;pwned\\u0007Weekly").replace("Wrap-up", "\\u001b[2JWrap")
    (tmp_path / "short.toml").write_text(text)
    templates, problems = load_templates(tmp_path)
    assert problems == [] and "\x1b" in templates["short"].title
    meeting = plan_meeting(log, templates["short"], TODAY)
    assert meeting.title == "␛]0;pwned␇Weekly"
    assert [s.title for s in log.meetings.sections(meeting.id)] == ["Check-in", "␛[2JWrap"]
    assert not any("\x1b" in line for line in log.db.conn.iterdump())


# -- exports of hostile text ---------------------------------------------------------------

H2 = {"Attendance", "Agenda and timing", "Summary", "Action items reviewed", "Goals", "Lead feedback given",
      "Criticism notes", "New action items", "Rating"}
_MARKDOWN = MarkdownIt("commonmark").enable("table")
_handles = itertools.count()
hostile_field = hostile_text.filter(lambda s: model_strip(s) and len(s) <= 2000)


def flat(text: str) -> str:
    return " ".join(text.split())


def _plain(inline) -> str:
    """The text a reader sees in one rendered inline token (escapes and entities resolved)."""
    return "".join(child.content for child in inline.children or ())


def _check_markdown(text: str, meeting, title: str, owner: str, note, comment: str) -> None:
    tokens = _MARKDOWN.parse(text)
    kinds = {token.type for token in tokens} | {c.type for t in tokens for c in (t.children or ())}
    # no raw HTML, no link or image, no code: user text never becomes anything but text
    assert not kinds & {"html_block", "html_inline", "link_open", "image", "code_inline", "code_block", "fence"}, kinds
    headings = [(t.tag, _plain(tokens[i + 1])) for i, t in enumerate(tokens) if t.type == "heading_open"]
    assert headings[0] == ("h1", f"{flat(meeting.title)} — {meeting.scheduled_for.isoformat()}")
    assert all(tag == "h2" and name in H2 for tag, name in headings[1:]), headings
    cells: list[list[str]] = []
    items: list[str] = []
    paragraphs: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "tr_open":
            row = []
            for inner in tokens[i + 1:]:
                if inner.type == "tr_close":
                    break
                if inner.type == "inline":
                    row.append(_plain(inner))
            cells.append(row)
        elif token.type == "inline" and tokens[i - 1].type == "paragraph_open":
            (items if tokens[i - 2].type == "list_item_open" else paragraphs).append(_plain(token))
    # the title stays in its own cell of its own row, whole, with its owner beside it
    assert [flat(title), flat(owner), "—"] in cells
    assert any(entry.startswith(f"{note.from_side.label} → {note.to_side.label}: {flat(note.observation)}")
               for entry in items)
    assert f"Impact: {flat(note.impact)}" in items and f"Request: {flat(note.request)}" in items
    assert f"Follow-up on “{flat(note.observation)}”: {flat(comment)}" in items
    summary = flat(meeting.summary)
    if summary:
        assert summary in paragraphs
    else:
        assert "Summary" not in [name for _, name in headings]


@settings(max_examples=40, deadline=None, suppress_health_check=SHARED_LOG)
@given(meeting_title=hostile_field, title=hostile_field, owner=hostile_field, observation=hostile_field,
       impact=hostile_field, request=hostile_field, comment=hostile_field, summary=hostile_text)
@example(meeting_title="+0.0", title="-42", owner="+0.0", observation="x", impact="y", request="z",  # plain numbers
         comment="c", summary="s")
@example(meeting_title="# Weekly\n# Injected", title="Fix | it\n# Injected heading", owner="=1+1",
         observation="- not a list", impact="| x |", request="<script>alert(1)</script>",
         comment="\x1b]0;pwned\x07", summary="1. first\n\n## Injected")
@example(meeting_title="x", title="&lt;b&gt; &#124; &amp;", owner="&#27;[31m", observation="x", impact="y",
         request="z", comment="c", summary="&copy;")  # entities were decoded: "&lt;b&gt;" was shown as "<b>"
def test_hostile_text_stays_text_in_every_export(sample_log, meeting_title, title, owner, observation, impact,
                                                  request, comment, summary):
    log = sample_log
    meeting = plan_meeting(log, WEEKLY, TODAY, title=meeting_title)
    person = log.people.add(Person(name=owner, handle=f"hostile{next(_handles)}", side=Side.SALES))
    item = log.actions.add(ActionItem(title=title, owner_id=person.id, origin_meeting_id=meeting.id,
                                      created_at=FIXED_NOW))
    note = add_note(log, meeting, from_side=Side.SALES, observation=observation, impact=impact, request=request)
    followup = follow_up(log, note.id, comment, meeting)
    set_summary(log, meeting, summary)
    lead = log.leads.add(Lead(crm_id=f"crm-{item.id}", name=title, company=owner, source=request,
                              created_at=FIXED_NOW))
    meeting = log.meetings.get(meeting.id)
    # what the log holds: the text as typed, trimmed, with its control characters made visible
    stored_title = log.actions.get(item.id).title
    assert stored_title == inert(model_strip(title))
    assert person.name == inert(model_strip(owner))
    assert lead.name == inert(model_strip(title), multiline=True)
    assert meeting.summary == inert(model_strip(summary), multiline=True)  # the model strips, as for a title

    markdown = render_minutes(log, meeting)
    minutes_json = render_minutes_json(log, meeting)
    actions_csv, actions_json, leads_csv, leads_json = io.StringIO(), io.StringIO(), io.StringIO(), io.StringIO()
    write_records(action_records(log, ActionFilter(status=None)), ACTION_COLUMNS, "csv", actions_csv)
    write_records(action_records(log, ActionFilter(status=None)), ACTION_COLUMNS, "json", actions_json)
    write_records(lead_records(log), LEAD_COLUMNS, "csv", leads_csv)
    write_records(lead_records(log), LEAD_COLUMNS, "json", leads_json)

    # no terminal escape (nor any other control character but line ends) in any export
    for text in (markdown, minutes_json, actions_json.getvalue(), leads_json.getvalue()):
        assert not CONTROL.search(text.replace("\n", "")), text
    for text in (actions_csv.getvalue(), leads_csv.getvalue()):
        assert not CONTROL.search(re.sub("[\t\r\n]", "", text)), text

    # CSV: no cell starts as a formula; each value comes back as the log holds it, behind a ' if need be.
    # A plain number is no formula and stays as it is (the README: "-3 stays a number", a CRM id "-42";
    # hypothesis once named a person "+0.0")
    for exported in (actions_csv, leads_csv):
        for row in csv.reader(io.StringIO(exported.getvalue(), newline="")):
            assert not any(cell.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(cell) for cell in row), row

    def safe(text: str) -> str:
        return "'" + text if text.startswith(FORMULA_STARTS) and not PLAIN_NUMBER.fullmatch(text) else text

    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(actions_csv.getvalue(), newline=""))}
    assert (rows[item.id]["title"], rows[item.id]["owner"]) == (safe(stored_title), safe(person.name))
    leads = {row["crm_id"]: row for row in csv.DictReader(io.StringIO(leads_csv.getvalue(), newline=""))}
    assert [leads[lead.crm_id][key] for key in ("name", "company", "source")] == [
        safe(lead.name), safe(lead.company), safe(lead.source)]

    # JSON: every value round-trips exactly as the log holds it
    record = json.loads(minutes_json)
    assert (record["meeting"]["title"], record["meeting"]["summary"]) == (meeting.title, meeting.summary)
    created = {entry["id"]: entry for entry in record["action_items_created"]}
    assert (created[item.id]["title"], created[item.id]["owner"]) == (stored_title, person.name)
    (exported_note,) = record["criticism_notes"]
    assert [exported_note[key] for key in ("observation", "impact", "request")] == [
        note.observation, note.impact, note.request]
    assert record["criticism_followups"] == [{"observation": note.observation, "comment": followup.comment}]
    assert [r["title"] for r in json.loads(actions_json.getvalue()) if r["id"] == item.id] == [stored_title]
    assert [(r["name"], r["company"], r["source"]) for r in json.loads(leads_json.getvalue())
            if r["crm_id"] == lead.crm_id] == [(lead.name, lead.company, lead.source)]

    # Markdown: one line per value, nothing structural, every value whole where it belongs
    _check_markdown(markdown, meeting, stored_title, person.name, note, followup.comment)


@given(text=st.text(), multiline=st.booleans())
@example(text="plain words", multiline=False)
@example(text="a\tb\r\nc\x1b[2J\x9b\x7f\u2028\xa0", multiline=True)
def test_inert_replaces_exactly_the_control_characters(text, multiline):
    shown = inert(text, multiline=multiline)
    kept = "\t\n\r" if multiline else ""
    assert len(shown) == len(text)
    for before, after in zip(text, shown, strict=True):
        if CONTROL.match(before) and before not in kept:
            assert after != before and not CONTROL.match(after)  # a control picture, or a space for a line break
        else:
            assert after == before
