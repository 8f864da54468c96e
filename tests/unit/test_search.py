"""Full-text search: what is indexed, how words match, grouping by kind, the CLI, and the migration
that indexes a log written before search existed. Expected hits are computed from the tables."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarkmeet.cli import cli
from smarkmeet.domain.models import ActionItem, CriticismFollowup, CriticismNote
from smarkmeet.services.search import marked_spans, plain, search
from smarkmeet.store.actions import fts_words
from smarkmeet.store.search import KINDS

# what each kind indexes: (table, text columns, condition)
SOURCES = {
    "action": ("action_items", ("title",), "1"),
    "note": ("criticism_notes", ("observation", "impact", "request"), "1"),
    "followup": ("criticism_followups", ("comment",), "1"),
    "meeting": ("meetings", ("title", "summary"), "1"),
    "verdict": ("lead_feedback", ("comment",), "comment <> ''"),
    "glossary": ("glossary_terms", ("term", "definition"), "1"),
}


def expected_hits(log, text: str) -> dict[str, set[str]]:
    """Rows of each kind with a word starting with each word of ``text``, found by reading the tables."""
    wanted = fts_words(text)
    found: dict[str, set[str]] = {}
    for kind, (table, columns, condition) in SOURCES.items():
        for row in log.rows(f"SELECT * FROM {table} WHERE {condition}"):
            words = fts_words(" ".join(row[column] for column in columns))
            if all(any(word.startswith(part) for word in words) for part in wanted):
                found.setdefault(kind, set()).add(row["id"])
    return found


@pytest.mark.parametrize("text", ["lead", "webinar", "sql", "the list", "verdict", "ICP", "sales"])
def test_every_kind_is_found_as_the_tables_say(sample_log, text):
    expected = expected_hits(sample_log, text)
    results = search(sample_log, text, per_kind=1000)
    assert results.counts == {kind: len(ids) for kind, ids in expected.items()}
    got: dict[str, set[str]] = {}
    for hit in results.hits:
        got.setdefault(hit.kind, set()).add(hit.ref_id)
    assert got == expected
    assert [hit.kind for hit in results.hits] == sorted((hit.kind for hit in results.hits), key=list(KINDS).index)


def test_the_demo_has_something_of_every_kind(sample_log):
    kinds = {kind for text in ("lead", "the", "we", "sql", "revisit", "sales", "draft") for kind in search(sample_log, text).counts}
    assert kinds == set(KINDS)


def test_case_and_accents_are_ignored(log):
    log.actions.add(ActionItem(title="Réviser le Café pitch", created_at=log.clock.now()))
    for text in ("cafe", "CAFÉ", "revis", "Réviser"):
        assert search(log, text).counts == {"action": 1}, text


def test_per_kind_limits_hits_but_not_counts(log):
    for n in range(30):
        log.actions.add(ActionItem(title=f"Webinar task {n}", created_at=log.clock.now()))
    results = search(log, "webinar", per_kind=5)
    assert results.counts == {"action": 30}
    assert len(results.hits) == 5


def test_matches_are_marked(log):
    log.actions.add(ActionItem(title="Send the webinar list", created_at=log.clock.now()))
    hit = search(log, "webi").hits[0]
    assert plain(hit.title) == "Send the webinar list"
    assert ("webinar", True) in marked_spans(hit.title)


def test_followups_and_notes_open_the_note(log):
    note = CriticismNote(from_side="sales", to_side="marketing", observation="Lists arrive late",
                         created_at=log.clock.now())
    log.notes.add(note)
    log.notes.add_followup(CriticismFollowup(note_id=note.id, comment="Lists now arrive on time",
                                             created_at=log.clock.now()))
    results = search(log, "lists")
    assert {hit.kind for hit in results.hits} == {"note", "followup"}
    assert {hit.target for hit in results.hits} == {note.id}


@pytest.mark.parametrize(("impact", "asked", "body"), [
    ("Hot leads go cold", "Give every lead a verdict", "Hot leads go cold — Give every lead a verdict"),
    ("Hot leads go cold.", "Give every lead a verdict", "Hot leads go cold. Give every lead a verdict"),
    ("Hot leads go cold", "", "Hot leads go cold"),
    ("", "Give every lead a verdict", "Give every lead a verdict"),
])
def test_a_notes_snippet_keeps_its_impact_and_request_apart(log, impact, asked, body):
    """A snippet ran "…hot leads go cold Give every lead…" together: the index joined a note's
    impact and request with a space. Where the impact ends without a stop, a dash between."""
    note = CriticismNote(from_side="sales", to_side="marketing", observation="Slow verdicts", impact=impact,
                         request=asked, created_at=log.clock.now())
    log.notes.add(note)
    indexed = log.one("SELECT s.body FROM search s JOIN search_refs r ON r.seq = s.rowid WHERE r.ref_id = ?",
                      [note.id])["body"]
    assert indexed == body
    if impact:  # an edit is indexed the same way
        log.notes.update(note.id, {"impact": impact + " now"})
        indexed = log.one("SELECT s.body FROM search s JOIN search_refs r ON r.seq = s.rowid WHERE r.ref_id = ?",
                          [note.id])["body"]
        assert indexed.startswith(impact + " now")
    assert search(log, "verdict" if asked else "cold").hits


def test_a_log_indexed_before_m009_gets_its_notes_snippets_apart_when_opened(tmp_path, clock):
    import sqlite3

    from smarkmeet.store.log import open_log
    from smarkmeet.store.migrations import _SEARCH_SOURCES_V3, _search_triggers

    path = tmp_path / "old.db"
    log = open_log(path, clock)
    note = CriticismNote(from_side="sales", to_side="marketing", observation="Slow verdicts",
                         impact="Hot leads go cold", request="Give every lead a verdict", created_at=clock.now())
    log.notes.add(note)
    log.close()
    conn = sqlite3.connect(path)  # the note's entry and triggers as m003 made them
    for action in ("insert", "update", "delete"):
        conn.execute(f"DROP TRIGGER search_note_{action}")
    for statement in _search_triggers(*next(s for s in _SEARCH_SOURCES_V3 if s[0] == "note")):
        conn.execute(statement)
    conn.execute("UPDATE search SET body = 'Hot leads go cold Give every lead a verdict' "
                 "WHERE rowid = (SELECT seq FROM search_refs WHERE ref_id = ?)", [note.id])
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm009_note_snippets'")
    conn.commit()
    conn.close()
    log = open_log(path, clock)
    try:
        body = "SELECT s.body FROM search s JOIN search_refs r ON r.seq = s.rowid WHERE r.ref_id = ?"
        assert log.one(body, [note.id])["body"] == "Hot leads go cold — Give every lead a verdict"
        later = CriticismNote(from_side="sales", to_side="marketing", observation="More", impact="Lists late",
                              request="Send them sooner", created_at=clock.now())
        log.notes.add(later)  # through the new trigger
        assert log.one(body, [later.id])["body"] == "Lists late — Send them sooner"
        log.conn.execute("INSERT INTO search (search) VALUES ('integrity-check')")
    finally:
        log.close()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(max_size=30))
def test_no_typed_text_is_read_as_query_syntax(sample_log, text):
    search(sample_log, text)  # read-only; must never raise (quotes, NEAR, *, ^, column filters…)


def test_cli_search_json_and_errors(runner, sample_db):
    result = runner.invoke(cli, ["search", "--db", str(sample_db), "--json", "lead"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert sum(data["counts"].values()) >= len(data["hits"]) > 0
    only = runner.invoke(cli, ["search", "--db", str(sample_db), "--json", "--kind", "note", "lead"])
    assert set(json.loads(only.output)["counts"]) == {"note"}
    empty = runner.invoke(cli, ["search", "--db", str(sample_db), "?!"])
    assert empty.exit_code == 2 and "at least one word" in empty.output
    single = runner.invoke(cli, ["search", "--db", str(sample_db), "a"])
    assert single.exit_code == 2 and "two letters" in single.output
    none = runner.invoke(cli, ["search", "--db", str(sample_db), "zzzzqqq"])
    assert none.exit_code == 0 and "Nothing written matches" in none.output


def test_rebuild_gives_the_same_index(sample_log):
    before = sample_log.rows("SELECT kind, ref_id FROM search_refs ORDER BY kind, ref_id")
    assert sample_log.search.rebuild() == len(before)
    assert sample_log.rows("SELECT kind, ref_id FROM search_refs ORDER BY kind, ref_id") == before
    assert search(sample_log, "lead").total


def test_a_log_written_before_search_is_indexed_when_opened(tmp_path, clock):
    """A log at format 2 (before m003) gets its existing rows indexed by the migration."""
    import sqlite3

    from smarkmeet.services.sample import load_sample
    from smarkmeet.store.log import open_log

    path = tmp_path / "old.db"
    log = open_log(path, clock)
    load_sample(log)
    expected = expected_hits(log, "lead")
    log.close()
    conn = sqlite3.connect(path)  # undo m003 by hand: what a format-2 log looks like
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetchall():
        conn.execute(f"DROP TRIGGER {name}")
    conn.execute("DROP TABLE search")
    conn.execute("DROP TABLE search_refs")
    for name in ("action_items_by_due", "action_items_by_status_sort", "lead_feedback_by_meeting",
                 "criticism_notes_by_meeting", "criticism_followups_by_note", "criticism_followups_by_meeting",
                 "leads_unworked"):
        conn.execute(f"DROP INDEX {name}")
    conn.execute("DELETE FROM _sqlite_migrations WHERE name = 'm003_full_text_search'")
    conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    conn.commit()
    conn.close()
    log = open_log(path, clock)
    try:
        results = search(log, "lead", per_kind=1000)
        assert {kind: len(ids) for kind, ids in expected.items()} == results.counts
    finally:
        log.close()


def test_too_many_matches_are_capped_and_newest_first(log, monkeypatch):
    import smarkmeet.store.search as store_search

    monkeypatch.setattr(store_search, "COUNT_CAP", 10)
    for n in range(15):
        log.actions.add(ActionItem(title=f"Webinar task {n}", created_at=log.clock.now()))
    results = search(log, "webinar", per_kind=3)
    assert results.capped and results.total == 10
    assert [plain(hit.title) for hit in results.hits] == ["Webinar task 14", "Webinar task 13", "Webinar task 12"]


def test_words_keep_their_letters_as_the_index_does(log):
    log.actions.add(ActionItem(title="Straße café naïve İstanbul", created_at=log.clock.now()))
    for text in ("straße", "STRASSE", "Café", "naive"):
        found = search(log, text).counts
        assert found == ({} if text == "STRASSE" else {"action": 1}), text


def test_a_name_that_matches_nothing_written_points_to_where_it_is(sample_log):
    """"/Tomás" and "/Nakamura" answered only "Nothing matches": search reads what the team wrote."""
    from smarkmeet.services.search import nothing_found

    person = sample_log.one("SELECT name, handle FROM people WHERE active = 1 ORDER BY name LIMIT 1")
    said = nothing_found(sample_log, person["name"].split()[-1], app=False)
    assert f"{person['name']} is on the team" in said and f"--owner {person['handle']}" in said
    assert "a, then @" + person["handle"] in nothing_found(sample_log, person["name"], app=True)
    lead = nothing_found(sample_log, "Zzyzx", app=False)
    assert "not names" in lead and "smarkmeet leads show" in lead
    # in the app, the way to a lead by name: the lead list's filter (the report itself has none)
    assert "Enter on All leads, then / and the name" in nothing_found(sample_log, "Zzyzx", app=True)
    sample_log.people.update(sample_log.people.by_handle(person["handle"]).id, {"active": False})
    assert f"{person['name']} has left the team: their action items" in nothing_found(sample_log, person["name"],
                                                                                      app=True)


def test_a_typo_that_finds_nothing_is_answered_with_the_words_it_was_likely_meant_to_be(sample_log, runner, sample_db):
    """"prcing" found nothing and said only that: the facilitator had to guess the spelling the
    team used. Each word starting no word of the index is offered the closest one that does."""
    import difflib

    from smarkmeet.services.search import did_you_mean
    from smarkmeet.store.actions import folded_words as title_words

    words = [term for term in sample_log.search.terms("") if len(term) >= 7 and term.isalpha()]
    assert len(words) > 10
    for word in words[::len(words) // 10]:
        typo = word[0] + word[2:]  # its second letter left out
        if search(sample_log, typo).total:
            continue  # the typo is itself the start of a word the team wrote
        meant = did_you_mean(sample_log, typo)
        assert meant is not None and meant[0] == word[0], typo
        assert difflib.SequenceMatcher(None, meant, typo).ratio() >= 0.75
        assert search(sample_log, meant).total  # and it finds something
    title = next(row["title"] for row in sample_log.rows("SELECT title FROM action_items ORDER BY id")
                 if sum(len(w) >= 7 and w.isalpha() for w in title_words(row["title"])) >= 2)
    first, second = [w for w in title_words(title) if len(w) >= 7 and w.isalpha()][:2]
    typo = second[0] + second[2:]
    if not search(sample_log, f"{first} {typo}").total:  # one word of two put right, the other kept
        meant = did_you_mean(sample_log, f"{first} {typo}")
        assert meant is not None and meant.split()[0] == first and search(sample_log, meant).total
    assert did_you_mean(sample_log, words[0][:4]) is None  # a word being typed: no typo
    assert did_you_mean(sample_log, "zzqxw") is None  # nothing close
    typo = words[0][0] + words[0][2:]
    if not search(sample_log, typo).total:
        said = runner.invoke(cli, ["search", "--db", str(sample_db), typo])
        assert said.exit_code == 0 and f"Did you mean “{did_you_mean(sample_log, typo)}”" in said.output
        assert "smarkmeet search " in said.output


def test_a_slip_on_the_first_letter_is_put_right_too(sample_log):
    """The first pass keeps the first letter typed: "oricing" (o for p), "ricing" (p left out),
    "ppricing" and "rpicing" got no suggestion. They are looked up with the start put right."""
    from smarkmeet.services.search import did_you_mean, first_letter_slips

    words = [term for term in sample_log.search.terms("") if len(term) >= 7 and term.isalpha()]
    letters = sample_log.search.first_letters()
    assert letters == sorted({word[0] for word in sample_log.search.terms("")})
    tried = 0
    for word in words[::max(1, len(words) // 12)]:
        other = next(letter for letter in "qxzjkv" if letter != word[0])
        for typo in (other + word[1:], word[1:], word[0] + word, word[1] + word[0] + word[2:]):
            if search(sample_log, typo).total:
                continue  # the typo is itself the start of a word the team wrote
            slips = first_letter_slips(sample_log, typo)
            assert word in slips, typo
            meant = did_you_mean(sample_log, typo)
            assert meant is not None and search(sample_log, meant).total, typo
            if slips == [word]:
                assert meant == word
            tried += 1
    assert tried >= 20
    assert first_letter_slips(sample_log, "ead") == []  # three letters: too little to go on
    # a slip at the start closer than the same first letter's nearest word: "profile", not "role"
    assert "role" in sample_log.search.terms("role") and did_you_mean(sample_log, "rofile") == "profile"
    assert did_you_mean(sample_log, "qqzzxxww") is None


def test_a_typo_as_close_to_two_words_is_put_right_with_the_one_that_finds_something(log):
    """"webinar lst": "lost" is as close as "list", "webinar lost" finds nothing, and nothing was offered."""
    from smarkmeet.services.search import did_you_mean

    log.glossary.define("Webinar list", "The attendee list of a webinar, sent to sales the same day")
    log.glossary.define("Lost deal", "A deal sales lost to a competitor")
    assert not search(log, "webinar lost").total and search(log, "webinar list").total
    assert did_you_mean(log, "webinar lst") == "webinar list"
    assert did_you_mean(log, "lst deal") == "lost deal"


def test_did_you_mean_folds_typed_words_as_the_index_does(log):
    """Python's accent folding strips the й, Greek accents and splits Korean syllables, which the
    index keeps: correctly spelled words read as typos and real typos got no suggestion."""
    from smarkmeet.services.search import did_you_mean

    log.glossary.define("Прайс", "Обновить мой прайс")
    log.glossary.define("Τιμολόγηση", "Νέα τιμολόγηση")
    log.glossary.define("가격", "가격 페이지 수정")
    assert log.search.as_indexed("Мой ПРАЙС, νέα τιμολόγηση 가격") == ["мой", "прайс", "νέα", "τιμολόγηση", "가격"]
    assert did_you_mean(log, "мой прайс") is None  # spelled right: no typo to put right
    assert did_you_mean(log, "прйс") == "прайс"
    assert did_you_mean(log, "τιμλόγηση") == "τιμολόγηση"
    assert not log.conn.in_transaction  # the TEMP table written leaves no transaction open


def test_typed_words_are_folded_with_the_tokenizer_the_index_was_made_with(log):
    """as_indexed folds typed words with SEARCH_TOKENIZER, written out again beside the frozen
    migration that made the index: if they ever differ, suggestions fold words as the index does not."""
    from smarkmeet.store.search import SEARCH_TOKENIZER

    made = log.one("SELECT sql FROM sqlite_master WHERE name = 'search'")["sql"]
    assert f"tokenize = '{SEARCH_TOKENIZER}'" in made, made


def test_a_glossary_hit_does_not_say_its_definition_twice(sample_log):
    """A glossary hit read "…authority and timing. · Sales-qualified lead: a lead sales has spoken to
    and…": its context (the definition) and then the snippet, the same words again."""
    from smarkmeet.services.search import render_results_text, search, snippet_shown

    results = search(sample_log, "lead", kinds=("glossary",))
    assert results.hits
    for hit in results.hits:
        definition = sample_log.one("SELECT definition FROM glossary_terms WHERE id = ?", [hit.ref_id])["definition"]
        assert hit.context == definition or (hit.context.endswith("…") and definition.startswith(hit.context[:-1]))
        assert not snippet_shown(hit), hit
    text = render_results_text(results, "lead", sample_log, kinds=("glossary",))
    assert all(text.count(hit.context) == 1 for hit in results.hits)


def test_a_kind_that_leaves_out_every_match_says_the_others_are_there(sample_log):
    """`search --kind glossary webinar` said "Nothing written matches" though the items, notes and
    meetings hold the word: only --kind left them out."""
    from smarkmeet.services.search import render_results_text, search

    everywhere = search(sample_log, "webinar")
    assert everywhere.total and not everywhere.counts.get("glossary")
    said = render_results_text(search(sample_log, "webinar", kinds=("glossary",)), "webinar", sample_log,
                               kinds=("glossary",))
    assert said.startswith("No glossary match “webinar”; other entries do (")
    for kind, count in everywhere.counts.items():
        if count:
            assert f"{count:,}" in said
    assert said.endswith("smarkmeet search webinar")
