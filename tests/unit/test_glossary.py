"""The glossary service, its term finder (property-tested) and ``smarkmeet glossary``."""

import json
import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from smarkmeet.cli import cli, main
from smarkmeet.services.glossary import (
    MAX_DEFINITION_LENGTH,
    GlossaryError,
    define_term,
    filter_terms,
    find_terms,
    get_term,
    history,
    is_acronym,
    terms_in_text,
)
from smarkmeet.services.meeting import MeetingRunner

# -- defining -------------------------------------------------------------------


def test_a_new_term_is_revision_one_and_recorded(log):
    outcome = define_term(log, "  MQL ", "Marketing-qualified lead.")
    assert outcome.created and outcome.changed
    term = log.glossary.get("mql")
    assert (term.term, term.definition, term.revision) == ("MQL", "Marketing-qualified lead.", 1)
    assert [r.revision for r in log.glossary.revisions(term.id)] == [1]
    assert [c["action"] for c in log.changes(table="glossary_terms")] == ["insert"]


def test_a_redefinition_is_the_next_revision_and_keeps_the_old_one(log):
    define_term(log, "MQL", "Marketing-qualified lead.")
    outcome = define_term(log, "mql", "A lead marketing hands to sales.")
    assert not outcome.created and outcome.changed
    assert outcome.term.term == "MQL" and outcome.term.revision == 2
    revisions = log.glossary.revisions(outcome.term.id)
    assert [(r.revision, r.definition) for r in revisions] == [
        (1, "Marketing-qualified lead."), (2, "A lead marketing hands to sales.")]
    assert "revision 2" in outcome.describe()


def test_the_same_definition_again_is_unchanged_not_a_revision(log):
    define_term(log, "SQL", "Sales-qualified lead.")
    writes = len(log.changes())
    outcome = define_term(log, "sql", "  Sales-qualified   lead.\n")
    assert not outcome.changed and outcome.term.revision == 1
    assert "unchanged" in outcome.describe()
    assert len(log.changes()) == writes


@pytest.mark.parametrize(
    "term, definition, message",
    [
        ("", "something", "type the term"),
        ("   ", "something", "type the term"),
        ("MQL", "   ", "type what “MQL” means"),
        ("x" * 81, "something", "at most 80 characters; this one has 81"),
        ("MQL", "d" * (MAX_DEFINITION_LENGTH + 1), f"at most {MAX_DEFINITION_LENGTH} characters"),
        ("--", "something", "needs at least one"),
    ],
)
def test_bad_input_is_refused_in_words(log, term, definition, message):
    with pytest.raises(GlossaryError, match=message):
        define_term(log, term, definition)
    assert log.glossary.all() == []


def test_adding_a_term_that_exists_is_refused(log):
    define_term(log, "Lead", "Someone who showed interest.")
    with pytest.raises(GlossaryError, match="already defined"):
        define_term(log, "lead", "Another meaning.", adding=True)
    assert log.glossary.get("Lead").revision == 1


@pytest.mark.parametrize("defined, typed", [("MQL", "mqls"), ("MQL", "MQL's"), ("Opportunity", "opportunities"),
                                           ("Leads", "lead"), ("Lead", "Leads")])
def test_another_form_of_a_defined_term_is_refused_and_named(log, defined, typed):
    """"mqls" was saved beside MQL: F2 on "MQLs delivered" then showed both, with two definitions."""
    define_term(log, defined, "What it means.")
    changes = len(log.changes())
    with pytest.raises(GlossaryError, match=f"written another way .* edit {defined} instead"):
        define_term(log, typed, "Another meaning.", adding=True)
    assert [entry.term for entry in log.glossary.all()] == [defined] and len(log.changes()) == changes


@pytest.mark.parametrize("defined, typed", [("SAL", "Sales"), ("SQL", "SQLite"), ("Lead", "Leader")])
def test_a_term_that_only_starts_like_another_is_its_own(log, defined, typed):
    define_term(log, defined, "What it means.")
    define_term(log, typed, "Something else.", adding=True)
    assert log.glossary.get(typed) is not None


