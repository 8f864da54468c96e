"""Whatever bytes arrive as a 'CSV export', the importer answers in words and the log stays whole."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from smarkmeet.services.crmmapping import preset
from smarkmeet.services.leadimport import LeadImportError, import_leads
from smarkmeet.store.log import memory_log

CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
HEADERS = ["crm_id", "name", "source", "created_at", "status", "converted", "reason", ""]


@st.composite
def csv_like(draw) -> bytes:
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    header = draw(st.lists(st.sampled_from(HEADERS), min_size=1, max_size=6))
    rows = draw(st.lists(st.lists(CELL, max_size=7), max_size=8))
    quote = draw(st.booleans())

    def line(cells):
        return delimiter.join(f'"{c}"' if quote else c for c in cells)

    text = "\n".join([line(header), *(line(r) for r in rows)])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "latin-1"]))
    return text.encode(encoding, errors="replace")


def _check(data: bytes, clock) -> None:
    log = memory_log(clock)
    try:
        before = list(log.db.conn.iterdump())
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "export.csv"
            path.write_bytes(data)
            try:
                report = import_leads(log, path, preset("generic"))
            except LeadImportError as error:
                assert str(error)
                assert list(log.db.conn.iterdump()) == before
                return
        leads = log.leads.count()
        assert leads == report.new
        assert report.rows == report.new + report.updated + report.unchanged + len(report.rejected)
        in_step = log.one(
            "SELECT count(*) AS n FROM leads l WHERE verdict IS NOT (SELECT f.verdict FROM lead_feedback f "
            "WHERE f.lead_id = l.id ORDER BY f.rowid DESC LIMIT 1)"
        )
        assert in_step["n"] == 0
    finally:
        log.close()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=csv_like())
def test_csv_shaped_input_never_raises_anything_but_words(data, clock):
    _check(data, clock)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=300))
def test_arbitrary_bytes_never_raise_anything_but_words(data, clock):
    _check(b"crm_id,source\n" + data, clock)
