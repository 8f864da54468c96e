"""What every per-table store shares: its table, its model, adding and fetching by id."""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Generic, TypeVar

from pydantic import ConfigDict, TypeAdapter
from typing_extensions import TypedDict  # pydantic needs this one on Python < 3.12

from smarkmeet.domain.models import Record

if TYPE_CHECKING:
    from smarkmeet.store.log import Log

R = TypeVar("R", bound=Record)


class TableStore(Generic[R]):
    table: ClassVar[str]
    model: ClassVar[type[Record]]

    def __init__(self, log: "Log") -> None:
        self.log = log

    def add(self, record: R) -> R:
        """Write a new row; committed when this returns."""
        return self.log.insert(self.table, record)

    def get(self, row_id: str) -> R:
        return self.log.get(self.model, self.table, row_id)  # type: ignore[return-value]

    def update(self, row_id: str, fields: Mapping[str, Any], *, meeting_id: str | None = None) -> bool:
        """Change some fields of one row, checked by the rules of the store's model first (see
        :func:`validated_fields`): what is written is what the model would hold, and a value it
        would refuse raises ``ValidationError`` with nothing written. Fields already holding
        the value are left alone; returns whether anything changed (see ``Log.update``)."""
        return self.log.update(self.table, row_id, validated_fields(self.model, fields), meeting_id=meeting_id)


def validated_fields(model: type[Record], fields: Mapping[str, Any]) -> dict[str, Any]:
    """``fields`` as ``model`` would hold them (stripped, made inert, length-checked, …), for an update.

    A partial update is checked by the same rules as a whole record, so nothing written by
    ``UPDATE`` can make the row unreadable later. Raises pydantic's ``ValidationError``, naming
    each field at fault, before anything is written; a name that is not a field is refused too.
    Model-level validators (``model_validator``) are not run: they need the whole record.
    """
    return _fields_adapter(model).validate_python(dict(fields))


@cache
def _fields_adapter(model: type[Record]) -> TypeAdapter:
    annotations = {
        name: Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
        for name, info in model.model_fields.items()
    }
    shape = TypedDict(f"{model.__name__}Fields", annotations, total=False)  # type: ignore[misc]
    shape.__pydantic_config__ = ConfigDict(  # type: ignore[attr-defined]
        title=model.__name__, extra="forbid",
        str_strip_whitespace=bool(model.model_config.get("str_strip_whitespace")),
    )
    return TypeAdapter(shape)