def test_in_a_live_meeting_the_revision_records_the_meeting_and_facilitator(sample_log):
    meeting = sample_log.meetings.next_planned()
    MeetingRunner(sample_log, meeting.id).start()
    outcome = define_term(sample_log, "MQL", "A lead that meets the agreed MQL score.")
    latest = sample_log.glossary.revisions(outcome.term.id)[-1]
    assert latest.meeting_id == meeting.id and latest.changed_by == meeting.facilitator_id
    update = sample_log.changes(table="glossary_terms", row_id=outcome.term.id)[-1]
    assert update["meeting_id"] == meeting.id
    lines = history(sample_log, outcome.term)
    assert [line.revision for line in lines] == [2, 1]  # newest first
    assert lines[0].meeting.startswith(meeting.title) and lines[0].changed_by
    assert lines[1].meeting is None


def test_an_unknown_term_suggests_close_ones(sample_log):
    with pytest.raises(GlossaryError, match="did you mean MQL"):
        get_term(sample_log, "mqx")


@pytest.mark.parametrize(("typed", "term"), [("MQLs", "MQL"), ("mqls", "MQL"), ("SQL's", "SQL"), ("leads", "Lead"),
                                             ("opportunities", "Opportunity"), ("closed loop reporting",
                                                                                "Closed-loop reporting")])
def test_a_term_is_found_as_it_is_said_in_a_sentence(sample_log, typed, term):
    """F2 finds "MQLs" in a title as MQL; the glossary's own look-up answered "did you mean SLA?"."""
    assert get_term(sample_log, typed).term == term


@pytest.mark.parametrize("typed", ["sales", "Sales", "SQLite"])
def test_a_word_that_only_starts_like_an_acronym_is_not_taken_for_it(sample_log, typed):
    """Read in any case, "sales" was SAL with a plural ending: an acronym is in capitals, or
    typed in any case with no more than a plural or possessive added."""
    with pytest.raises(GlossaryError, match="no term"):
        get_term(sample_log, typed)


def test_filter_puts_name_matches_first(sample_log):
    names = [t.term for t in filter_terms(sample_log.glossary.all(), "sal")]
    assert names[0] == "SAL" and "SLA" in names  # SLA's definition mentions sales
    assert [t.term for t in filter_terms(sample_log.glossary.all(), "  ")] == [
        t.term for t in sample_log.glossary.all()]
    assert filter_terms(sample_log.glossary.all(), "zzz") == []


def test_terms_in_text_reads_the_log(sample_log):
    found = terms_in_text(sample_log, "MQLs delivered · Leads accepted by sales (SAL)")
    assert [t.term for t in found] == ["Lead", "MQL", "SAL"]


# -- finding terms in text ------------------------------------------------------

TERMS = ["MQL", "SQL", "SAL", "SLA", "Lead", "Opportunity", "Closed-loop reporting", "B2B"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We delivered 25 MQLs", ["MQL"]),
        ("two SQLs and an SQL", ["SQL"]),
        ("the SAL's owner", ["SAL"]),
        ("SQL-based scoring", ["SQL"]),
        ("MQLS, SLAs", ["MQL", "SLA"]),
        ("sql, sal and mql in lower case are words, not our acronyms", []),
        ("Sal Rossi and Sla Inc", []),
        ("PostgreSQL, MySQL, NoSQL", []),
        ("Leads and a lead's source", ["Lead"]),
        ("the leader misleads", []),
        ("Opportunities and an opportunity", ["Opportunity"]),
        ("closed loop reporting, or Closed-Loop Reporting", ["Closed-loop reporting"]),
        ("B2B buyers; b2b", ["B2B"]),
        ("", []),
    ],
)
def test_find_terms_examples(text, expected):
    assert find_terms(text, TERMS) == expected


def test_acronyms_are_all_capitals():
    assert is_acronym("MQL") and is_acronym("B2B") and is_acronym("CRM ID")
    assert not is_acronym("Lead") and not is_acronym("A") and not is_acronym("HubSpot")


words = st.text(alphabet=string.ascii_letters, min_size=1, max_size=8)
terms = st.lists(words, min_size=1, max_size=3).map(" ".join)
endings = st.sampled_from(["", "s", "es", "'s", "’s"])
anything = st.text(max_size=40)


@given(left=anything, term=terms, ending=endings, right=anything)
def test_a_term_set_apart_is_found_with_any_plural(left, term, ending, right):
    assert find_terms(f"{left} {term}{ending} {right}", [term]) == [term]


@given(left=anything, term=terms, right=anything, case=st.sampled_from([str.upper, str.lower, str.swapcase]))
def test_words_are_found_in_any_case(left, term, right, case):
    if not is_acronym(term):
        assert find_terms(f"{left} {case(term)} {right}", [term]) == [term]


