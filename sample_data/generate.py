"""Regenerate the demo team's files in this folder: ``python sample_data/generate.py``.

Deterministic (seeded). Every date is written relative to the day the sample is loaded
(``days_ago``, ``weeks_ago``), so the demo always looks current. The files are the
source of truth; this script only saves typing them by hand.
"""

from __future__ import annotations

import csv
import json
import random
import uuid
from pathlib import Path

HERE = Path(__file__).parent
NS = uuid.UUID("6f1c2a1e-58a4-4f0e-9a57-3c1b6a0d5e11")
rng = random.Random(2026)
progress_rng = random.Random(7)  # how far accepted leads got since: its own stream, so nothing else moves


def sid(kind: str, key: object) -> str:
    return str(uuid.uuid5(NS, f"{kind}:{key}"))


PEOPLE = [
    ("dana", "Dana Okafor", "marketing", "Marketing lead"),
    ("priya", "Priya Raman", "marketing", "Demand generation"),
    ("leo", "Leo Martins", "marketing", "Content marketing"),
    ("mei", "Mei Chen", "marketing", "Marketing operations"),
    ("sam", "Sam Ortega", "sales", "Sales lead"),
    ("jordan", "Jordan Blake", "sales", "Account executive"),
    ("grace", "Grace Kim", "sales", "Account executive"),
    ("aisha", "Aisha Bello", "sales", "Sales development rep"),
    ("tomas", "Tomás Ruiz", "sales", "Sales development rep"),
]
SALES = [p[0] for p in PEOPLE if p[2] == "sales"]
REPS = ["jordan", "grace", "aisha", "tomas"]

SECTIONS = [
    ("checkin", "Check-in & attendance", 3),
    ("action_review", "Action item review", 7),
    ("goal_review", "Goal review — the scorecard", 10),
    ("lead_feedback", "Lead feedback — closing the loop", 15),
    ("criticism", "Criticism notes", 10),
    ("wrapup", "Action items & wrap-up", 5),
]
MONTHLY_SECTIONS = [
    ("checkin", "Check-in & attendance", 5),
    ("goal_review", "Goal trends & attainment", 20),
    ("lead_feedback", "Lead-source quality & SLAs", 20),
    ("action_review", "Action completion review", 10),
    ("criticism", "Cross-team feedback", 15),
    ("wrapup", "Decisions, actions & wrap-up", 10),
]

# source: (share of leads, accepted, rejected, nurture, converted-after-accept, never worked)
SOURCES = {
    "Webinar": (0.20, 0.55, 0.10, 0.25, 0.30, 0.05),
    "Organic Search": (0.22, 0.45, 0.20, 0.25, 0.20, 0.08),
    "Referral": (0.08, 0.75, 0.05, 0.15, 0.45, 0.02),
    "Paid Social": (0.22, 0.20, 0.55, 0.20, 0.08, 0.15),
    "Trade Show": (0.13, 0.30, 0.40, 0.25, 0.12, 0.12),
    "Purchased List": (0.15, 0.08, 0.60, 0.12, 0.05, 0.40),
}
REJECT_REASONS = {
    "Webinar": ["no budget", "no need now", "not a fit"],
    "Organic Search": ["not a fit", "no need now", "duplicate", "no authority"],
    "Referral": ["no budget"],
    "Paid Social": ["not a buyer", "not a fit", "bad contact data", "no authority"],
    "Trade Show": ["bad contact data", "not a fit", "went to competitor", "duplicate"],
    "Purchased List": ["bad contact data", "not a buyer", "not a fit", "duplicate"],
}
FIRST = ["Alex", "Maria", "Chen", "Olivia", "Noah", "Fatima", "Lucas", "Sofia", "Ethan", "Amara", "Kenji",
         "Laura", "Ravi", "Hannah", "Diego", "Zoe", "Igor", "Nadia", "Omar", "Ines", "Victor", "Yuki",
         "Bianca", "Felix", "Leila", "Marco", "Anika", "Tariq", "Elena", "Hugo"]
