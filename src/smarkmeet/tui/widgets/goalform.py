"""The goal form: add or edit a goal. It checks what it can read, hands the fields to ``save``,
and stays open with the typed text and the problem in words until ``save`` takes them."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widgets import Button, Input, Label, Static

from smarkmeet.domain.enums import GoalOwner, Period, Unit
from smarkmeet.domain.metrics import amount
from smarkmeet.domain.models import Goal
from smarkmeet.tui.widgets.dialogs import DEFINE_IN_A_DIALOG
from smarkmeet.tui.widgets.fields import ChoiceField, EnterField, MouseButton

# Takes the form's fields; returns None once the goal is saved, else a sentence saying what is wrong.
Save = Callable[[dict[str, Any]], str | None]

METRICS = ["revenue", "customers", "mqls", "sals", "sqls", "pipeline"]
# The field a problem is about, from how the service's sentence starts.
_FIELD_OF_PROBLEM = {
    "name": "#goal-name", "there is already a goal named": "#goal-name", "metric": "#goal-metric",
    "target": "#goal-target", "type a target": "#goal-target", "amber threshold": "#goal-amber",
    "amber from": "#goal-amber", "description": "#goal-description",
}


class GoalForm(ModalScreen[bool]):
    """Dismisses with True once saved, False when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="goalform.cancel", tooltip="Close the form without saving"),
        Binding("ctrl+s", "save", "Save", id="goalform.save", tooltip="Save the goal (Enter in a field too)"),
        DEFINE_IN_A_DIALOG,
    ]

    def __init__(self, title: str, save: Save, goal: Goal | None = None) -> None:
        super().__init__()
        self.form_title = title
        self.save = save
        self.goal = goal
        self._kept_figure: tuple[Unit, str] | None = None  # a unit changed under the same figure, said once
        self._unit_said = ""  # a new goal's target whose sign set its unit (said once; see fields)

    def compose(self) -> ComposeResult:
        goal = self.goal
        with Vertical(id="goal-form"):
            yield Static(Text(self.form_title, style="bold"), id="goal-form-title")  # names the goal: never markup
            with Grid(id="goal-form-grid"):
                yield Label("Name")
                yield self._field(goal.name if goal else "", "goal-name", "e.g. New customers")
                yield Label("Metric")
                yield self._field(goal.metric if goal else "", "goal-metric", "revenue, customers, mqls, sals, …",
                                  suggester=SuggestFromList(METRICS, case_sensitive=False))
                yield Label("Target")
                yield self._field(f"{goal.target:,.15g}" if goal else "", "goal-target", "per period, e.g. 25 or 60,000")
                yield Label("Unit")
                yield self._choice([unit.value for unit in Unit], "goal-unit", (goal.unit if goal else Unit.COUNT).value)
                yield Label("Owner")
                yield self._choice([side.value for side in GoalOwner], "goal-owner",
                                   (goal.owner_side if goal else GoalOwner.SHARED).value)
                yield Label("Period")
                yield self._choice([period.value for period in Period], "goal-period",
                                   (goal.period if goal else Period.WEEKLY).value)
                yield Label("Amber from")
                # as a percentage, as the scorecard and the goal screens say it ("amber from 80%")
                yield self._field(f"{(goal.amber_threshold if goal else 0.8) * 100:g}%", "goal-amber",
                                  "share of target that shows amber, e.g. 80% or 0.8")
                yield Label("Description")
                yield self._field(goal.description if goal else "", "goal-description", "what it counts, in a sentence")
            yield Static(id="goal-form-error")
            with Horizontal(id="goal-form-buttons"):
                yield MouseButton("Save", variant="primary", id="goal-form-save", compact=True)
                yield MouseButton("Cancel", id="goal-form-cancel", compact=True)
                yield Static("Enter saves · Esc cancels", classes="hint")

    def _field(self, value: str, id: str, placeholder: str, **kwargs) -> EnterField:
        """A field whose Enter saves the form at once: keys typed straight after it go where the
        save leads (the goals screen, or the field a problem is about), not onto this field."""
        return EnterField(value, entered=self.action_save, id=id, compact=True, placeholder=placeholder, **kwargs)

    def _choice(self, values: list[str], id: str, value: str) -> ChoiceField:
        return ChoiceField([(choice, choice) for choice in values], id=id, value=value, entered=self.action_save)

    def on_mount(self) -> None:
        self.query_one("#goal-name", Input).focus()

    def _text(self, selector: str) -> str:
        return self.query_one(selector, Input).value

    def fields(self) -> dict[str, Any] | str:
        """What was typed, read as a goal's fields; a sentence instead when one cannot be read
        (in the form's order: the name, the metric, the target in the goal's unit, the amber threshold)."""
        from smarkmeet.services.goals import GoalError, currency, implied_unit, parse_amber, parse_target

        if not self._text("#goal-name").strip():
            return "Name: type the goal's name, e.g. New customers."
        if not self._text("#goal-metric").strip():
            return "Metric: type what the goal counts, e.g. revenue, customers or mqls."
        typed = self._text("#goal-target").strip()
        if not typed:
            return "Type a target for each period, e.g. 25 or 60,000."
        unit = Unit(self.query_one("#goal-unit", ChoiceField).value)
        sign = currency(self.app.store)  # INR 60,000 where the team counts in INR
        implied = implied_unit(typed, currency=sign, metric=self._text("#goal-metric"))
        if self.goal is None and unit is Unit.COUNT and implied is not None and self._unit_said != typed:
            # a new goal's unit left at count, its target typed €60,000 or 90%: the sign says the
            # unit, which is set and said once (Enter again saves; count chosen again stays) — unless
            # the figure cannot be taken in it (€ where the team counts in CHF): said at once, not
            # "Enter saves" and then refused
            try:
                parse_target(typed, implied, currency=sign)
            except GoalError as error:
                return f"Target {error}"
            self._unit_said = typed
            self.query_one("#goal-unit", ChoiceField).value = implied.value
            said = ('a percentage' if implied is Unit.PERCENT else 'an amount of money'
                    if implied_unit(typed, currency=sign) else f'a {self._text("#goal-metric").strip()} figure')
            return (f"Unit: “{typed}” is {said}, so the unit is now {implied.value}; Enter saves (or choose another "
                    "unit).")
        try:
            target = parse_target(typed, unit, currency=sign)
            amber = parse_amber(self._text("#goal-amber"))
        except GoalError as error:
            problem = str(error)
            return problem if problem.startswith("amber from") else f"Target {problem}"
        goal = self.goal
        if goal is not None and unit is not goal.unit and target == goal.target and self._kept_figure != (unit, typed):
            # 60,000 leads left as it was would read 60000 %: said once; saving again keeps the figure
            self._kept_figure = (unit, typed)
            return (f"Target: {amount(goal.target, goal.unit)} was typed as {goal.unit.value}; in {unit.value} it reads "
                    f"{amount(target, unit)}. Type the target in {unit.value}, or save again to keep the figure.")
        return {
            "name": self._text("#goal-name"), "metric": self._text("#goal-metric"), "target": target,
            "unit": unit.value,
            "owner_side": self.query_one("#goal-owner", ChoiceField).value,
            "period": self.query_one("#goal-period", ChoiceField).value,
            "amber_threshold": amber, "description": self._text("#goal-description"),
        }

    def show_problem(self, problem: str) -> None:
        """Say what is wrong and put the cursor in the field it is about; the typed text stays."""
        # the problem often quotes what was typed (a name): shown as text, never read as markup
        self.query_one("#goal-form-error", Static).update(Text(f"⚠ {problem[:1].upper() + problem[1:]}"))
        for field in self.query(Input):
            field.remove_class("-invalid")
        lowered = problem.lower()
        for start, selector in _FIELD_OF_PROBLEM.items():
            if lowered.startswith(start):
                field = self.query_one(selector, Input)
                field.add_class("-invalid")
                field.focus()
                return

    @on(Button.Pressed, "#goal-form-save")
    def action_save(self) -> None:
        fields = self.fields()
        problem = fields if isinstance(fields, str) else self.save(fields)
        if problem:
            self.show_problem(problem)
        else:
            self.dismiss(True)

    @on(Button.Pressed, "#goal-form-cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
