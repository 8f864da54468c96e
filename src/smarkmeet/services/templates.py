"""Meeting templates: the built-in weekly and monthly ones plus TOML files in the config directory."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from pydantic import ValidationError

from smarkmeet.domain.agenda import BUILT_IN, MeetingTemplate
from smarkmeet.domain.errors import describe


@dataclass(frozen=True)
class TemplateProblem:
    path: Path
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.path}, line {self.line}" if self.line else str(self.path)
        return f"{where}: {self.message}"


def load_templates(directory: Path | None) -> tuple[dict[str, MeetingTemplate], list[TemplateProblem]]:
    """Built-ins, overridden or extended by ``*.toml`` files; bad files are reported and skipped."""
    templates = dict(BUILT_IN)
    problems: list[TemplateProblem] = []
    if directory is None or not directory.is_dir():
        return templates, problems
    for path in sorted(directory.glob("*.toml")):
        try:
            text = path.read_text(encoding="utf-8-sig")  # the BOM some Windows editors write is not TOML
            data = tomllib.loads(text)
        except UnicodeDecodeError:
            problems.append(TemplateProblem(path, None, "is not UTF-8 text"))
            continue
        except OSError as error:
            problems.append(TemplateProblem(path, None, f"cannot be read ({error.strerror})"))
            continue
        except tomllib.TOMLDecodeError as error:
            match = re.search(r"at line (\d+)", str(error))
            message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(error))
            problems.append(TemplateProblem(path, int(match.group(1)) if match else None, message))
            continue
        except (ValueError, RecursionError):
            # tomllib's limits rather than TOML errors: an integer of over 4,300 digits, nesting deeper than the stack
            problems.append(TemplateProblem(path, None, "holds a number too long or values nested too deep to read"))
            continue
        data.setdefault("name", path.stem)
        try:
            template = MeetingTemplate.model_validate(data)
        except ValidationError as error:
            first = error.errors()[0]
            problems.append(TemplateProblem(path, _line_of(text, first["loc"], missing=first["type"] == "missing"),
                                            describe(error, keys_as_typed=True)))
            continue
        templates[template.name] = template
    return templates, problems


def _line_of(text: str, loc: tuple, *, missing: bool = False) -> int | None:
    """Best guess at the line a validation error points to: the key, within the n-th [[sections]]
    (or before the first table, for the template's own keys); a key that is ``missing`` is on no
    line, so its section's header (or no line at all)."""
    lines = text.splitlines()
    start = 0
    if len(loc) >= 2 and loc[0] == "sections" and isinstance(loc[1], int):
        headers = [i for i, line in enumerate(lines) if line.strip() == "[[sections]]"]
        if loc[1] < len(headers):
            start = headers[loc[1]]
    key = next((part for part in reversed(loc) if isinstance(part, str)), None)
    if key is None or missing:
        return start + 1 if start else None
    # within that table only: a section's title is not the template's
    end = next((i for i in range(start + 1, len(lines)) if lines[i].lstrip().startswith("[")), len(lines))
    for i in range(start, end):
        if re.match(rf"\s*{re.escape(key)}\s*=", lines[i]):
            return i + 1
    return start + 1 if start else None