LAST = ["Schmidt", "Garcia", "Nakamura", "Johnson", "Haddad", "Kowalski", "Silva", "Patel", "Dubois",
        "Andersen", "Moreau", "Okoye", "Rossi", "Novak", "Lindqvist", "Costa", "Brennan", "Weber", "Park", "Ali"]
COMPANY_A = ["Blue", "North", "Bright", "Iron", "Clear", "Swift", "Green", "Atlas", "Silver", "Summit",
             "Pine", "Harbor", "Nova", "Cedar", "Quantum"]
COMPANY_B = ["Logistics", "Health", "Analytics", "Foods", "Robotics", "Finance", "Retail", "Energy",
             "Labs", "Media", "Systems", "Travel", "Legal", "Pharma", "Works"]


def people() -> list[dict]:
    return [
        {"id": sid("person", h), "handle": h, "name": n, "side": s, "role": r, "email": f"{h}@example.com"}
        for h, n, s, r in PEOPLE
    ]


def meetings() -> list[dict]:
    out = []
    ratings_mean = {k: 6 + (12 - k) * 0.15 for k in range(1, 13)}  # improving over time
    for weeks_ago in range(12, 0, -1):
        sections = []
        for kind, title, minutes in SECTIONS:
            factor = rng.uniform(0.7, 1.15)
            if kind == "lead_feedback" and weeks_ago % 3 == 0:
                factor = rng.uniform(1.25, 1.6)  # the lead review often overruns
            sections.append({"kind": kind, "title": title, "minutes": minutes, "seconds_spent": int(minutes * 60 * factor)})
        absent = rng.sample([p[0] for p in PEOPLE], k=rng.choice([0, 1, 1, 2]))
        ratings = {
            h: max(1, min(10, round(rng.gauss(ratings_mean[weeks_ago], 1.2))))
            for h, *_ in PEOPLE if h not in absent
        }
        out.append({
            "id": sid("meeting", f"weekly-{weeks_ago}"), "kind": "weekly", "days_ago": 7 * weeks_ago,
            "title": "Weekly smarketing meeting", "facilitator": "dana" if weeks_ago % 2 else "sam",
            "sections": sections, "absent": sorted(absent), "ratings": ratings,
            "summary": SUMMARIES[weeks_ago % len(SUMMARIES)],
        })
    for months_ago, days_ago in ((3, 61), (2, 33), (1, 5)):
        sections = [
            {"kind": k, "title": t, "minutes": m, "seconds_spent": int(m * 60 * rng.uniform(0.8, 1.2))}
            for k, t, m in MONTHLY_SECTIONS
        ]
        out.append({
            "id": sid("meeting", f"monthly-{months_ago}"), "kind": "monthly", "days_ago": days_ago,
            "title": "Monthly smarketing managers' meeting", "facilitator": "sam",
            "sections": sections, "absent": [],
            "ratings": {h: rng.randint(6, 9) for h in ("dana", "sam", "mei", "jordan")},
            "summary": "Reviewed goal trends, lead-source quality and both SLAs with the two leads.",
        })
    out.append({
        "id": sid("meeting", "weekly-0"), "kind": "weekly", "days_ago": 0, "status": "planned",
        "title": "Weekly smarketing meeting", "facilitator": "dana", "sections": [
            {"kind": k, "title": t, "minutes": m, "seconds_spent": 0} for k, t, m in SECTIONS
        ], "absent": [], "ratings": {}, "summary": "",
    })
    return out


SUMMARIES = [
    "Agreed to tighten the MQL definition for paid social; sales to give verdicts within 48 hours.",
    "Webinar leads keep converting; marketing will double the webinar cadence next month.",
    "Purchased-list leads mostly rejected for bad contact data; marketing to stop buying lists.",
    "Sales follow-up slipped during quarter close; SDRs to clear the backlog before Friday.",
    "Trade-show badge scans need enrichment before hand-off; ops to add a cleanup step.",
]


