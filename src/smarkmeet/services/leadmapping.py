"""Turning a CSV export's rows into lead fields through a mapping, row by row, with reasons for bad rows."""

from __future__ import annotations

import shlex
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from smarkmeet.domain.enums import LeadStage, Verdict
from smarkmeet.domain.inert import inert
from smarkmeet.services.crmmapping import FALSE_VALUES, NO_REASON, TRUE_VALUES, Mapping, Outcome, normalise
from smarkmeet.services.csvfile import CsvTable, guess_delimiter

MAX_ID = 2000
MAX_TEXT = 20000
_AUTO_FORMATS = ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%Y/%m/%d")
_LEAD_COLUMNS = {"name", "company", "email", "source", "owner"}


class MissingColumnError(Exception):
    pass


@dataclass
class MappedRow:
    row: int
    crm_id: str
    fields: dict[str, object]  # the lead columns this file carries, as Python values
    reason: str = ""  # the CRM's rejection reason on this row, if any
    converted_at: datetime | None = None


@dataclass(frozen=True)
class RejectedRow:
    row: int
    crm_id: str
    reason: str


@dataclass
class MappedFile:
    rows: list[MappedRow]
    rejected: list[RejectedRow]
    columns: dict[str, str]  # field → the column that fed it
    skipped: list[str]  # fields whose columns the file does not have
    unmapped: dict[str, Counter] = field(default_factory=dict)  # field → raw value → rows
    ragged: list[int] = field(default_factory=list)  # rows with more or fewer cells than the header