@given(term=st.text(alphabet=string.ascii_uppercase, min_size=2, max_size=5), left=anything, right=anything)
def test_acronyms_need_capitals(term, left, right):
    text = f"{left} {term.lower()} {right}".lower()
    assert find_terms(text, [term]) == []


@given(term=terms, glue=st.sampled_from(["q", "Z", "7", "_"]))
def test_a_term_inside_a_longer_word_is_not_found(term, glue):
    assert find_terms(f"{glue}{term}{glue}", [term]) == []


@given(text=st.text(max_size=200), given_terms=st.lists(st.text(max_size=12), max_size=8))
def test_any_text_and_terms_give_a_subset_in_order_without_repeats(text, given_terms):
    found = find_terms(text, given_terms)
    assert all(term in given_terms for term in found)
    assert len({term.strip().lower() for term in found}) == len(found)
    positions = [given_terms.index(term) for term in found]
    assert positions == sorted(positions)


# -- the command line -----------------------------------------------------------


def run(runner, *args):
    return runner.invoke(cli, ["glossary", *args])


def test_cli_list_json_matches_the_log(runner, sample_db):
    result = run(runner, "list", "--db", str(sample_db), "--json")
    assert result.exit_code == 0, result.output
    listed = json.loads(result.output)
    from smarkmeet.clock import SystemClock
    from smarkmeet.store.log import open_log

    log = open_log(sample_db, SystemClock())
    stored = [(t.term, t.definition, t.revision) for t in log.glossary.all()]
    log.close()
    assert [(t["term"], t["definition"], t["revision"]) for t in listed] == stored
    assert {"term", "definition", "revision", "updated_at"} == set(listed[0])


def test_cli_list_text_and_empty(runner, sample_db, tmp_path):
    result = run(runner, "list", "--db", str(sample_db))
    assert result.exit_code == 0
    assert result.output.splitlines()[0].startswith("Closed-loop reporting")
    assert result.output.rstrip().endswith("8 term(s)")
    empty = tmp_path / "empty.db"
    runner.invoke(cli, ["init", "--db", str(empty)])
    assert "The glossary is empty" in run(runner, "list", "--db", str(empty)).output


def test_cli_define_adds_revises_and_shows_history(runner, sample_db):
    db = ["--db", str(sample_db)]
    added = run(runner, "define", "ICP", "Ideal customer profile.", *db)
    assert added.exit_code == 0 and "Added “ICP”" in added.output
    revised = run(runner, "define", "mql", "A lead scored 50+.", "--by", "dana", *db)
    assert revised.exit_code == 0 and "revision 2" in revised.output
    same = run(runner, "define", "MQL", "A lead scored 50+.", *db)
    assert same.exit_code == 0 and "unchanged" in same.output
    shown = run(runner, "show", "Mql", *db)
    assert shown.exit_code == 0
    lines = shown.output.splitlines()
    assert lines[0] == "MQL (revision 2)" and "A lead scored 50+." in lines[1]
    assert shown.output.index("rev 2") < shown.output.index("rev 1")
    assert "Dana" in shown.output and "Marketing-qualified lead" in shown.output


def _run_main(monkeypatch, capsys, args):
    monkeypatch.setattr("sys.argv", ["smarkmeet", *args])
    with pytest.raises(SystemExit) as caught:
        main()
    return caught.value.code, capsys.readouterr()


@pytest.mark.parametrize(
    "args, message",
    [
        (["show", "nonsense"], "no term “nonsense” in the glossary"),
        (["define", "MQL", "  "], "type what “MQL” means"),
        (["define", "MQL", "x", "--by", "zed"], "no one on the team matches 'zed'"),
        (["define", "", "x"], "type the term"),
    ],
)
def test_cli_user_errors_are_one_line(monkeypatch, capsys, sample_db, args, message):
    code, out = _run_main(monkeypatch, capsys, ["glossary", *args, "--db", str(sample_db)])
    assert code == 2
    assert out.err.startswith("smarkmeet: error: ") and out.err.count("\n") == 1
    assert message in out.err and "Traceback" not in out.err


@pytest.mark.parametrize("args", [["list"], ["show", "MQL"], ["define", "MQL", "x"]])
def test_cli_missing_log_is_an_error_not_a_new_file(monkeypatch, capsys, tmp_path, args):
    path = tmp_path / "none.db"
    code, out = _run_main(monkeypatch, capsys, ["glossary", *args, "--db", str(path)])
    assert code == 2 and "no log at" in out.err
    assert not path.exists()
