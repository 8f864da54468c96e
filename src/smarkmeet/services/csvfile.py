"""Reading a CRM's CSV export the way a spreadsheet would, or saying in words why it cannot be read.

Copes with UTF-8 with or without a byte-order mark, CRLF line ends, ``,`` ``;`` or tab
delimiters (guessed from the header line), quoted fields with line breaks, and a trailing
empty column. Rows are numbered as a spreadsheet numbers them: the header is row 1.
"""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import dataclass
from pathlib import Path

DELIMITERS = (",", ";", "\t", "|")
FIELD_LIMIT = 1_000_000  # characters in one cell; larger means the file is not what it claims


class CsvFileError(Exception):
    """The file as a whole cannot be read: nothing is imported from it."""


@dataclass(frozen=True)
class CsvTable:
    header: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    delimiter: str

    def column(self, name: str) -> int | None:
        for index, title in enumerate(self.header):
            if title == name:
                return index
        folded = name.strip().casefold()
        for index, title in enumerate(self.header):
            if title.strip().casefold() == folded:
                return index
        return None


def read_csv(path: Path, *, encoding: str = "utf-8-sig", delimiter: str | None = None) -> CsvTable:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise CsvFileError(f"no file at {path}") from None
    except IsADirectoryError:
        raise CsvFileError(f"{path} is a directory, not a CSV file") from None
    except OSError as error:
        raise CsvFileError(f"cannot read {path}: {error.strerror}") from None
    return parse_csv(data, name=str(path), encoding=encoding, delimiter=delimiter)


def row_estimate(path: Path) -> int:
    """About how many data rows ``path`` holds (its lines after the header; a quoted field with
    line breaks counts more than once): the length of an import's progress bar. 0 if unreadable."""
    try:
        with path.open("rb") as handle:
            return max(sum(1 for _ in handle) - 1, 0)
    except OSError:
        return 0


# what a file that is no CSV export starts with, as a CRM user may pick one by mistake
SAVE_AS_CSV = ": open it in Excel and save it as CSV (CSV UTF-8), or export CSV from the CRM"
_NOT_CSV = (
    (b"PK\x03\x04", "an Excel workbook (or another zip file)", SAVE_AS_CSV),
    (b"\xd0\xcf\x11\xe0", "an old Excel (.xls) workbook", SAVE_AS_CSV),
    (b"%PDF", "a PDF document", ""),
    (b"\x89PNG", "a PNG image", ""),
    (b"\xff\xd8\xff", "a JPEG image", ""),
    (b"GIF8", "a GIF image", ""),
    (b"SQLite format 3\x00", "a SQLite database", ""),
)


def parse_csv(data: bytes, *, name: str = "the file", encoding: str = "utf-8-sig", delimiter: str | None = None) -> CsvTable:
    for start, what, advice in _NOT_CSV:
        if data.startswith(start):  # before any advice about its encoding, which could not help
            raise CsvFileError(f"{name} is {what}, not a CSV export{advice}")
    text = _decode(data, name, encoding)
    if not text.strip():
        raise CsvFileError(f"{name} is empty")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        raise CsvFileError(_holds_nul(name, line))
    delimiter = delimiter or guess_delimiter(text)
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    rows: list[tuple[int, list[str]]] = []
    read_to = 0  # the last line of the last record read whole
    try:
        header = next(reader)
        read_to = reader.line_num
        number = 1
        for cells in reader:
            number += 1
            read_to = reader.line_num
            if not "".join(cells).strip():
                continue  # a blank line, e.g. at the end of the file
            rows.append((number, cells))
    except csv.Error as error:
        if "unexpected end of data" in str(error):  # said at the file's last line: where the quote opened
            raise CsvFileError(
                f"{name} is not valid CSV: a quote opened on line {read_to + 1} is never closed (the rest of the "
                "file read as one cell); nothing was imported"
            ) from None
        if "field larger than field limit" in str(error):  # csv's words for it: "field limit (1000000)"
            raise CsvFileError(
                f"{name} has a cell of more than {FIELD_LIMIT:,} characters by line {reader.line_num}: a quote "
                "opened and never closed (the rest of the file read as one cell), or no CRM export; nothing "
                "was imported"
            ) from None
        raise CsvFileError(
            f"{name} is not valid CSV at line {reader.line_num}: {error}; nothing was imported"
        ) from None
    header = [title.strip() for title in header]
    while header and not header[-1]:
        header.pop()  # the trailing empty column some CRMs write
    if not any(header):
        raise CsvFileError(f"{name} has no header row")
    return CsvTable(header=header, rows=rows, delimiter=delimiter)


def guess_delimiter(text: str) -> str:
    """The delimiter that splits the header line into the most columns (outside quotes)."""
    first = _first_record(text)
    counts = {d: _count_outside_quotes(first, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _first_record(text: str) -> str:
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return text[:index]
    return text


def _count_outside_quotes(line: str, delimiter: str) -> int:
    count, quoted = 0, False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif char == delimiter and not quoted:
            count += 1
    return count


def _holds_nul(name: str, line: int) -> str:
    return f"{name} holds a NUL byte on line {line}: it is not a text CSV file (is it a spreadsheet?)"


def _decode(data: bytes, name: str, encoding: str) -> str:
    if encoding.replace("-", "").lower() in ("utf8", "utf8sig") and data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _decode(data, name, "utf-16")
    if encoding.replace("-", "").lower() in ("utf8", "utf8sig") and data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]  # so a bad byte is reported at its place in the file after the mark
        encoding = "utf-8"
    try:
        wide = codecs.lookup(encoding).name.startswith(("utf-16", "utf-32"))
    except LookupError:
        raise CsvFileError(f"unknown encoding {encoding!r}") from None
    if wide and data and b"\x00" not in data[:4096]:
        # a UTF-8 file read as UTF-16 decodes without an error, into one line of CJK characters,
        # and was then refused as "a cell of more than 1,000,000 characters… a quote never closed"
        raise CsvFileError(
            f"{name} is not {codecs.lookup(encoding).name.upper().replace('_', '-')} text: it has none of the zero "
            "bytes that encoding writes beside each Latin letter (is it UTF-8? then give no encoding, or utf-8)")
    try:
        return data.decode(encoding)
    except LookupError:
        raise CsvFileError(f"unknown encoding {encoding!r}") from None
    except UnicodeDecodeError as error:
        nul = data.find(b"\x00")
        if nul >= 0:  # a program or another binary file: no encoding would make it a CSV export
            raise CsvFileError(_holds_nul(name, data.count(b"\n", 0, nul) + 1)) from None
        line = data.count(b"\n", 0, error.start) + 1
        utf8 = codecs.lookup(encoding).name in ("utf-8", "utf-8-sig")  # utf_8, UTF8-SIG…
        hint = ("save it as UTF-8, or give its encoding (e.g. cp1252: in the import screen's encoding field, "
                "or --encoding cp1252 on the command line)") if utf8 else \
            "is it the CRM's CSV export? Save it as UTF-8, or give the encoding it was saved in"
        raise CsvFileError(
            f"{name} is not {encoding.removesuffix('-sig').upper()} text (byte 0x{data[error.start]:02x} on line {line}); "
            + hint
        ) from None