def leads() -> tuple[list[dict], list[dict]]:
    leads_out, feedback_out = [], []
    names = list(SOURCES)
    weights = [SOURCES[s][0] for s in names]
    n = 0
    for days_ago in range(84, -1, -1):
        per_day = rng.choice([3, 4, 4, 5, 5, 6]) if days_ago % 7 not in (1, 2) else rng.choice([0, 1])  # quiet weekends before a Monday meeting
        for _ in range(per_day):
            n += 1
            source = rng.choices(names, weights)[0]
            first, last = rng.choice(FIRST), rng.choice(LAST)
            company = f"{rng.choice(COMPANY_A)} {rng.choice(COMPANY_B)}"
            crm_id = f"CRM-{10000 + n}"
            lead = {
                "crm_id": crm_id, "name": f"{first} {last}", "company": company,
                "email": f"{first.lower()}.{last.lower()}@{company.split()[0].lower()}.example",
                "source": source, "days_ago": days_ago, "hour": rng.randint(8, 18), "owner": rng.choice(REPS),
                "stage": "mql",
            }
            leads_out.append(lead)
            if days_ago < 7:
                continue  # delivered since the last meeting: verdicts are due today
            _, accepted, rejected, nurture, converts, ignored = SOURCES[source]
            if rng.random() < ignored:
                continue  # never worked: sales ignored it
            roll = rng.random() * (accepted + rejected + nurture)
            given_days = days_ago - rng.choice([0, 1, 1, 2, 2, 3, 5, 8])
            by = lead["owner"]
            if roll < accepted:
                feedback_out.append(_verdict(crm_id, "accepted", "", given_days, by))
                lead["stage"] = "sal"
                if rng.random() < converts and given_days > 14:
                    feedback_out.append(_verdict(crm_id, "converted", "", given_days - rng.randint(7, 14), by,
                                                 comment="closed-won"))
                    lead["stage"] = "customer"
                elif given_days > 7 and progress_rng.random() < 0.55:  # sales qualified it since
                    lead["stage"] = "opportunity" if progress_rng.random() < 0.45 else "sql"
            elif roll < accepted + rejected:
                reason = rng.choice(REJECT_REASONS[source])
                feedback_out.append(_verdict(crm_id, "rejected", reason, given_days, by))
                lead["stage"] = "disqualified"
            else:
                feedback_out.append(_verdict(crm_id, "nurture", "", given_days, by, comment="revisit next quarter"))
    return leads_out, feedback_out


def _verdict(crm_id: str, verdict: str, reason: str, days_ago: int, by: str, comment: str = "") -> dict:
    return {"crm_id": crm_id, "verdict": verdict, "reason": reason, "comment": comment,
            "days_ago": max(days_ago, 1), "given_by": by}


def goals(lead_rows: list[dict]) -> list[dict]:
    mqls = [sum(1 for lead in lead_rows if 7 * w - 7 < lead["days_ago"] + 1 <= 7 * w) for w in range(12, 0, -1)]
    return [
        {"id": sid("goal", "mqls"), "name": "MQLs delivered", "metric": "mqls", "unit": "count",
         "owner_side": "marketing", "period": "weekly", "target": 25, "amber_threshold": 0.8,
         "description": "Marketing-qualified leads handed to sales in the week.",
         "actuals": mqls},
        {"id": sid("goal", "sals"), "name": "Leads accepted by sales (SAL)", "metric": "sals", "unit": "count",
         "owner_side": "shared", "period": "weekly", "target": 10, "amber_threshold": 0.8,
         "description": "Leads sales accepted as worth working.",
         "actuals": [rng.randint(7, 12) for _ in range(11)] + [11]},
        {"id": sid("goal", "customers"), "name": "New customers", "metric": "customers", "unit": "count",
         "owner_side": "shared", "period": "weekly", "target": 3, "amber_threshold": 0.8,
         "description": "Deals closed-won from marketing-sourced leads.",
         "actuals": [rng.choice([1, 2, 3, 4]) for _ in range(11)] + [1]},
        {"id": sid("goal", "pipeline"), "name": "Pipeline created", "metric": "pipeline", "unit": "currency",
         "owner_side": "sales", "period": "weekly", "target": 60000, "amber_threshold": 0.75,
         "description": "New opportunity value opened in the week (EUR).",
         "actuals": [rng.randrange(40000, 80000, 500) for _ in range(11)] + [72500]},
        {"id": sid("goal", "follow-up"), "name": "Leads followed up within 48 h", "metric": "sales_sla",
         "unit": "percent", "owner_side": "sales", "period": "weekly", "target": 90, "amber_threshold": 0.9,
         "description": "Share of delivered leads given a first verdict within 48 hours.",
         "actuals": [rng.randint(55, 95) for _ in range(11)] + [64]},
    ]


