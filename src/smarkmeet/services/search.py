"""Searching everything the team wrote: items, criticism, follow-ups, summaries, lead comments, glossary."""

from __future__ import annotations

import json
import shlex

from smarkmeet.store.actions import fts_words
from smarkmeet.store.log import Log
from smarkmeet.store.search import KINDS, MARK_END, MARK_START, SearchHit, SearchResults


def search_words(text: str) -> tuple[str, ...]:
    """The words searched for: one-letter words are left out, as they match nearly everything
    (on a big log, a second of work per keystroke); a search starts at two letters."""
    return tuple(word for word in fts_words(text) if len(word) > 1)


def search(log: Log, text: str, *, kinds: tuple[str, ...] = (), per_kind: int = 20) -> SearchResults:
    """Rows with a word starting with each word of ``text`` (case and accents ignored), best first per kind."""
    return log.search.search(search_words(text), kinds=kinds, per_kind=per_kind)


def plain(marked: str) -> str:
    """A hit's title or snippet without the match marks."""
    return marked.replace(MARK_START, "").replace(MARK_END, "")


def snippet_shown(hit) -> bool:
    """Whether a hit's snippet is said below its title: not when it only repeats the context (a
    glossary term's definition read "…timing. · Sales-qualified lead: a lead sa…")."""
    if not hit.title or not hit.snippet:
        return False
    return plain(hit.snippet).strip("… ") not in hit.context


def marked_spans(marked: str) -> list[tuple[str, bool]]:
    """A marked title or snippet as (text, matched) pieces, for highlighting."""
    pieces: list[tuple[str, bool]] = []
    for part in marked.split(MARK_START):
        matched, _, rest = part.partition(MARK_END) if MARK_END in part else ("", "", part)
        if matched:
            pieces.append((matched, True))
        if rest:
            pieces.append((rest, False))
    return pieces


def hit_record(hit: SearchHit) -> dict:
    return {"kind": hit.kind, "id": hit.ref_id, "title": plain(hit.title), "snippet": plain(hit.snippet),
            "context": hit.context, "opens": hit.target}


def did_you_mean(log: Log, text: str, *, kinds: tuple[str, ...] = ()) -> str | None:
    """``text`` with each word that starts no word the team wrote replaced by the closest one that
    does: of the same first letter (a typo: "prcing" → "pricing"), else one whose only slip is
    at the start ("oricing", "ricing", "rpicing" → "pricing"); None when no word is that close,
    or the words so put right would find nothing either (among ``kinds``, if given)."""
    import difflib
    import itertools

    words = [word for word in log.search.as_indexed(text) if len(word) > 1]
    choices: list[list[str]] = []  # for each word: itself, or the closest words it may have meant
    for word in words:
        if log.search.terms(word, limit=1):
            choices.append([word])
            continue
        near = difflib.get_close_matches(
            word, [term for term in log.search.terms(word[0]) if abs(len(term) - len(word)) <= 2],
            n=NEAR_WORDS, cutoff=0.75)
        # a slip at the start may be closer than any word of the same first letter ("rofile" is
        # "profile" with its p left out, closer than "role"): the two ranked together, closest first
        # (a slip's likeness is at least (n-1)/n for a word of n letters: looked up only when the
        # words of the same first letter are less alike than that; the lookups cost ~10× the rest)
        def likeness(term: str) -> float:
            return difflib.SequenceMatcher(None, word, term).ratio()

        if not near or likeness(near[0]) < (len(word) - 1) / len(word):
            near = sorted(dict.fromkeys([*near, *first_letter_slips(log, word)]), key=likeness,
                          reverse=True)[:NEAR_WORDS]
        if not near:
            return None
        choices.append(near)
    if all(len(choice) == 1 and choice[0] == word for choice, word in zip(choices, words, strict=True)):
        return None
    # the closest words that find something together ("webinar lst": "lost" is as close as "list")
    for fixed in itertools.islice(itertools.product(*choices), NEAR_WORDS ** 2):
        if log.search.search(tuple(fixed), per_kind=1, kinds=kinds).total:
            return " ".join(fixed)
    return None


NEAR_WORDS = 3  # words tried for each typo, closest first (their combinations tried: NEAR_WORDS² at most)
FIRST_LETTERS_AT_MOST = 200  # first letters of the index's words tried in a word's place (two lookups each)


