"""A heavy, deterministic log: ten teams' worth of ten years, built through the log's bulk path.

    .venv/bin/python bench/heavylog.py OUT.db [--scale 1.0] [--seed 7] [--no-leads]

At ``--scale 1``: 5,200 meetings (with agendas, attendance and ratings), 250,000 action
items (with carries), 1,000,000 leads with feedback and 50,000 criticism notes. Every
row goes through :meth:`Log.insert_rows`, so triggers (the search index) and the
``changes`` record are exactly what the app would write. Same seed, same log.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import uuid
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

from smarkmeet.clock import FixedClock
from smarkmeet.store.log import open_log

NOW = datetime(2026, 11, 23, 9, 0, tzinfo=timezone(timedelta(hours=1)))
TODAY = NOW.date()
TEAMS = 10
YEARS = 10
BATCH = 20_000

VERBS = ["Send", "Review", "Audit", "Draft", "Share", "Update", "Build", "Call", "Fix", "Enrich", "Agree", "Plan"]
THINGS = ["webinar list", "pricing-page leads", "case-study deck", "nurture track", "lead scoring model",
          "trade-show scans", "ICP one-pager", "objection notes", "retargeting audience", "CRM duplicates",
          "demo script", "SLA dashboard", "partner referrals", "intent data", "battle card"]
SOURCES = ["Google", "Direct Traffic", "Olark Chat", "Organic Search", "Reference", "Webinar", "Facebook",
           "Trade Show", "Referral Sites", "Partner", "LinkedIn", "Email"]
REASONS = ["not a fit", "no budget", "no authority", "no need now", "bad contact data", "duplicate"]
SECTIONS = [("checkin", "Check-in", 5), ("goal_review", "Goal review", 10), ("lead_feedback", "Lead feedback", 15),
            ("criticism", "Criticism", 10), ("action_review", "Action review", 10), ("wrapup", "Wrap-up", 5)]


def new_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def build(path: Path, *, scale: float = 1.0, seed: int = 7, leads: bool = True, quiet: bool = False) -> dict[str, int]:
    """Write the heavy log at ``path`` (which must not exist); returns the row counts."""
    rng = random.Random(seed)
    log = open_log(path, FixedClock(NOW))
    counts: dict[str, int] = {}
    started = time.perf_counter()

    def say(what: str) -> None:
        if not quiet:
            print(f"  {time.perf_counter() - started:6.1f} s  {what}", file=sys.stderr)

    def put(table: str, rows: list[dict]) -> None:
        for at in range(0, len(rows), BATCH):
            with log.transaction():
                log.insert_rows(table, rows[at:at + BATCH])
        counts[table] = counts.get(table, 0) + len(rows)

    # people: ten teams of eight
    people = []
    for team in range(TEAMS):
        for n in range(8):
            side = "sales" if n % 2 else "marketing"
            people.append({"id": new_id(rng), "name": f"Person {team}-{n}", "handle": f"p{team}x{n}", "side": side,
                           "role": "", "email": "", "guest": 0, "active": 1})
    put("people", people)
    team_people = [people[team * 8:(team + 1) * 8] for team in range(TEAMS)]

    # meetings: each team weekly for ten years
    weeks = max(1, round(52 * YEARS * scale))
    first = TODAY - timedelta(weeks=weeks)
    meetings, sections, attendance, ratings = [], [], [], []
    meeting_team: list[int] = []
    for team in range(TEAMS):
        for week in range(weeks):
            day = first + timedelta(weeks=week)
            start = datetime.combine(day, datetime.min.time(), NOW.tzinfo) + timedelta(hours=9 + team % 3)
            meeting_id = new_id(rng)
            meetings.append({
                "id": meeting_id, "kind": "weekly", "title": f"Team {team} weekly", "scheduled_for": day.isoformat(),
                "status": "ended", "facilitator_id": team_people[team][0]["id"], "template": "weekly",
                "started_at": stamp(start), "ended_at": stamp(start + timedelta(minutes=55)),
                "current_section_id": None, "paused": 0,
                "summary": f"Agreed on {rng.choice(THINGS)}; next: {rng.choice(THINGS)}.", "minutes_path": None,
            })
            meeting_team.append(team)
            for position, (kind, title, minutes) in enumerate(SECTIONS):
                spent = max(0, int(rng.gauss(minutes * 60, 120)))
                sections.append({
                    "id": new_id(rng), "meeting_id": meeting_id, "position": position, "kind": kind, "title": title,
                    "timebox_minutes": minutes, "seconds_spent": spent,
                    "overrun_seconds": max(0, spent - minutes * 60), "running_since": None, "status": "done",
                })
            for person in team_people[team]:
                present = rng.random() < 0.9
                attendance.append({"id": new_id(rng), "meeting_id": meeting_id, "person_id": person["id"],
                                   "present": int(present)})
                if present and rng.random() < 0.5:
                    ratings.append({"id": new_id(rng), "meeting_id": meeting_id, "person_id": person["id"],
                                    "score": rng.randint(5, 10), "comment": "", "given_at": stamp(start)})
    put("meetings", meetings)
    put("agenda_sections", sections)
    put("attendance", attendance)
    put("ratings", ratings)
    say(f"{len(meetings):,} meetings")
    del sections, attendance, ratings

    # action items: about 48 per meeting at scale 1 (250,000)
    per_meeting = 250_000 / (TEAMS * 52 * YEARS)
    items, carries = [], []
    for meeting, team in zip(meetings, meeting_team, strict=True):
        day = date.fromisoformat(meeting["scheduled_for"])
        for _ in range(int(per_meeting) + (rng.random() < per_meeting % 1)):
            owner = rng.choice(team_people[team])
            due = day + timedelta(days=rng.randint(2, 14))
            carried = min(6, int(rng.expovariate(1.2)))
            final_due = due + timedelta(weeks=carried)
            roll = rng.random()
            status = "open" if final_due >= TODAY - timedelta(days=10) and roll < 0.8 else (
                "done" if roll < 0.9 else "dropped")
            done_at = None
            if status == "done":
                late = rng.random() < 0.25
                done_day = final_due + timedelta(days=rng.randint(1, 5)) if late else final_due - timedelta(days=1)
                done_at = stamp(datetime.combine(min(done_day, TODAY), datetime.min.time(), NOW.tzinfo)
                                + timedelta(hours=15))
            item_id = new_id(rng)
            items.append({
                "id": item_id, "title": f"{rng.choice(VERBS)} the {rng.choice(THINGS)} #{len(items)}",
                "owner_id": owner["id"], "side": owner["side"], "due_date": final_due.isoformat(), "status": status,
                "snoozed_until": None, "origin_meeting_id": meeting["id"], "origin_section_id": None,
                "carry_count": carried, "created_at": meeting["started_at"], "done_at": done_at,
                "closed_in_meeting_id": None,
            })
            for n in range(carried):
                carries.append({
                    "id": new_id(rng), "action_item_id": item_id, "meeting_id": None,
                    "previous_due": (due + timedelta(weeks=n)).isoformat(),
                    "new_due": (due + timedelta(weeks=n + 1)).isoformat(),
                    "carried_at": stamp(datetime.combine(due + timedelta(weeks=n), datetime.min.time(), NOW.tzinfo)),
                })
    put("action_items", items)
    put("action_carries", carries)
    say(f"{len(items):,} action items, {len(carries):,} carries")

    # criticism notes: about 50,000 at scale 1
    notes = []
    for meeting, team in zip(meetings, meeting_team, strict=True):
        for _ in range(int(50_000 / (TEAMS * 52 * YEARS)) + (rng.random() < 0.6)):
            from_side = rng.choice(["sales", "marketing"])
            resolved = meeting["scheduled_for"] < (TODAY - timedelta(weeks=8)).isoformat() and rng.random() < 0.8
            notes.append({
                "id": new_id(rng), "meeting_id": meeting["id"], "from_side": from_side,
                "to_side": "marketing" if from_side == "sales" else "sales",
                "observation": f"The {rng.choice(THINGS)} is not working for us",
                "impact": "We lose time every week", "request": f"Please {rng.choice(VERBS).lower()} it",
                "status": "resolved" if resolved else "open", "author_id": rng.choice(team_people[team])["id"],
                "created_at": meeting["started_at"], "resolved_at": meeting["ended_at"] if resolved else None,
                "resolved_in_meeting_id": None, "action_item_id": None,
            })
    put("criticism_notes", notes)
    say(f"{len(notes):,} criticism notes")
    del items, carries, notes

    if leads:
        total = round(1_000_000 * scale)
        written = 0
        while written < total:
            batch, feedback = [], []
            for n in range(written, min(total, written + 50_000)):
                created = NOW - timedelta(minutes=rng.randrange(60 * 24 * 365 * YEARS))
                verdict = rng.choice([None, None, "accepted", "rejected", "nurture", "converted"])
                lead_id = new_id(rng)
                row = {"id": lead_id, "crm_id": f"L{n:08d}", "name": f"Lead {n}", "company": f"Company {n % 9000}",
                       "email": f"lead{n}@example.com", "source": rng.choice(SOURCES), "created_at": stamp(created),
                       "owner": f"rep{n % 40}", "stage": "mql", "crm_status": "", "verdict": verdict, "reason": "",
                       "verdict_at": None, "first_verdict_at": None, "first_verdict_timed": None,
                       "first_verdict_days": None, "created_known": 1, "crm_converted": None,
                       "updated_at": None, "import_id": None}
                if verdict:
                    given = created + timedelta(hours=rng.expovariate(1 / 40))
                    row.update(verdict_at=stamp(given), first_verdict_at=stamp(given), first_verdict_timed=1,
                               first_verdict_days=(given - created).total_seconds() / 86400,
                               reason=rng.choice(REASONS) if verdict == "rejected" else "",
                               stage={"converted": "customer", "accepted": "sal"}.get(verdict, "mql"))
                    feedback.append({"id": new_id(rng), "lead_id": lead_id, "verdict": verdict, "reason": row["reason"],
                                     "comment": "", "given_by": None, "given_at": stamp(given), "meeting_id": None,
                                     "via": "meeting", "timed": 1})
                batch.append(row)
            put("leads", batch)
            put("lead_feedback", feedback)
            written += len(batch)
            say(f"{written:,} leads")
    log.close()
    return counts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of ten years (0.1 = one year)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-leads", action="store_true")
    args = parser.parse_args()
    if args.out.exists():
        sys.exit(f"heavylog: {args.out} exists; give a new path")
    started = time.perf_counter()
    counts = build(args.out, scale=args.scale, seed=args.seed, leads=not args.no_leads)
    print(f"built {args.out} in {time.perf_counter() - started:.0f} s: "
          + ", ".join(f"{table} {count:,}" for table, count in counts.items()))


if __name__ == "__main__":
    main()
