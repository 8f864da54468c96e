"""Leads delivered by marketing and the verdicts sales gives them."""

from __future__ import annotations

from datetime import datetime

from smarkmeet.clock import timestamp
from smarkmeet.domain.enums import LeadStage, Verdict
from smarkmeet.domain.models import Lead, LeadFeedback
from smarkmeet.store import overview
from smarkmeet.store.base import TableStore
from smarkmeet.store.reports import window, window_params


def lead_fields_after(lead: Lead, feedback: LeadFeedback) -> dict:
    """The lead's fields that change when it is given ``feedback``; the latest verdict (by time) counts."""
    return verdict_fields(
        stage=lead.stage, verdict_at=lead.verdict_at, first_verdict_at=lead.first_verdict_at,
        created_at=lead.created_at if lead.created_known else None,
        verdict=feedback.verdict, reason=feedback.reason, given_at=feedback.given_at, timed=feedback.timed,
    )


def verdict_fields(
    *, stage: LeadStage, verdict_at: datetime | None, first_verdict_at: datetime | None,
    created_at: datetime | None, verdict: Verdict, reason: str, given_at: datetime, timed: bool,
) -> dict:
    """What a new verdict changes on its lead (values as Python objects; ``sql_value`` them to write).

    The verdict recorded last is the lead's current one, whatever time it carries: a CRM
    conversion dated last month, imported today, is the newest thing known about the lead.
    """
    fields: dict = dict(verdict=verdict, reason=reason, verdict_at=given_at)
    raised = implied_stage(stage, verdict)
    if raised is not stage:
        fields["stage"] = raised
    if first_verdict_at is None or given_at < first_verdict_at:
        fields.update(first_verdict_at=given_at, first_verdict_timed=timed,
                      first_verdict_days=days_between(created_at, given_at) if timed else None)
    return fields


def days_between(created_at: datetime | None, first_verdict_at: datetime) -> float | None:
    """Days from delivery to first verdict (``created_at`` is None when the delivery time is unknown).

    A verdict stamped before its lead's delivery (clocks, or a CRM's dates) counts as immediate.
    """
    return None if created_at is None else max(0.0, (first_verdict_at - created_at).total_seconds() / 86400)


def implied_stage(stage: LeadStage, verdict: Verdict | None) -> LeadStage:
    """A lead sales accepted has reached SAL at least; a converted one is a customer."""
    floor = {Verdict.ACCEPTED: LeadStage.SAL, Verdict.CONVERTED: LeadStage.CUSTOMER}.get(verdict)  # type: ignore[arg-type]
    if floor is None or stage.rank >= floor.rank:
        return stage
    return floor