GLOSSARY = [
    ("Lead", "A person or company that has shown interest (form fill, event scan, download) and whose contact data we hold."),
    ("MQL", "Marketing-qualified lead: a lead that fits our ideal customer profile and has engaged enough that marketing hands it to sales."),
    ("SAL", "Sales-accepted lead: an MQL that sales has reviewed and agreed to work, within the SLA window."),
    ("SQL", "Sales-qualified lead: a lead sales has spoken to and confirmed need, budget, authority and timing."),
    ("Opportunity", "An SQL with a deal opened in the CRM, an amount and an expected close date."),
    ("SLA", "Service-level agreement between the teams: marketing delivers the agreed number of MQLs each week; sales gives every MQL a first verdict within 48 hours."),
    ("Nurture", "A lead that is not ready to buy now; marketing keeps it warm and hands it back when it re-engages."),
    ("Closed-loop reporting", "Sales reports back, lead by lead, what happened to every lead marketing delivered."),
]

ACTIONS = [
    # title, owner, origin weeks_ago, section, due days_ago (negative = future), status, carried at weeks_ago, done days_ago
    ("Stop buying contact lists; cancel the Q3 list order", "dana", 11, "criticism", 70, "done", [], 72),
    ("Add a 48-hour verdict reminder to the CRM queue", "mei", 10, "lead_feedback", 60, "done", [9], 58),
    ("Share the webinar attendee list with sales the same day", "priya", 9, "wrapup", 56, "done", [], 57),
    ("Write a one-page ideal customer profile both teams sign", "dana", 9, "criticism", 20, "open", [8, 6, 4, 2], None),
    ("Enrich trade-show badge scans before hand-off", "mei", 8, "lead_feedback", 10, "open", [7, 5, 3], None),
    ("Clear the backlog of unworked paid-social leads", "aisha", 7, "lead_feedback", 44, "done", [6], 43),
    ("Draft nurture email track for 'no need now' leads", "leo", 7, "wrapup", 30, "open", [5, 3, 1], None),
    ("Record a 5-minute product demo for SDR follow-ups", "leo", 6, "criticism", 35, "done", [], 38),
    ("Tag every rejected lead with a reason in the CRM", "tomas", 6, "lead_feedback", 35, "dropped", [], None),
    ("Agree the SQL definition and update the glossary", "sam", 5, "goal_review", 28, "done", [], 30),
    ("Send webinar list to sales", "dana", 4, "wrapup", 23, "done", [], 24),
    ("Review pricing-page leads with the AEs", "jordan", 4, "goal_review", 16, "open", [3, 2], None),
    ("Build a lead-source scorecard for the monthly meeting", "mei", 3, "goal_review", 9, "open", [2], None),
    ("Call back every referral lead within a day", "grace", 3, "lead_feedback", 14, "done", [], 16),
    ("Give verdicts on all trade-show leads", "aisha", 2, "lead_feedback", 4, "open", [], None),
    ("Update the case-study deck with two new logos", "leo", 2, "wrapup", -3, "open", [], None),
    ("Pilot a LinkedIn retargeting audience from SQLs", "priya", 1, "criticism", -4, "open", [], None),
    ("Shadow two discovery calls", "priya", 1, "wrapup", -6, "open", [], None),
    ("Send objection notes from lost deals to content", "jordan", 1, "criticism", 2, "open", [], None),
    ("Audit duplicate leads between HubSpot forms", "tomas", 1, "lead_feedback", -1, "open", [], None),
    ("Publish the follow-up SLA in the sales handbook", "sam", 2, "criticism", 6, "done", [], 7),
]

