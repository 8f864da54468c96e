"""How a CRM export's columns and values map onto smarkmeet's leads: presets and TOML mapping files.

A mapping names, for each lead field, the CSV column that feeds it (or a list of
candidate columns, the first present wins), and maps values: a CRM status to a
verdict (``"accepted"``, ``"rejected: no budget"``, ``""`` for no verdict yet), a CRM
stage to a funnel stage, and which values mean "blank". Status, reason and stage
values match ignoring case and runs of spaces.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, ValidationError, field_validator, model_validator

from smarkmeet.domain.enums import LeadStage, Verdict
from smarkmeet.domain.errors import describe

PRESETS = ("hubspot", "salesforce", "generic")
FIELDS = (
    "crm_id", "name", "first_name", "last_name", "company", "email", "source", "created", "created_known",
    "owner", "status", "reason", "converted", "converted_date", "stage",
)
TRUE_VALUES = frozenset({"1", "true", "yes", "y", "t", "won", "closed won", "converted"})
FALSE_VALUES = frozenset({"0", "false", "no", "n", "f"})
NO_REASON = "(no reason given)"


class MappingError(Exception):
    """A mapping that cannot be used, described in words."""


def normalise(value: str) -> str:
    """How mapped values are compared: trimmed, case-folded, runs of spaces as one."""
    return " ".join(value.split()).casefold()


@dataclass(frozen=True)
class Outcome:
    """What a CRM status means for smarkmeet: a verdict (or none yet) and, for a rejection, why."""

    verdict: Verdict | None
    reason: str = ""

    @classmethod
    def parse(cls, text: str) -> "Outcome":
        head, _, reason = text.partition(":")
        head = head.strip().lower()
        if not head:
            return cls(None)
        try:
            verdict = Verdict(head)
        except ValueError:
            choices = ", ".join(v.value for v in Verdict)
            raise ValueError(f"{text!r} is not a verdict (use one of {choices}, \"rejected: reason\" or \"\")") from None
        if reason.strip() and verdict is not Verdict.REJECTED:
            raise ValueError(f"{text!r}: only a rejection carries a reason")
        return cls(verdict, reason.strip())


class Mapping(BaseModel):
    """A validated mapping; build one with :func:`load_mapping` or :func:`preset`."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = "mapping"
    missing_columns: Literal["error", "skip"] = "error"
    blank: list[str] = Field(default_factory=lambda: [""])
    fold_source_case: bool = False
    created_format: list[str] = Field(default_factory=list)
    converted_date_format: list[str] = Field(default_factory=list)
    unmapped_status: Literal["warn", "reject"] = "warn"
    columns: dict[str, list[str]]
    status: dict[str, Outcome] = Field(default_factory=dict)
    reasons: dict[str, str] = Field(default_factory=dict)
    stages: dict[str, LeadStage] = Field(default_factory=dict)
    _file: str = PrivateAttr(default="")  # the mapping file it was read from ("" for a preset)

    @field_validator("created_format", "converted_date_format", mode="before")
    @classmethod
    def _one_or_many(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("columns", mode="before")
    @classmethod
    def _known_fields(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        unknown = sorted(set(value) - set(FIELDS))
        if unknown:
            raise ValueError(f"unknown field(s) {', '.join(unknown)}; the fields are {', '.join(FIELDS)}")
        if "crm_id" not in value:
            raise ValueError("crm_id must name the column holding the CRM's lead id")
        odd = sorted(field for field, names in value.items() if not isinstance(names, str | list)
                     or (isinstance(names, list) and not all(isinstance(name, str) for name in names)))
        if odd:
            raise ValueError(f"{', '.join(odd)}: give a column name in quotes, or a list of them "
                             '(crm_id = "Lead ID" or crm_id = ["Lead ID", "Id"])')
        columns = {field: [names] if isinstance(names, str) else names for field, names in value.items()}
        empty = sorted(field for field, names in columns.items() if isinstance(names, list) and not names)
        if empty:
            raise ValueError(f"{', '.join(empty)}: name at least one column")
        return columns

    @field_validator("status", mode="before")
    @classmethod
    def _outcomes(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {normalise(key): Outcome.parse(str(text)) for key, text in value.items()}

    @field_validator("reasons", "stages", mode="before")
    @classmethod
    def _normalised_keys(cls, value: object) -> object:
        if not isinstance(value, dict):
            return value
        return {normalise(key): text for key, text in value.items()}

    @model_validator(mode="after")
    def _dates_alike(self) -> "Mapping":
        """A CRM writes its conversion dates the way it writes its creation dates."""
        if not self.converted_date_format and self.created_format:
            object.__setattr__(self, "converted_date_format", list(self.created_format))
        return self

    @property
    def blanks(self) -> frozenset[str]:
        return frozenset(normalise(value) for value in self.blank)


def preset(name: str) -> Mapping:
    if name not in PRESETS:
        raise MappingError(f"unknown preset {name!r}; the presets are {', '.join(PRESETS)}")
    return _parse(preset_text(name), f"preset {name}")


def preset_text(name: str) -> str:
    """The preset as a TOML file, to copy and edit."""
    if name not in PRESETS:
        raise MappingError(f"unknown preset {name!r}; the presets are {', '.join(PRESETS)}")
    return resources.files("smarkmeet.presets").joinpath(f"{name}.toml").read_text(encoding="utf-8")


def load_mapping(path: Path) -> Mapping:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise MappingError(f"no mapping file at {path}") from None
    except UnicodeDecodeError:
        raise MappingError(f"{path} is not UTF-8 text") from None
    except OSError as error:
        raise MappingError(f"cannot read {path}: {error.strerror}") from None
    mapping = _parse(text, str(path))
    mapping = mapping if "name" in tomllib.loads(text) else mapping.model_copy(update={"name": path.stem})
    mapping._file = str(path)
    return mapping


def _parse(text: str, where: str) -> Mapping:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise MappingError(f"{where} is not a TOML mapping file ({error}); "
                           "`smarkmeet leads mapping generic` prints one to start from") from None
    try:
        return Mapping.model_validate(data)
    except ValidationError as error:
        raise MappingError(f"{where}: {describe(error, keys_as_typed=True)}") from None