class LeadStore(TableStore[Lead]):
    table = "leads"
    model = Lead

    def by_crm_id(self, crm_id: str) -> Lead | None:
        row = self.log.one("SELECT * FROM leads WHERE crm_id = ?", [crm_id])
        return None if row is None else Lead.model_validate(row)

    def give_feedback(self, feedback: LeadFeedback) -> LeadFeedback:
        """Record a verdict and bring the lead's current verdict, first-verdict time and stage up to date."""
        return self.give_feedback_keeping_before(feedback)[1]

    def give_feedback_keeping_before(self, feedback: LeadFeedback) -> tuple[dict, LeadFeedback]:
        """As :meth:`give_feedback`, also returning the lead's fields it changed, as they were
        before it and as it wrote them (``{field: (before, after)}``), for :meth:`take_back`."""
        # read under the write lock: an import in another process may be giving this lead a
        # verdict, and the first-verdict time written must be worked out from what is there
        with self.log.transaction():
            lead = self.get(feedback.lead_id)
            fields = lead_fields_after(lead, feedback)
            changed = {key: (getattr(lead, key), value) for key, value in fields.items()}
            self.log.insert("lead_feedback", feedback)
            self.log.update("leads", lead.id, fields, meeting_id=feedback.meeting_id)
        return changed, feedback

    def take_back(self, feedback: LeadFeedback, changed: dict) -> bool:
        """Withdraw a verdict just given (a key pressed on the wrong lead): its row leaves
        ``lead_feedback`` and the lead's fields it changed are put back as they were, both recorded
        in ``changes`` — each field only while it still holds what the verdict wrote (an import
        may have moved the stage since). Only while it is still the lead's latest verdict;
        returns whether it was."""
        from smarkmeet.store.log import sql_value

        with self.log.transaction():
            latest = self.log.one("SELECT id FROM lead_feedback WHERE lead_id = ? ORDER BY rowid DESC LIMIT 1",
                                  [feedback.lead_id])
            if latest is None or latest["id"] != feedback.id:
                return False
            now = self.log.one(f"SELECT {', '.join(changed)} FROM leads WHERE id = ?", [feedback.lead_id]) or {}
            back = {key: before for key, (before, after) in changed.items() if now.get(key) == sql_value(after)}
            self.log.delete("lead_feedback", feedback.id, meeting_id=feedback.meeting_id)
            if back:
                self.log.update("leads", feedback.lead_id, back, meeting_id=feedback.meeting_id)
        return True

    def feedback(self, lead_id: str) -> list[LeadFeedback]:
        """The lead's verdict history, oldest first."""
        rows = self.log.rows("SELECT * FROM lead_feedback WHERE lead_id = ? ORDER BY given_at, rowid", [lead_id])
        return [LeadFeedback.model_validate(row) for row in rows]

    def for_review(self, start: datetime, end: datetime, *, carried_from: datetime | None = None,
                   worked_since: datetime | None = None, undated_news: bool = True,
                   lead_id: str | None = None) -> list[tuple]:
        """The leads delivered in a window, and those delivered from ``carried_from`` until it that
        have no verdict yet or were first given one since ``worked_since`` (the window's start
        unless given); only ``lead_id``, if given.
        The carried ones first, then by source; as plain rows: id, CRM id, name, company, source,
        owner, created at, current verdict, its reason, first verdict's time, whether that time is
        known (1; 0 for a verdict imported with no date of its own). Leads imported without
        a creation date are in no window (their time is the import's)."""
        # compared as instants (a CRM writes its own UTC offset), through the created_at index
        params = window_params(carried_from or start, end, start=timestamp(start),
                               worked=timestamp(worked_since or start), lead=lead_id)
        # without ``undated_news`` (the first review, with no meeting before it) a verdict an import
        # recorded with no date of its own (timed 0, dated the import) is not news: a first import of
        # a CRM history listed thousands of such leads first. Between meetings it is: the week's
        # CRM export is how sales' verdicts come in.
        timed = "" if undated_news else " AND first_verdict_timed = 1"
        carried = "" if carried_from is None else (
            " AND (julianday(created_at) >= julianday(:start) OR verdict IS NULL "
            f"OR (julianday(first_verdict_at) >= julianday(:worked){timed}))"
        )
        one = " AND id = :lead" if lead_id else ""
        return self.log.conn.execute(
            "SELECT id, crm_id, name, company, source, owner, created_at, verdict, reason, first_verdict_at, "
            "first_verdict_timed "
            f"FROM leads WHERE {window(carried_from or start, end)}{carried}{one} "
            "ORDER BY julianday(created_at) >= julianday(:start), source, julianday(created_at), id",
            params,
        ).fetchall()

    def without_verdict_at(self, since: datetime, end: datetime, sla_hours: float) -> tuple[int, int]:
        """Leads delivered from ``since`` to ``end`` that no verdict had been given by ``end``
        (none since taken back), and how many of them had waited past ``sla_hours`` by then."""
        params = window_params(since, end, end=timestamp(end), hours=sla_hours / 24)
        row = self.log.one(
            "SELECT count(*) AS n, coalesce(sum(julianday(:end) - julianday(created_at) > :hours), 0) AS late "
            f"FROM leads l WHERE {window(since, end, until_included=True)} AND NOT EXISTS (SELECT 1 FROM lead_feedback f "
            "WHERE f.lead_id = l.id AND julianday(f.given_at) <= julianday(:end))", params)
        return (row["n"], row["late"]) if row else (0, 0)

    def count(self) -> int:
        row = self.log.one("SELECT count(*) AS n FROM leads")
        return row["n"] if row else 0

    def awaiting_verdict(self, since: datetime | None) -> int:
        """Leads delivered since ``since`` (or ever) that no one has given a verdict yet."""
        return overview.leads_awaiting_verdict(self.log, since)

    def verdict_counts_in(self, meeting_id: str) -> list[dict]:
        """The verdicts a meeting gave, by lead source and verdict: each lead once, at the last
        verdict it was given in the meeting (converted and then corrected to accepted counts as
        accepted, not as both). One pass over the meeting's verdicts (a subquery per verdict
        for the lead's last rescanned the meeting's verdicts for each: 33 s for 20,000)."""
        return self.log.rows(
            "SELECT source, verdict, count(*) AS n FROM (SELECT l.source, f.verdict,"
            "  row_number() OVER (PARTITION BY f.lead_id ORDER BY f.rowid DESC) AS latest"
            "  FROM lead_feedback f JOIN leads l ON l.id = f.lead_id WHERE f.meeting_id = ?)"
            " WHERE latest = 1 GROUP BY source, verdict ORDER BY source, verdict", [meeting_id]
        )

    def verdicts_in(self, meeting_id: str) -> list[dict]:
        """The verdict each lead left the meeting with (its last one there), with the lead's CRM
        id, name, company and source, the reason and the comment said: by source, then name."""
        return self.log.rows(
            "SELECT crm_id, name, company, source, verdict, reason, comment FROM (SELECT l.crm_id, l.name, l.company,"
            "  l.source, f.verdict, f.reason, f.comment,"
            "  row_number() OVER (PARTITION BY f.lead_id ORDER BY f.rowid DESC) AS latest"
            "  FROM lead_feedback f JOIN leads l ON l.id = f.lead_id WHERE f.meeting_id = ?)"
            " WHERE latest = 1 ORDER BY source, name, crm_id", [meeting_id]
        )

    def verdicts_changed_in(self, meeting_id: str) -> int:
        """How many leads were given different verdicts in one meeting (the same one twice is no change)."""
        row = self.log.one(
            "SELECT count(*) AS n FROM (SELECT lead_id FROM lead_feedback WHERE meeting_id = ? GROUP BY lead_id"
            " HAVING count(DISTINCT verdict || '|' || reason) > 1)", [meeting_id])
        return row["n"] if row else 0

    def history(self, lead_id: str) -> list[dict]:
        """The lead's verdicts, oldest first, with the giver's name and the meeting's title and date."""
        return self.log.rows(
            "SELECT f.verdict, f.reason, f.comment, f.given_at, f.via, f.timed, p.name AS given_by, "
            "CASE WHEN m.id IS NULL THEN NULL ELSE m.title || ' (' || m.scheduled_for || ')' END AS meeting "
            "FROM lead_feedback f LEFT JOIN people p ON p.id = f.given_by LEFT JOIN meetings m ON m.id = f.meeting_id "
            "WHERE f.lead_id = ? ORDER BY f.given_at, f.rowid", [lead_id],
        )

    # -- the list of leads -------------------------------------------------------

    def listing(self, since: datetime | None, until: datetime | None, *, by: str | None = None,
                group: str | tuple[str, ...] | None = None, verdict: str | None = None, words: str = "",
                limit: int = 500, offset: int = 0) -> tuple[list[dict], int]:
        """The leads delivered in the window (newest first, at most ``limit`` from ``offset``) and how many there
        are: of one ``group`` of the lead report (a source, an owner, a rejection reason), with
        one current ``verdict`` (``"none"``: not worked yet), and with a word starting with each
        of ``words`` in their name, company, email or CRM id (any case, accents or none)."""
        from smarkmeet.store.actions import folded_words

        self.log.actions  # noqa: B018 -- registers words_match on the connection
        where = [window(since, until)]
        params = window_params(since, until, group=group, verdict=verdict, words=words, limit=limit,
                               offset=max(0, int(offset)))
        if isinstance(group, tuple) and by in ("source", "owner"):  # the values of one report row
            params.update({f"group{n}": value for n, value in enumerate(group)}, group=None)
            where.append(f"{by} IN ({', '.join(f':group{n}' for n in range(len(group))) or 'NULL'})")
        elif group is not None and by in ("source", "owner"):
            where.append(f"{by} = :group")
        elif group is not None and by == "reason":
            where.append("verdict = 'rejected' AND reason = :group")
        if verdict == "none":
            where.append("verdict IS NULL")
        elif verdict is not None:
            where.append("verdict = :verdict")
        typed = sorted(set(folded_words(words)), key=len, reverse=True) if words.strip() else []
        if typed:
            # words_match (a Python function) on every lead took 5.4 s over 1M leads of all time.
            # In a lead written in ASCII a word is a run of [a-z0-9] once lowered, so "a word starts
            # with w" is exactly a GLOB, answered in SQLite's own C (each word first looked for
            # anywhere, which is quicker); only a lead in another alphabet goes to words_match.
            # (1.6 s over 1M, any words; checking only the longest word first took 14 s for "lead 62")
            text = "(name || ' ' || company || ' ' || email || ' ' || crm_id)"
            params.update({f"word{n}": word for n, word in enumerate(typed)})
            params.update({f"starts{n}": f"*[^a-z0-9]{word}*" for n, word in enumerate(typed)})
            anywhere = " OR ".join(f"instr(lower({text}), :word{n}) = 0" for n in range(len(typed)))
            starts = " AND ".join(f"(' ' || lower({text})) GLOB :starts{n}" for n in range(len(typed)))
            where.append(f"CASE WHEN length({text}) <> length(CAST({text} AS BLOB)) THEN words_match({text}, :words) "
                         f"WHEN {anywhere} THEN 0 ELSE {starts} END")
        condition = " AND ".join(where)
        # words are checked on every lead of the window: counted with the rows, in one pass (over
        # 1M leads 2.2 s, not 4.1); without them a count of its own reads an index, ~3 times quicker
        counted = ", count(*) OVER () AS matched" if typed else ""
        rows = self.log.rows(
            f"SELECT id, crm_id, name, company, source, owner, created_at, created_known, verdict, reason{counted} "
            # the undated last: they carry the time of their import, and a CRM history imported
            # without dates filled the first pages of "newest first" with them, in CRM id order
            f"FROM leads WHERE {condition} ORDER BY created_known DESC, julianday(created_at) DESC, crm_id "
            "LIMIT :limit OFFSET :offset",
            params)
        if typed and rows:
            total = rows[0]["matched"]
            for row in rows:
                del row["matched"]
        elif offset == 0 and len(rows) < limit:
            total = len(rows)
        else:  # (a page past the first, or one full: the leads before and after it are counted too)
            total = self.log.one(f"SELECT count(*) AS n FROM leads WHERE {condition}", params)["n"]
        return rows, total

    # -- CRM import -------------------------------------------------------------

    def by_crm_ids(self, crm_ids: list[str]) -> dict[str, dict]:
        """The log's rows (as stored) for these CRM ids, by CRM id."""
        found: dict[str, dict] = {}
        for start in range(0, len(crm_ids), 500):
            chunk = crm_ids[start:start + 500]
            marks = ", ".join("?" for _ in chunk)
            for row in self.log.query(f"SELECT * FROM leads WHERE crm_id IN ({marks})", chunk):
                found[row["crm_id"]] = row
        return found

    def source_spellings(self) -> dict[str, str]:
        """Each source in the log by its case-folded label → its most used spelling."""
        spellings: dict[str, str] = {}
        for row in self.log.rows("SELECT source, count(*) AS n FROM leads WHERE source <> '' "
                                 "GROUP BY source ORDER BY n DESC, source"):
            spellings.setdefault(row["source"].casefold(), row["source"])
        return spellings

    def write_import(self, record: dict | None, new_leads: list[dict], updates: list[tuple[str, dict]],
                     feedback: list[dict]) -> None:
        """Write a part of an import (and its record, with the last part); the caller holds the
        transaction, so each part lands whole or not at all."""
        if record is not None:
            self.log.insert_rows("lead_imports", [record])
        # the lead row itself is in leads; its changes entry names the CRM id and the import
        self.log.insert_rows("leads", new_leads, recorded=("crm_id", "import_id"))
        self.log.update_rows("leads", updates)
        self.log.insert_rows("lead_feedback", feedback)

    def imports(self, limit: int = 20) -> list[dict]:
        return self.log.rows("SELECT * FROM lead_imports ORDER BY started_at DESC, rowid DESC LIMIT ?", [limit])
