"""Action items and their carry history."""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from datetime import date

from smarkmeet.domain.enums import ActionStatus, Side
from smarkmeet.domain.metrics import action_completion_rate
from smarkmeet.domain.models import ActionCarry, ActionItem
from smarkmeet.domain.summaries import ActionCounts
from smarkmeet.domain.views import ActionRow
from smarkmeet.store import overview
from smarkmeet.store.base import TableStore, validated_fields

_ROW_SQL = """
SELECT a.*, p.name AS owner_name, p.handle AS owner_handle, coalesce(p.active = 0, 0) AS owner_left,
       m.scheduled_for AS origin_meeting_date, s.title AS origin_section_title
FROM action_items a
LEFT JOIN people p ON p.id = a.owner_id
LEFT JOIN meetings m ON m.id = a.origin_meeting_id
LEFT JOIN agenda_sections s ON s.id = a.origin_section_id
"""


def _order(sort: str, descending: bool, *, by_index: bool = True) -> str:
    """The ORDER BY of the browser's sort: items without the sort value last; ties (every open
    item under "status") by due date, soonest first (the overdue ones lead), then by id.
    ``by_index`` False: the status order is kept off its index (a selective filter — an owner, a
    carry count, a due range — picks its few rows quicker by its own index, then sorts them)."""
    direction = "DESC" if descending else "ASC"
    ties = "" if sort == "due" else " a.due_date IS NULL, a.due_date,"
    nulls_last = "" if sort in NEVER_NULL else f"{SORTS[sort]} IS NULL, "  # (kept off the index's way)
    key = SORTS[sort] if by_index or sort != "status" else f"+{SORTS[sort]}"
    return f" ORDER BY {nulls_last}{key} {direction},{ties} a.id {direction}"


def _broad(criteria: "ActionFilter") -> bool:
    """Whether a filter leaves most items (none, a status, a side): read in the status order's
    index, its first page is at hand; a narrower one is quicker read by its own index and sorted."""
    return (not criteria.owner_ids and criteria.overdue_on is None and not criteria.min_carries
            and not criteria.words and criteria.due_from is None and criteria.due_to is None)


@dataclass(frozen=True)
class MeetingItems:
    """A meeting's action items, each as the meeting left it (``ActionStore.reviewed_in``)."""

    created: list[ActionRow]
    closed: list[ActionRow]  # done or dropped in it
    reopened: list[ActionRow]  # done or dropped when it began, open when it ended
    snoozed: list[tuple[ActionRow, date]]  # with the day it left them snoozed to
    carried: list[ActionRow]
    # given to someone else in it (not an item it added), with the owner's name before: None for no one
    reassigned: list[tuple[ActionRow, str | None]] = field(default_factory=list)


@dataclass(frozen=True)
class ActionFilter:
    """Which action items to list. ``status=None`` means every status."""

    status: ActionStatus | None = ActionStatus.OPEN
    owner_ids: tuple[str, ...] = ()  # items any of them owns
    side: Side | None = None
    overdue_on: date | None = None  # only items still open and due before this date
    min_carries: int = 0
    words: tuple[str, ...] = ()  # every word must start a word of the title (full-text index)
    due_from: date | None = None
    due_to: date | None = None


# Status sorts as an item's life goes: open (the overdue first, by due date), done, dropped; not
# by the word ("done, dropped, open" put the items still to do last). The same expression as the
# index action_items_by_status_order (migration m006), which the first page is read from.
STATUS_ORDER = "(CASE a.status WHEN 'open' THEN 0 WHEN 'done' THEN 1 ELSE 2 END)"
NEVER_NULL = frozenset({"status"})

# Sort keys of the action-items browser: the SQL each orders by (the row id breaks ties).
SORTS: dict[str, str] = {
    "due": "a.due_date",
    "status": STATUS_ORDER,
    "owner": "p.name COLLATE NOCASE",  # p and m are joined only when sorting by them
    "side": "a.side",
    "carried": "a.carry_count",
    "from": "m.scheduled_for",
    "title": "a.title COLLATE NOCASE",
    "created": "a.created_at",
}