def first_letter_slips(log: Log, word: str) -> list[str]:
    """The team's words that ``word`` (four letters or more) would be with its first letter put
    right: another letter in its place, one too many or too few at the start, or the first two
    swapped. Each is looked up in the index, so a log of any size answers at once."""
    if len(word) < 4:  # a short word's start is too little to go on
        return []
    letters = log.search.first_letters()
    if len(letters) > FIRST_LETTERS_AT_MOST:  # an index of many scripts (thousands of CJK starts): not tried
        return []
    guesses = {word[1:], word[1] + word[0] + word[2:], *(letter + word[1:] for letter in letters),
               *(letter + word for letter in letters)} - {word}
    return log.search.indexed(sorted(guesses))


def nothing_found(log: Log, text: str, *, app: bool, suggestion: str | None = None,
                  kinds: tuple[str, ...] = ()) -> str:
    """What to say when nothing the team wrote matches: search covers items, notes, follow-ups,
    summaries, verdict comments and the glossary; a person's name points to their items, and
    ``suggestion`` (see :func:`did_you_mean`) is offered."""
    said = f"Nothing written matches “{text.strip()}”"
    words = [word.casefold() for word in text.split()]
    people = [row for row in log.rows("SELECT name, handle, active FROM people ORDER BY name")
              if words and all(any(part.casefold().startswith(w) for part in [row["handle"], *row["name"].split()])
                               for w in words)]
    if len(people) == 1:
        person = people[0]
        where = f"a, then @{person['handle']}" if app else f"smarkmeet actions --owner {person['handle']}"
        who = "is on the team" if person["active"] else "has left the team"
        return f"{said}. {person['name']} {who}: their action items are in the action list ({where})."
    if suggestion is not None:
        again = "Enter searches for it" if app else " ".join(
            ["smarkmeet search", *(f"--kind {kind}" for kind in kinds), suggestion])
        return f"{said}. Did you mean “{suggestion}”? ({again})"
    # (the lead report itself has no words filter: its lead list does, Enter on "All leads")
    items, lead = ("the action list (a, then @name)",
                   "the lead list (l on the home screen, p to all time, Enter on All leads, then / and the name)") \
        if app else \
        ("smarkmeet actions --owner NAME", "smarkmeet leads show CRM_ID")
    return f"{said}. Search reads what the team wrote, not names: a person's items are in {items}, " \
           f"a lead's verdicts in {lead}."


def render_results_json(results: SearchResults) -> str:
    return json.dumps({"counts": results.counts, "hits": [hit_record(hit) for hit in results.hits]},
                      indent=2, ensure_ascii=False)


def render_results_text(results: SearchResults, text: str, log: Log, *, kinds: tuple[str, ...] = ()) -> str:
    if not results.total:
        if not search_words(text):
            return "Give a word of two letters or more."
        if kinds and (elsewhere := search(log, text, per_kind=1)).total:  # only --kind left them out
            counts = ", ".join(f"{KINDS[kind].lower()} {count:,}" for kind, count in elsewhere.counts.items() if count)
            among = " or ".join(KINDS[kind].lower() for kind in kinds)
            return (f"No {among} match “{text.strip()}”; other entries do ({counts}): "
                    f"smarkmeet search {shlex.quote(text.strip())}")
        return nothing_found(log, text, app=False, suggestion=did_you_mean(log, text, kinds=kinds), kinds=kinds)
    lines: list[str] = []
    for kind, label in KINDS.items():
        hits = [hit for hit in results.hits if hit.kind == kind]
        if not hits:
            continue
        count = results.counts.get(kind, 0)
        more = f", {'newest' if results.capped else 'best'} {len(hits)} shown" if count > len(hits) else ""
        lines.append(f"{label} ({count:,}{more})")
        for hit in hits:
            lines.append(f"  {plain(hit.title) or plain(hit.snippet)}")
            detail = " · ".join(part for part in (hit.context, plain(hit.snippet) if snippet_shown(hit) else "") if part)
            lines.append(f"    {detail}  [{hit.ref_id[-8:]}]")
        lines.append("")
    return "\n".join(lines).rstrip()
