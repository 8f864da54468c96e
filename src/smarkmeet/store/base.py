"""What every per-table store shares: its table, its model, adding and fetching by id."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Generic, TypeVar

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
