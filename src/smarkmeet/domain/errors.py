"""Turning validation failures into sentences a facilitator can act on."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only named: the app's first frame is painted before pydantic is imported
    from pydantic import ValidationError


class RefusedInWords(Exception):
    """Something asked of smarkmeet that it will not do as asked; ``str(error)`` says why and what
    to do instead. The command line shows it as one line on stderr (exit code 2), the app in a
    notice or in the form that asked."""

_FRIENDLY = {
    "string_too_short": "must not be empty",
    "string_too_long": "must be at most {max_length} characters",
    "missing": "is required",
    "date_from_datetime_parsing": "is not a date (use YYYY-MM-DD)",
    "date_parsing": "is not a date (use YYYY-MM-DD)",
    "datetime_parsing": "is not a date and time",
    "string_pattern_mismatch": "may only hold letters, digits, '.', '_' and '-'",
    "enum": "must be one of {expected}",
    "greater_than": "must be greater than {gt}",
    "greater_than_equal": "must be at least {ge}",
    "less_than_equal": "must be at most {le}",
    "float_parsing": "must be a number",
    "int_parsing": "must be a whole number",
    # a mapping file's values (TOML) of the wrong kind
    "list_type": "must be a list",
    "string_type": "must be text in quotes",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "int_type": "must be a whole number",
    "float_type": "must be a number",
    "dict_type": "must be a table of names and values",
    "literal_error": "must be one of {expected}",
    "extra_forbidden": "is not a setting this file can have",
}


def describe(error: ValidationError, *, keys_as_typed: bool = False) -> str:
    """One readable line per problem, e.g. ``title must not be empty``. ``keys_as_typed``: the
    fields are a file's keys (a mapping, a template) and are named as written there
    (``fold_source_case``), not as words."""
    lines = []
    for problem in error.errors():
        field = ".".join(str(part) for part in problem["loc"]) or "value"
        template = _FRIENDLY.get(problem["type"])
        if template is None:
            message = problem["msg"].removeprefix("Value error, ")
            lines.append(message if field == "value" else f"{field}: {message}")
            continue
        context = {key: value for key, value in (problem.get("ctx") or {}).items()}
        said = f"{field if keys_as_typed else field.replace('_', ' ')} {template.format(**context)}"
        if problem["type"] == "string_too_long" and isinstance(problem.get("input"), str):
            said += f"; this one has {len(problem['input'].strip()):,}"  # how much to cut
        lines.append(said)
    return "; ".join(lines)