@dataclass(frozen=True)
class CompletionRow:
    """Action completion for one owner or side: items done by their due date ÷ items due."""

    group: str | None  # owner name or side; None for items with no owner/side
    due: int
    done_on_time: int
    done_late: int

    @property
    def rate(self) -> float | None:
        return action_completion_rate(self.done_on_time, self.due)


# a word as the index's unicode61 tokenizer cuts them: letters and digits; "_" separates, as any
# punctuation does ("deploy_script" is "deploy" and "script")
_WORD = re.compile(r"[^\W_]+")


def fts_words(text: str) -> tuple[str, ...]:
    """The words of ``text`` as the full-text index splits them (letters and digits)."""
    # lower(), not casefold(): the index keeps "straße" as one word, casefold() would make it "strasse"
    return tuple(_WORD.findall(text.lower()))


def folded_words(text: str) -> list[str]:
    """Words as the index holds them: case folded, accents removed (unicode61 remove_diacritics);
    NFD, not NFKD, since the index keeps compatibility characters ("ﬁ", "²") as they are."""
    if text.isascii():  # nothing to fold: the common case, ten times faster
        return _WORD.findall(text.lower())
    plain = "".join(c for c in unicodedata.normalize("NFD", text.lower()) if not unicodedata.combining(c))
    return _WORD.findall(plain)


@lru_cache(maxsize=64)
def _folded_query(words: str) -> tuple[str, ...]:
    return tuple(folded_words(words))


@lru_cache(maxsize=8192)
def _title_words(title: str) -> tuple[str, ...]:
    """A title's folded words; typing a filter checks the same open items at every keystroke."""
    return tuple(folded_words(title))


def words_match(title: str | None, words: str) -> int:
    """SQL function ``words_match(title, words)``: 1 when each of ``words`` starts a word of the title,
    as the full-text index would answer. Used where a few candidate rows beat the index."""
    if title is None:
        return 0
    found = _title_words(title)
    return int(all(any(word.startswith(part) for word in found) for part in _folded_query(words)))


# Below this many candidate rows (by the other filters), typed words are checked row by row
# rather than through the full-text index: a one-letter prefix like "t" matches most of the
# index, which costs seconds on a big log, while checking a thousand open items costs ~1 ms.
WORDS_BY_ROW_BELOW = 20_000


def fts_prefix_query(words: tuple[str, ...]) -> str:
    """An FTS5 query matching rows with a word starting with each of ``words``.

    Only letters and digits reach the query, each quoted, so no typed text can be read
    as FTS5 syntax.
    """
    return " ".join(f'"{word}"*' for word in words)


