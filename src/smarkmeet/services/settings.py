"""The team's agreements the log keeps as settings: what each means, its default, and how a typed value is read."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from smarkmeet.domain.enums import DEFAULT_REJECTION_REASONS
from smarkmeet.domain.inert import inert
from smarkmeet.domain.periods import REVIEWED_PERIODS
from smarkmeet.services.funnel import DEFAULT_RATES
from smarkmeet.store.log import Log
from smarkmeet.store.overview import DEFAULT_LEAD_CARRY_WEEKS


class SettingError(ValueError):
    pass


def _positive(kind: type, most: float, *, money: bool = False) -> Callable[[str], Any]:
    """A number above 0 and at most ``most``; ``money``: written as a goal's amount may be (€12,000)."""
    def read(text: str, currency: str = "") -> Any:
        if kind is float:  # read as a goal's figures are: 12,000 and €12,000 yes; 12.000 and 1,2 asked about
            from smarkmeet.domain.enums import Unit
            from smarkmeet.services.goals import GoalError, parse_amount

            try:  # (money in the team's currency too: INR 60,000)
                value = parse_amount(text, Unit.CURRENCY if money else Unit.COUNT, what="value", currency=currency)
            except GoalError as error:
                raise SettingError(str(error)) from None
        else:
            try:
                value = kind(text.strip())
            except ValueError:
                raise SettingError(f"{text!r} is not a whole number") from None
        if not math.isfinite(value):
            raise SettingError(f"{text!r} is not a number the log can hold")
        if value <= 0:
            raise SettingError("must be a number greater than 0")
        if value > most:
            raise SettingError(f"must be at most {most:,g}")
        return value
    return read


_HOURS_AT_MOST = 24 * 366


def _hours(text: str) -> int:
    """Whole hours, with or without the unit: 48, 48h, 48 h, 48 hours ("24h" was refused)."""
    import re

    number = re.sub(r"\s*(h|hrs?|hours?)$", "", text.strip(), flags=re.IGNORECASE)
    return _positive(int, _HOURS_AT_MOST)(number or text)