NOTES = [
    # from, to, weeks_ago, observation, impact, request, status, resolved weeks_ago, action index
    ("sales", "marketing", 11, "Purchased-list leads bounce or do not know who we are.",
     "SDRs spend half a day a week on contacts that never answer.", "Stop buying lists; put that budget into webinars.",
     "resolved", 10, 0),
    ("marketing", "sales", 10, "Leads sit in the queue for days with no verdict.",
     "We cannot tell which campaigns work, and hot leads go cold.", "Give every lead a first verdict within 48 hours.",
     "resolved", 6, 1),
    ("sales", "marketing", 9, "We disagree on what an ideal customer looks like.",
     "Accepted and rejected leads look the same on paper.", "Write a one-page ICP with us and both sign it.",
     "open", None, 3),
    ("marketing", "sales", 6, "SDR follow-up emails don't mention the content the lead downloaded.",
     "Reply rates on follow-ups are half of our nurture emails.", "Use the demo video and reference the asset in the first touch.",
     "resolved", 4, 7),
    ("sales", "marketing", 4, "Trade-show scans arrive without company or role.",
     "Every scan needs ten minutes of research before a call.", "Enrich scans before they reach us.",
     "open", None, 4),
    ("marketing", "sales", 2, "Rejections often have no reason.",
     "We can't fix a source if we don't know why it fails.", "",
     "open", None, None),
    ("sales", "marketing", 1, "Webinar follow-up lists arrive two days late.",
     "Attendees have forgotten the webinar by the time we call.", "Send the attendee list the same afternoon.",
     "open", None, None),
    ("marketing", "sales", 1, "Lost-deal reasons never reach content.",
     "We keep writing for objections we don't know about.", "Send us objection notes from lost deals monthly.",
     "open", None, 18),
]


def actions() -> list[dict]:
    out = []
    for i, (title, owner, weeks, section, due, status, carried, done) in enumerate(ACTIONS):
        out.append({"id": sid("action", i), "title": title, "owner": owner, "origin_weeks_ago": weeks,
                    "origin_section": section, "due_days_ago": due, "status": status,
                    "carried_weeks_ago": carried, "done_days_ago": done})
    return out


def notes() -> list[dict]:
    out = []
    for i, (src, dst, weeks, obs, impact, request, status, resolved, action) in enumerate(NOTES):
        followups = []
        if status == "open" and weeks >= 4:
            followups = [{"weeks_ago": w, "comment": "Still open; owner says a draft is close."}
                         for w in range(weeks - 2, 0, -2)]
        out.append({"id": sid("note", i), "from_side": src, "to_side": dst, "weeks_ago": weeks,
                    "author": "sam" if src == "sales" else "dana", "observation": obs, "impact": impact,
                    "request": request, "status": status, "resolved_weeks_ago": resolved,
                    "action": None if action is None else sid("action", action), "followups": followups})
    return out


SETTINGS = {
    "rejection_reasons": ["not a fit", "no budget", "no authority", "no need now", "bad contact data",
                          "duplicate", "went to competitor", "not a buyer"],
    "sales_sla_hours": 48,
    "weekly_lead_target": 25,
    "average_deal_size": 12000,
    "team_name": "Northwind smarketing",
}


def main() -> None:
    lead_rows, feedback_rows = leads()
    (HERE / "team.json").write_text(json.dumps(people(), indent=2, ensure_ascii=False) + "\n")
    (HERE / "meetings.json").write_text(json.dumps(meetings(), indent=2, ensure_ascii=False) + "\n")
    (HERE / "goals.json").write_text(json.dumps(goals(lead_rows), indent=2, ensure_ascii=False) + "\n")
    (HERE / "action_items.json").write_text(json.dumps(actions(), indent=2, ensure_ascii=False) + "\n")
    (HERE / "criticism_notes.json").write_text(json.dumps(notes(), indent=2, ensure_ascii=False) + "\n")
    (HERE / "glossary.json").write_text(json.dumps([{"term": t, "definition": d} for t, d in GLOSSARY],
                                                   indent=2, ensure_ascii=False) + "\n")
    (HERE / "settings.json").write_text(json.dumps(SETTINGS, indent=2, ensure_ascii=False) + "\n")
    for name, rows in (("leads.csv", lead_rows), ("lead_feedback.csv", feedback_rows)):
        with (HERE / name).open("w", newline="", encoding="utf-8") as handle:
            writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)


if __name__ == "__main__":
    main()