class ActionStore(TableStore[ActionItem]):
    table = "action_items"
    model = ActionItem

    def __init__(self, log) -> None:
        super().__init__(log)
        self._words_by_row: dict[ActionFilter, bool] = {}
        log.conn.create_function("words_match", 2, words_match, deterministic=True)

    def add(self, item: ActionItem) -> ActionItem:
        return self.log.insert("action_items", item, meeting_id=item.origin_meeting_id)

    def row(self, item_id: str) -> ActionRow:
        row = self.log.one(_ROW_SQL + " WHERE a.id = ?", [item_id])
        if row is None:
            raise LookupError(f"no action item with id {item_id}")
        return ActionRow.model_validate(row)

    def list(self, criteria: ActionFilter = ActionFilter(), *, limit: int | None = None) -> list[ActionRow]:
        """Matching items, soonest due first (items with no due date last)."""
        where, params = self._where(criteria)
        order = " ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id"
        if limit is not None:
            order += f" LIMIT {int(limit)}"
        return self._rows(where + order, params)

    def page(self, criteria: ActionFilter, *, sort: str = "due", descending: bool = False,
             offset: int = 0, limit: int = 100) -> list[ActionRow]:
        """One page of matching items in the order asked for; items without the sort value last.

        The page is picked from ``action_items`` alone (joined only to what the sort needs),
        then its rows are joined for display: a page costs the same on any size of log.
        """
        where, params = self._where(criteria)
        order = _order(sort, descending, by_index=_broad(criteria))
        joins = {"owner": " LEFT JOIN people p ON p.id = a.owner_id",
                 "from": " LEFT JOIN meetings m ON m.id = a.origin_meeting_id"}.get(sort, "")
        params.update(limit=int(limit), offset=int(offset))
        pick = f"SELECT a.rowid AS rid FROM action_items a{joins}{where}{order} LIMIT :limit OFFSET :offset"
        return self._rows(f" WHERE a.rowid IN ({pick}){order}", params)

    def count(self, criteria: ActionFilter = ActionFilter(status=None)) -> int:
        where, params = self._where(criteria)
        row = self.log.one("SELECT count(*) AS n FROM action_items a" + where, params)
        return row["n"] if row else 0

    def iter_rows(self, criteria: ActionFilter, *, sort: str | None = None,
                  descending: bool = False) -> Iterator[ActionRow]:
        """Every matching item, streamed from the cursor: soonest due first, or in the order
        :meth:`page` gives for ``sort`` (an export of the list as it is shown)."""
        where, params = self._where(criteria)
        order = " ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id"
        if sort is not None:
            order = _order(sort, descending)
        for row in self.log.query(_ROW_SQL + where + order, params):
            yield ActionRow.model_validate(row)

    def completion(self, start: date, end: date, today: date, *, by: str) -> list[CompletionRow]:
        """Action completion per owner or side for items due from ``start`` to ``end``.

        An item counts as due when its due date is in the window and it is done, or its
        due date has passed (before ``today``); dropped items are not due. It was done on
        time when it was marked done on or before its due date.
        """
        group = {"owner": "p.name", "side": "a.side"}[by]
        rows = self.log.rows(
            f"SELECT {group} AS grp, count(*) AS due,"
            " coalesce(sum(a.status = 'done' AND substr(a.done_at, 1, 10) <= a.due_date), 0) AS done_on_time,"
            " coalesce(sum(a.status = 'done' AND substr(a.done_at, 1, 10) > a.due_date), 0) AS done_late"
            " FROM action_items a LEFT JOIN people p ON p.id = a.owner_id"
            " WHERE a.due_date BETWEEN :start AND :end"
            " AND (a.status = 'done' OR (a.status = 'open' AND a.due_date < :today))"
            f" GROUP BY {group} ORDER BY {group} IS NULL, {group} COLLATE NOCASE",
            {"start": start.isoformat(), "end": end.isoformat(), "today": today.isoformat()},
        )
        return [CompletionRow(row["grp"], row["due"], row["done_on_time"], row["done_late"]) for row in rows]

    def linked_notes(self, item_id: str) -> list[dict]:
        """Criticism notes this item was made from (id, direction, observation, status)."""
        return self.log.rows(
            "SELECT id, from_side, to_side, observation, request, status, created_at FROM criticism_notes"
            " WHERE action_item_id = ? ORDER BY created_at, id", [item_id],
        )

    def history(self, item_id: str) -> list[dict]:
        """Every recorded write to this item, oldest first: when, what changed, in which meeting."""
        return self.log.rows(
            "SELECT c.at, c.action, c.data, m.scheduled_for AS meeting_date, m.title AS meeting_title"
            " FROM changes c LEFT JOIN meetings m ON m.id = c.meeting_id"
            " WHERE c.table_name = 'action_items' AND c.row_id = ? ORDER BY c.seq", [item_id],
        )

    def for_review(self, meeting_id: str, day: date, *, show_snoozed: bool, closed_since: date | None) -> list[ActionRow]:
        """Open items from other meetings (snoozed ones only from their date, unless ``show_snoozed``),
        items closed in this meeting, and with ``closed_since`` items closed since that day."""
        # Each part is one SQLite can read through an index (a "MULTI-INDEX OR"): written as
        # one OR over every item, with ':since IS NOT NULL AND …', it scanned all 250,000 items
        # of the 10-year log after every entry (250 ms → 8 ms). An item closed in this meeting
        # was written in it, so the meeting's changes entries find it.
        closed_since_part = (" OR (a.status <> 'open' AND coalesce(substr(a.done_at, 1, 10), a.due_date, '') >= :since)"
                             if closed_since else "")
        return self._rows(
            " WHERE (a.origin_meeting_id IS NULL OR a.origin_meeting_id <> :meeting) AND ("
            " (a.status = 'open' AND (:snoozed OR a.snoozed_until IS NULL OR a.snoozed_until <= :day))"
            " OR (a.id IN (SELECT row_id FROM changes WHERE table_name = 'action_items' AND meeting_id = :meeting)"
            "     AND a.closed_in_meeting_id = :meeting)"
            f"{closed_since_part})"
            " ORDER BY a.due_date IS NULL, a.due_date, a.created_at, a.id",
            {"meeting": meeting_id, "day": day.isoformat(), "snoozed": show_snoozed,
             "since": closed_since.isoformat() if closed_since else None},
        )

    def originating_in(self, meeting_id: str) -> list[ActionRow]:
        return self._rows(" WHERE a.origin_meeting_id = :m ORDER BY a.created_at, a.id", {"m": meeting_id})

    def closed_in(self, meeting_id: str) -> list[ActionRow]:
        return self._rows(" WHERE a.closed_in_meeting_id = :m ORDER BY a.title, a.id", {"m": meeting_id})

    def carried_in(self, meeting_id: str) -> list[ActionRow]:
        return self._rows(
            " WHERE a.id IN (SELECT action_item_id FROM action_carries WHERE meeting_id = :m) ORDER BY a.title, a.id",
            {"m": meeting_id},
        )

    def reviewed_in(self, meeting_id: str) -> MeetingItems:
        """What the meeting did to action items, each item as the meeting left it: read from the
        changes it wrote and the log's changes up to its last one, so its minutes and record say
        the same later whatever happens to the items since (an owner or due date changed next
        week, a carry more, an item done in it reopened later)."""
        last_snooze: dict[str, str | None] = {}
        last_status: dict[str, str] = {}
        first_seq: dict[str, int] = {}
        first_owner_change: dict[str, int] = {}
        for change in self.log.rows(
            "SELECT row_id, seq, action, json_extract(data, '$.status') AS status, json_type(data, '$.snoozed_until') AS has_snooze,"
            " json_extract(data, '$.snoozed_until') AS snooze, json_type(data, '$.owner_id') AS has_owner FROM changes"
            " WHERE meeting_id = :m AND table_name = 'action_items' ORDER BY seq", {"m": meeting_id},
        ):
            item = change["row_id"]
            first_seq.setdefault(item, change["seq"])
            if change["has_owner"] is not None and change["action"] == "update":
                first_owner_change.setdefault(item, change["seq"])
            if change["has_snooze"] is not None:
                last_snooze[item] = change["snooze"]
            if change["status"] is not None:
                last_status[item] = change["status"]
        carried = [row["action_item_id"] for row in self.log.rows(
            "SELECT action_item_id FROM action_carries WHERE meeting_id = ?", [meeting_id])]
        created = [row["id"] for row in self.log.rows("SELECT id FROM action_items WHERE origin_meeting_id = ?",
                                                      [meeting_id])]
        closed = [row["id"] for row in self.log.rows("SELECT id FROM action_items WHERE closed_in_meeting_id = ?",
                                                     [meeting_id])]  # and those it wrote to: reopened since?
        rows = self.as_left_by(meeting_id, [*first_seq, *carried, *created, *closed])
        # added and dropped in the same meeting: typed by mistake and put right there, in neither list
        withdrawn = {item for item in created if rows[item].status is ActionStatus.DROPPED
                     and rows[item].closed_in_meeting_id == meeting_id}
        created = [item for item in created if item not in withdrawn]
        # (one it created and closed is among the created, said to be done there: not listed twice)
        closed_by_it = [row for item, row in rows.items() if (item in first_seq or item in closed)
                        and item not in withdrawn and item not in created
                        and row.status is not ActionStatus.OPEN and row.closed_in_meeting_id == meeting_id]
        reopened = [rows[item] for item, status in last_status.items()
                    if status == ActionStatus.OPEN.value and rows[item].status is ActionStatus.OPEN
                    and self._before(item, first_seq[item], "status") in (ActionStatus.DONE.value, ActionStatus.DROPPED.value)]
        snoozed = [(rows[item], date.fromisoformat(day)) for item, day in last_snooze.items() if day]
        names = {row["id"]: row["name"] for row in self.log.rows("SELECT id, name FROM people")}
        reassigned = []
        for item, seq in first_owner_change.items():
            before = self._before(item, seq, "owner_id")
            if item not in created and before != rows[item].owner_id:  # (given back as it was: no change)
                reassigned.append((rows[item], names.get(before or "")))
        return MeetingItems(
            reassigned=sorted(reassigned, key=lambda entry: (entry[0].title, entry[0].id)),
            created=sorted((rows[item] for item in created), key=lambda row: (row.created_at, row.id)),
            closed=sorted(closed_by_it, key=lambda row: (row.title, row.id)),
            reopened=sorted(reopened, key=lambda row: (row.title, row.id)),
            snoozed=sorted(snoozed, key=lambda entry: (entry[0].title, entry[0].id)),
            carried=sorted((rows[item] for item in carried), key=lambda row: (row.title, row.id)),
        )

    def as_left_by(self, meeting_id: str, ids: list[str]) -> dict[str, ActionRow]:
        """The items ``ids`` as they stood after the meeting's last write (the log's ``changes``
        folded up to it), with their owners' names; an item the changes do not cover as it is."""
        current = {row.id: row for row in self._by_ids(list(dict.fromkeys(ids)))}
        cutoff = self.log.one("SELECT max(seq) AS seq FROM changes WHERE meeting_id = ?", [meeting_id])
        if not current or cutoff is None or cutoff["seq"] is None:
            return current
        folded: dict[str, dict] = {}
        for change in self.log.rows(
            "SELECT row_id, data FROM changes WHERE table_name = 'action_items'"
            " AND row_id IN (SELECT value FROM json_each(:ids)) AND seq <= :cut ORDER BY seq",
            {"ids": json.dumps(list(current)), "cut": cutoff["seq"]},
        ):
            folded.setdefault(change["row_id"], {}).update(json.loads(change["data"]))
        owners = {row["id"]: row for row in self.log.rows("SELECT id, name, handle, active FROM people")}
        rows = {}
        for item, row in current.items():
            then = folded.get(item)
            if not then:
                rows[item] = row
                continue
            owner = owners.get(then.get("owner_id", row.owner_id) or "")
            rows[item] = ActionRow.model_validate({
                **row.model_dump(), **{key: value for key, value in then.items() if key in ActionItem.model_fields},
                "owner_name": owner["name"] if owner else None, "owner_handle": owner["handle"] if owner else None,
                "owner_left": bool(owner) and not owner["active"],
            })
        return rows

    def _before(self, item_id: str, seq: int, key: str) -> str | None:
        """The item's ``key`` (status, owner_id) before the change ``seq``: its last change naming one."""
        row = self.log.one(
            f"SELECT json_extract(data, '$.{key}') AS value FROM changes WHERE table_name = 'action_items'"
            f" AND row_id = ? AND seq < ? AND json_type(data, '$.{key}') IS NOT NULL ORDER BY seq DESC LIMIT 1",
            [item_id, seq],
        )
        return row["value"] if row else None

    def _by_ids(self, ids: list[str]) -> list[ActionRow]:
        return self._rows(" WHERE a.id IN (SELECT value FROM json_each(:ids))", {"ids": json.dumps(ids)}) if ids else []

    def owners_among(self, person_ids: list[str]) -> set[str]:
        """Which of these people own at least one item (any status), each looked up by the owner index."""
        rows = self.log.rows("SELECT value AS id FROM json_each(?) WHERE EXISTS "
                             "(SELECT 1 FROM action_items WHERE owner_id = value)", [json.dumps(person_ids)])
        return {row["id"] for row in rows}

    def open_alike(self, item: ActionItem) -> list[ActionRow]:
        """Other open items of the same owner whose title reads the same, any case and spacing
        (the same item typed twice: in a dry run and the real meeting, or by two people)."""
        title = " ".join(item.title.split()).casefold()
        rows = self.log.rows("SELECT id, title FROM action_items WHERE status = 'open' AND id <> ? AND owner_id IS ?",
                             [item.id, item.owner_id])
        same = [row["id"] for row in rows if " ".join(row["title"].split()).casefold() == title]
        return sorted(self._by_ids(same), key=lambda row: (row.created_at, row.id))

    def _rows(self, clauses: str, params: dict) -> list[ActionRow]:
        """Items with owner and origin joined; ``clauses`` is the WHERE/ORDER BY over ``a``."""
        return [ActionRow.model_validate(row) for row in self.log.rows(_ROW_SQL + clauses, params)]

    def _where(self, criteria: ActionFilter) -> tuple[str, dict]:
        """The WHERE clause over ``a``; typed words go through the index only when the other
        filters leave many rows (see :data:`WORDS_BY_ROW_BELOW`)."""
        where, params = self._where_without_words(criteria)
        if not criteria.words:
            return where, params
        by_row = self._words_by_row.get(criteria)
        if by_row is None:  # the plan, not the answer, is remembered: rows written later are still found
            candidates = self.log.one("SELECT count(*) AS n FROM action_items a" + where, params)["n"]
            by_row = self._words_by_row[criteria] = candidates < WORDS_BY_ROW_BELOW
            if len(self._words_by_row) > 256:
                self._words_by_row.clear()
        if by_row:
            clause = "words_match(a.title, :words)"
            params["words"] = " ".join(criteria.words)
        else:
            clause = ("a.id IN (SELECT r.ref_id FROM search CROSS JOIN search_refs r ON r.seq = search.rowid"
                      " WHERE search MATCH :words AND r.kind = 'action')")
            params["words"] = fts_prefix_query(criteria.words)
        return (where + " AND " if where else " WHERE ") + clause, params

    @staticmethod
    def _where_without_words(criteria: ActionFilter) -> tuple[str, dict]:
        clauses, params = [], {}
        if criteria.status is not None:
            clauses.append("a.status = :status")
            params["status"] = criteria.status.value
        if criteria.owner_ids:
            clauses.append(f"a.owner_id IN ({', '.join(f':owner{n}' for n in range(len(criteria.owner_ids)))})")
            params.update({f"owner{n}": owner for n, owner in enumerate(criteria.owner_ids)})
        if criteria.side is not None:
            clauses.append("a.side = :side")
            params["side"] = criteria.side.value
        if criteria.overdue_on is not None:
            clauses.append("a.status = 'open' AND a.due_date < :today")
            params["today"] = criteria.overdue_on.isoformat()
        if criteria.min_carries:
            clauses.append("a.carry_count >= :carries")
            params["carries"] = criteria.min_carries
        if criteria.due_from is not None:
            clauses.append("a.due_date >= :due_from")
            params["due_from"] = criteria.due_from.isoformat()
        if criteria.due_to is not None:
            clauses.append("a.due_date <= :due_to")
            params["due_to"] = criteria.due_to.isoformat()
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def counts(self, today: date) -> ActionCounts:
        return overview.action_counts(self.log, today)

    def carry(self, item: ActionItem, new_due: date | None, *, meeting_id: str | None) -> None:
        """Carry an open item to a later meeting, recording the change of due date.

        An item is carried at most once per meeting: carrying it again in the same meeting
        only moves that carry's new due date. Its carry count goes up at most once a day: a
        second meeting the same day (a dry run, a meeting run again) records its own carry,
        but the item has not slipped again since the first.
        """
        earlier = self.carry_in(item.id, meeting_id) if meeting_id else None
        with self.log.transaction():
            if earlier is not None:
                self.log.update("action_carries", earlier.id, validated_fields(ActionCarry, {"new_due": new_due}),
                                meeting_id=meeting_id)
                self.update(item.id, {"due_date": new_due}, meeting_id=meeting_id)
                return
            self.log.insert(
                "action_carries",
                ActionCarry(
                    action_item_id=item.id, meeting_id=meeting_id, previous_due=item.due_date,
                    new_due=new_due, carried_at=self.log.clock.now(),
                ),
            )
            again = meeting_id is not None and self.carried_the_same_day(item.id, meeting_id)
            self.update(item.id, {"due_date": new_due, "carry_count": item.carry_count + (0 if again else 1)},
                        meeting_id=meeting_id)

    def carried_the_same_day(self, item_id: str, meeting_id: str) -> bool:
        """Whether another meeting held the same day as ``meeting_id`` carried the item."""
        return self.log.one(
            "SELECT 1 AS yes FROM action_carries c JOIN meetings m ON m.id = c.meeting_id "
            "WHERE c.action_item_id = :item AND c.meeting_id <> :meeting "
            "AND m.scheduled_for = (SELECT scheduled_for FROM meetings WHERE id = :meeting) LIMIT 1",
            {"item": item_id, "meeting": meeting_id}) is not None

    def take_back_carry(self, before: ActionItem, earlier: ActionCarry | None, *, meeting_id: str) -> None:
        """Undo the carry of an item made in this meeting: the item's due date and carry count
        as ``before`` it, and the meeting's carry as ``earlier`` (gone, if there was none)."""
        made = self.carry_in(before.id, meeting_id)
        with self.log.transaction():
            if made is not None and earlier is None:
                self.log.delete("action_carries", made.id, meeting_id=meeting_id)
            elif made is not None and earlier is not None:
                self.log.update("action_carries", made.id,
                                validated_fields(ActionCarry, {"new_due": earlier.new_due}), meeting_id=meeting_id)
            self.update(before.id, {"due_date": before.due_date, "carry_count": before.carry_count},
                        meeting_id=meeting_id)

    def carry_in(self, item_id: str, meeting_id: str) -> ActionCarry | None:
        """The carry of this item made in this meeting, if any."""
        row = self.log.one(
            "SELECT * FROM action_carries WHERE action_item_id = ? AND meeting_id = ?", [item_id, meeting_id]
        )
        return None if row is None else ActionCarry.model_validate(row)

    def carry_history(self, item_id: str) -> list[dict]:
        """Each carry of the item, oldest first, with the date of the meeting it was carried in."""
        return self.log.rows(
            "SELECT c.carried_at, c.previous_due, c.new_due, m.scheduled_for AS meeting_date"
            " FROM action_carries c LEFT JOIN meetings m ON m.id = c.meeting_id"
            " WHERE c.action_item_id = ? ORDER BY c.carried_at, c.id", [item_id],
        )

    def carries(self, item_id: str) -> list[ActionCarry]:
        rows = self.log.rows(
            "SELECT * FROM action_carries WHERE action_item_id = ? ORDER BY carried_at, id", [item_id]
        )
        return [ActionCarry.model_validate(row) for row in rows]