def _weeks(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise SettingError(f"{text!r} is not a whole number of weeks") from None
    if not 0 <= value <= 520:
        raise SettingError("must be between 0 and 520 weeks")
    return value


def _funnel_rates(text: str) -> dict[str, float]:
    """A JSON object of default stage rates, e.g. {"sql_to_customer": 0.3}."""
    keys = ("mql_to_sal", "sal_to_sql", "sql_to_customer")
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        raise SettingError('give a JSON object, e.g. {"sql_to_customer": 0.3}') from None
    if not isinstance(value, dict) or not value:
        raise SettingError('give a JSON object, e.g. {"sql_to_customer": 0.3}')
    unknown = sorted(set(value) - set(keys))
    if unknown:
        raise SettingError(f"unknown stage(s) {', '.join(unknown)}; the stages are {', '.join(keys)}")
    for key, rate in value.items():
        if isinstance(rate, bool) or not isinstance(rate, (int, float)) or not 0 < rate <= 1:
            raise SettingError(f"{key} must be a rate above 0 and at most 1, e.g. 0.3")
    return {key: float(rate) for key, rate in value.items()}


def _share(text: str) -> float:
    from smarkmeet.domain.metrics import ShareError, read_share

    try:
        return read_share(text)
    except ShareError as error:
        cleaned = text.strip().removesuffix("%")
        raise SettingError({
            "number": f"{text!r} is not a number (e.g. 90% or 0.9)",
            "two ways": f"{text.strip()!r} reads two ways: type it as {cleaned}% or as a share such as 0.9",
        }.get(error.kind, "must be above 0% and at most 100%")) from None


def _reasons(text: str) -> list[str]:
    reasons = [inert(part.strip()) for part in text.split(",") if part.strip()]
    if not reasons:
        raise SettingError("give at least one reason, separated by commas")
    seen: dict[str, str] = {}
    for reason in reasons:
        first = seen.get(reason.casefold())
        if first is not None:  # named: a list of ten was searched by eye
            twice = f"“{first}”" if first == reason else f"“{first}” and “{reason}”"
            raise SettingError(f"a reason is listed twice: {twice}")
        seen[reason.casefold()] = reason
    return reasons


def _currency(text: str) -> str:
    sign = text.strip()
    if not sign or len(sign) > 5 or any(char.isdigit() or char.isspace() for char in sign):
        raise SettingError("give a sign (€, $, £) or a code such as CHF: up to 5 characters, no digits")
    if sign.isascii() and sign.isalpha() and len(sign) == 3:  # an ISO code, as money is written: chf → CHF
        sign = sign.upper()  # ("chf 60,000" on the scorecard)
    return inert(sign)


def _one_of(choices: tuple[str, ...]) -> Callable[[str], str]:
    """One of a few words, in any case."""
    def read(text: str) -> str:
        word = text.strip().casefold()
        if word not in choices:
            raise SettingError(f"{text.strip()!r} is not one of {' or '.join(choices)}")
        return word
    return read


TEAM_NAME_AT_MOST = 60  # characters: the title bar cut a 300-character name anyway


def _name(text: str) -> str:
    if not text.strip():
        raise SettingError("must not be empty")
    if len(text.strip()) > TEAM_NAME_AT_MOST:
        raise SettingError(f"a team name is at most {TEAM_NAME_AT_MOST} characters; this one has {len(text.strip())}")
    return inert(text.strip())  # shown in the title bar, printed by `smarkmeet settings`: never obeyed


@dataclass(frozen=True)
class Setting:
    key: str
    meaning: str
    default: Any
    read: Callable[[str], Any]


SETTINGS: dict[str, Setting] = {s.key: s for s in (
    Setting("team_name", "Shown in the app's title bar", "", _name),
    Setting("currency", "The sign money goals are shown with (€, $, £, or a code such as CHF)", "", _currency),
    Setting("weekly_lead_target", "Qualified leads marketing agreed to deliver per week (marketing SLA)", None,
            _positive(float, 1e9)),
    Setting("sales_sla_hours", "Hours sales has to give a delivered lead its first verdict (sales SLA)", 48,
            _hours),
    Setting("lead_carry_weeks", "Weeks a lead still without a verdict stays in the meeting's lead review "
            "after the week it was delivered (0: only that week's)", DEFAULT_LEAD_CARRY_WEEKS, _weeks),
    Setting("sales_sla_target", "Share of leads that must get a verdict in time (e.g. 90%)", 0.9, _share),
    Setting("average_deal_size", "Revenue per new customer, for revenue goals' funnel targets", None,
            _positive(float, 1e12, money=True)),
    Setting("funnel_default_rates", "Stage rates used when too few leads measure one (JSON)",
            dict(DEFAULT_RATES), _funnel_rates),
    Setting("goal_review_period", "Which period the meeting's goal review enters actuals for: last (the whole "
            "week or month before the meeting's) or current (the one the meeting falls in)", "last",
            _one_of(REVIEWED_PERIODS)),
    Setting("rejection_reasons", "Reasons sales may give for rejecting a lead (comma-separated)",
            list(DEFAULT_REJECTION_REASONS), _reasons),
)}


def shown(value: Any, key: str | None = None, currency: str = "") -> str:
    """A setting's value as `smarkmeet settings` prints it, as it is typed (so it can be copied
    back): ``none`` when unset or empty, a share as a percentage (``key`` says which are), money
    as a goal's is, in the team's ``currency`` (``€12,000``, ``CHF 12,500.5``), a whole number
    without ``.0``, a list comma-separated, text as it is; only the stage rates, typed as JSON,
    are JSON."""
    if value is None or value == "":
        return "none"
    if key in MONEY and isinstance(value, (int, float)):
        from smarkmeet.domain.metrics import with_currency

        return with_currency(format(Decimal(_plain(float(value))), ",f"), currency)  # (its decimals kept, unlike a goal's)
    if key is not None and SETTINGS[key].read is _share:
        return f"{_plain(round(value * 100, 10))}%"
    if isinstance(value, float):
        return _plain(value)
    if isinstance(value, list):
        return ", ".join(str(part) for part in value)
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _plain(number: float) -> str:
    """A number as it would be typed: ``0.00001``, not ``1e-05``; ``12000``, not ``12000.0``."""
    if number.is_integer():
        return str(int(number))
    return format(Decimal(repr(number)), "f")


def describe_keys() -> str:
    return ", ".join(SETTINGS)


def current(log: Log) -> list[tuple[Setting, Any, bool]]:
    """Every setting with its value and whether that value is the default."""
    shown = []
    for setting in SETTINGS.values():
        value = log.setting(setting.key, None)
        shown.append((setting, setting.default if value is None else value, value is None))
    return shown


def reset(log: Log, key: str) -> Any:
    """Back to the default (no row in ``settings``; the removal recorded in ``changes``); returns it."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise SettingError(f"no setting {key!r}; the settings are {describe_keys()}")
    log.clear_setting(key)
    return setting.default


def currency_note(log: Log, before: Any, after: Any) -> str:
    """What a new ``currency`` means for the amounts already in the log, or "": they are not
    converted, so each money goal's target and actuals (and a money setting) now read in it."""
    if (before or "") == (after or ""):
        return ""
    goals = log.one("SELECT count(*) AS n FROM goals WHERE unit = 'currency'")["n"]
    money = [key for key in sorted(MONEY) if log.setting(key, None) is not None]
    plural = "s" if goals != 1 else ""
    parts = ([f"{goals} money goal{plural} (target{plural} and actuals)"] if goals else []) + money
    if not parts:
        return ""
    said = " and ".join(parts)
    return f"amounts are not converted: {said} now read {f'in {after}' if after else 'with no currency'}"


MONEY = frozenset({"average_deal_size"})  # written as money is: INR 60,000 where the team's currency is INR


def change(log: Log, key: str, text: str) -> Any:
    """Set ``key`` to ``text`` as the setting reads it. ``none`` (as an unset value prints) unsets
    a setting that has no value by default; one with a default is told to use --default."""
    setting = SETTINGS.get(key)
    if setting is None:
        raise SettingError(f"no setting {key!r}; the settings are {describe_keys()}")
    if text.strip().casefold() == "none":
        if setting.default in (None, ""):
            return reset(log, key)
        raise SettingError(f"{key} cannot be none; `smarkmeet settings {key} --default` sets it back to "
                           f"{shown(setting.default, key)}")
    try:
        # a money setting is written as a goal's money is: in the team's currency, or a sign (€12,000)
        from smarkmeet.services.goals import currency

        value = setting.read(text, currency(log)) if key in MONEY else setting.read(text)
    except SettingError as error:
        raise SettingError(f"{key}: {error}") from None
    held = log.setting(key, None)
    if held is not None and held == value:  # 12000 typed over 12000.0: nothing written, the type kept
        return held
    if held is None and value == setting.default:  # the default typed: it stays the default, unwritten
        return setting.default
    log.set_setting(key, value)
    return value