def resolve_columns(mapping: Mapping, table: CsvTable) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Which column feeds each field; a column the mapping requires but the file lacks is an error."""
    indexes: dict[str, int] = {}
    names: dict[str, str] = {}
    skipped: list[str] = []
    for name, candidates in mapping.columns.items():
        found = next(((c, i) for c in candidates if (i := table.column(c)) is not None), None)
        if found is None:
            if name == "crm_id" or mapping.missing_columns == "error":
                wanted = " or ".join(repr(c) for c in candidates)
                if mapping._file:  # the team's own mapping: the line to put right is theirs
                    advice = (f"Put right `{name} = …` under [columns] in {mapping._file}"
                              + ("" if name == "crm_id" else
                                 ", or set missing_columns = \"skip\" there to import without it")
                              + "; for another CRM's export, `smarkmeet leads mapping generic > my-crm.toml` "
                                "writes a mapping to edit")
                elif shipped := shipped_mapping_for(table):  # the public export the demo's mapping is for
                    # (said for the app's mapping field and the command line's --mapping alike)
                    advice = (f"It has every column of the {shipped.stem} export, whose mapping comes with "
                              f"smarkmeet; give it as the mapping file: {shlex.quote(str(shipped))}")
                else:
                    advice = ("Choose the preset of the CRM it came from, or a mapping file naming its columns "
                              "(`smarkmeet leads mapping generic > my-crm.toml` writes one to edit)")
                raise MissingColumnError(
                    f"the mapping takes {name} from column {wanted}, which is not in the file; "
                    + (wrong_delimiter(table) or f"its columns are: {listed_columns(table.header)}. {advice}")
                )
            skipped.append(name)
            continue
        indexes[name], names[name] = found[1], table.header[found[1]]
    return indexes, names, skipped


def shipped_mapping_for(table: CsvTable) -> Path | None:
    """The mapping file that comes with smarkmeet (``sample_data/mappings``: the public X
    Education export's) whose every column ``table`` has, if one does."""
    from smarkmeet.services.crmmapping import MappingError, load_mapping
    from smarkmeet.services.sample import sample_dir

    for path in sorted((sample_dir() / "mappings").glob("*.toml")):
        try:
            mapping = load_mapping(path)
        except MappingError:
            continue
        if all(any(table.column(c) is not None for c in candidates) for candidates in mapping.columns.values()):
            return path
    return None


SAID_COLUMNS = 12  # columns named in an error before "and N more"


def listed_columns(header: list[str]) -> str:
    named = [repr(h) for h in header if h]
    more = f" and {len(named) - SAID_COLUMNS} more" if len(named) > SAID_COLUMNS else ""
    return ", ".join(named[:SAID_COLUMNS]) + more


RARE_DELIMITERS = (":", "^", "~", "#", "!", "/")  # named when a header splits on nothing else, never guessed


def wrong_delimiter(table: CsvTable) -> str | None:
    """What to say when the header read as one column holds another delimiter: the file was
    split with the wrong one (``--delimiter ';'`` on a comma-separated file)."""
    if len(table.header) != 1:
        return None
    better = guess_delimiter(table.header[0])
    if better == table.delimiter or better not in table.header[0]:
        # a separator no CRM export is guessed to use, but some tool wrote ("crm_id:name:source")
        header = table.header[0]
        rare = max(RARE_DELIMITERS, key=header.count)
        if header.count(rare) < 1:
            return None
        return (f"its header reads as one column, and looks {rare!r}-separated, which an import does not read: "
                "save it again as comma-separated CSV (or with ; tab or |)")
    say = {"\t": "tab"}
    return (f"its header reads as one column split on {say.get(table.delimiter, repr(table.delimiter))}, "
            f"and looks {say.get(better, repr(better))}-separated: give --delimiter "
            f"{say.get(better, repr(better))}, or leave --delimiter out to have it guessed")


# what a CSV export safe for spreadsheets puts a ' before (OWASP's rule; smarkmeet's exports follow it)
_ESCAPED_STARTS = ("=", "+", "-", "@")


def map_rows(table: CsvTable, mapping: Mapping, now: datetime) -> MappedFile:
    indexes, names, skipped = resolve_columns(mapping, table)
    result = MappedFile(rows=[], rejected=[], columns=names, skipped=skipped)
    blanks = mapping.blanks
    longest_blank = max((len(b) for b in blanks), default=0)
    columns = list(indexes.items())
    first_row_of: dict[str, int] = {}
    header_width = len(table.header)
    for number, cells in table.rows:
        width = len(cells)
        # fewer cells than the header, or text past its columns (not just the trailing empty column
        # some CRMs write): read as it stands (a missing cell is empty), and said in the report
        if width < header_width or any(extra.strip() for extra in cells[header_width:]):
            result.ragged.append(number)
        values: dict[str, str] = {}
        for name, index in columns:
            value = cells[index].strip() if index < width else ""
            if value[:1] == "'" and value[1:2] in _ESCAPED_STARTS:
                value = value[1:]  # a spreadsheet-safe export's quote (smarkmeet's own, a CRM's): not the value's
            # only a short value can be a blank marker such as "Select" (runs of spaces aside)
            if value and len(value) <= 4 * longest_blank and normalise(value) in blanks:
                value = ""
            values[name] = value
        cell = values.get

        crm_id = cell("crm_id", "")
        try:
            if not crm_id:
                raise ValueError(f"no CRM id (column {names['crm_id']!r} is blank)")
            if len(crm_id) > MAX_ID:
                raise ValueError(f"the CRM id is longer than {MAX_ID} characters")
            if crm_id in first_row_of:
                raise ValueError(f"CRM id {crm_id!r} is already on row {first_row_of[crm_id]}; the first one was kept")
            mapped = _map_row(number, crm_id, cell, indexes, names, mapping, now, result.unmapped)
        except ValueError as error:
            result.rejected.append(RejectedRow(number, crm_id, str(error)))
            continue
        first_row_of[crm_id] = number
        result.rows.append(mapped)
    return result


def _map_row(number, crm_id, cell, indexes, names, mapping: Mapping, now: datetime, unmapped) -> MappedRow:
    fields: dict[str, object] = {}
    for name in _LEAD_COLUMNS & indexes.keys():
        fields[name] = _text(cell(name), names[name])
    if "name" not in indexes and ({"first_name", "last_name"} & indexes.keys()):
        fields["name"] = _text(" ".join(part for part in (cell("first_name"), cell("last_name")) if part), "name")
    if "created" in indexes and _date_is_known(cell, names):
        if raw := cell("created"):  # a blank date leaves a known one alone; a new lead gets the import time
            fields["created_at"] = parse_moment(raw, mapping.created_format, now, names["created"], "created_format")
            fields["created_known"] = True
    mapped = MappedRow(number, crm_id, fields)
    if "status" in indexes:
        raw = cell("status")
        fields["crm_status"] = _text(raw, names["status"])
        if raw and mapping.status and normalise(raw) not in mapping.status:
            if mapping.unmapped_status == "reject":
                raise ValueError(f"{names['status']} {raw!r} is not in the mapping's [status] table")
            unmapped.setdefault("status", Counter())[raw] += 1
    if "reason" in indexes:
        raw = cell("reason")
        mapped.reason = mapping.reasons.get(normalise(raw), raw) if raw else ""
    if "converted" in indexes and (raw := normalise(cell("converted"))):  # blank: the CRM says nothing
        if raw in TRUE_VALUES:
            fields["crm_converted"] = True
        elif raw in FALSE_VALUES:
            fields["crm_converted"] = False
        else:
            raise ValueError(f"{names['converted']} {cell('converted')!r} is neither yes nor no (e.g. 1/0, true/false)")
    if "converted_date" in indexes and (raw := cell("converted_date")):
        mapped.converted_at = parse_moment(raw, mapping.converted_date_format, now, names["converted_date"],
                                           "converted_date_format")
        fields["crm_converted"] = True
    if "stage" in indexes and (raw := cell("stage")):
        stage = mapping.stages.get(normalise(raw))
        if stage is None:
            try:
                stage = LeadStage(normalise(raw))
            except ValueError:
                unmapped.setdefault("stage", Counter())[raw] += 1
        if stage is not None:
            fields["stage"] = stage
    return mapped


def _date_is_known(cell, names: dict[str, str]) -> bool:
    """Whether the row's creation date is a real one: a ``created_known`` column saying no (as
    smarkmeet's own lead export says of a lead the CRM gave no date) makes it read as blank."""
    if "created_known" not in names:
        return True
    raw = normalise(cell("created_known"))
    if raw in TRUE_VALUES or not raw:
        return True
    if raw in FALSE_VALUES:
        return False
    raise ValueError(f"{names['created_known']} {cell('created_known')!r} is neither yes nor no (e.g. 1/0, true/false)")


def became_customer(converted: object, stage: object) -> bool:
    """Whether a CRM record says its lead converted: its converted flag, or a stage the mapping
    reads as ``customer`` (a HubSpot export has no converted column; its lifecycle stage
    Customer says it, and the funnel counts that stage as the lead report counts the verdict)."""
    return bool(converted) or stage == LeadStage.CUSTOMER.value


def outcome_of(mapping: Mapping, status: str, converted: bool | None, reason: str) -> Outcome:
    """The verdict a CRM record implies: converted wins; otherwise the status as the mapping reads it.

    A rejection takes the row's own reason when it has one, else the reason the mapping gives
    the status, else "(no reason given)".
    """
    if converted:
        return Outcome(Verdict.CONVERTED)
    outcome = mapping.status.get(normalise(status)) if status else None
    if outcome is None or outcome.verdict is None:
        return Outcome(None)
    if outcome.verdict is Verdict.REJECTED:
        return Outcome(Verdict.REJECTED, reason or outcome.reason or NO_REASON)
    return outcome


EXAMPLE_MOMENT = datetime(2026, 11, 30, 14, 5, 0)  # a day past the 12th: day and month cannot be confused


def parse_moment(text: str, formats: list[str], now: datetime, column: str, setting: str = "") -> datetime:
    """A CRM date or date-time; naive ones are local time on that date (summer time included).
    ``setting``: the mapping's key that gives other forms, named where the date is not read."""
    moment = None
    for pattern in formats:
        try:
            moment = datetime.strptime(text, pattern)
            break
        except ValueError:
            continue
    if moment is None and not formats:
        try:
            moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            for pattern in _AUTO_FORMATS:
                try:
                    moment = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
    if moment is None:
        # shown as dates written that way, not as strftime's codes ("%m/%d/%Y")
        expected = " or ".join(dict.fromkeys(EXAMPLE_MOMENT.strftime(f) for f in formats)) if formats else \
            "2026-11-30 or 2026-11-30 14:05"
        # (with no format given, said where one is given: 12/01/2026 is a day the CRM wrote its own way)
        raise ValueError(f"{column} {text!r} is not a date written as expected (like {expected}"
                         + ("" if formats or not setting else f"; {setting} in a mapping file reads other forms")
                         + ")")
    moment = moment.astimezone() if moment.tzinfo is None else moment
    # a lead "delivered" in 1800 asked the marketing SLA for 25 leads a week since then (0 % met);
    # one in 2030 waited inside the sales SLA's window for years
    if moment.year < EARLIEST_YEAR:
        raise ValueError(f"{column} {text!r} is before {EARLIEST_YEAR}: not a date a CRM gave a lead")
    if moment > now + timedelta(days=1):
        raise ValueError(f"{column} {text!r} is in the future (today is {now:%Y-%m-%d})")
    return moment


EARLIEST_YEAR = 1990  # before the first CRMs: a placeholder (1900-01-01) or a mistyped year


def _text(value: str, column: str) -> str:
    if len(value) > MAX_TEXT:
        raise ValueError(f"{column} is longer than {MAX_TEXT} characters")
    return inert(value)  # an escape sequence in a CRM export must not act on a terminal later


def fold_sources(rows: list[MappedRow], known: dict[str, str]) -> dict[str, list[str]]:
    """Give every case-variant of a source one spelling: the log's, else the file's most common.

    Returns the spelling kept → the other spellings merged into it.
    """
    counts: dict[str, Counter] = {}
    for row in rows:
        source = row.fields.get("source")
        if source:
            counts.setdefault(str(source).casefold(), Counter())[source] += 1
    canonical = {key: known.get(key) or spellings.most_common(1)[0][0] for key, spellings in counts.items()}
    merged = {
        canonical[key]: sorted(s for s in spellings if s != canonical[key])
        for key, spellings in counts.items() if set(spellings) - {canonical[key]}
    }
    if merged:
        for row in rows:
            source = row.fields.get("source")
            if source:
                row.fields["source"] = canonical[str(source).casefold()]
    return merged
