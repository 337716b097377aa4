"""Named errors a user can cause: bad data files and bad parameters."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One problem found in a data file: where it is, what was found, what rule it breaks."""

    file: str
    rule: str
    line: int | None = None
    column: str | None = None
    value: str | None = None

    def __str__(self) -> str:
        """Render as ``file, line N, column 'c': value 'v' <rule>``."""
        where = [self.file]
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column '{self.column}'")
        head = ", ".join(where)
        if self.value is not None:
            return f"{head}: value {self.value!r}: {self.rule}"
        return f"{head}: {self.rule}"


class DataValidationError(ValueError):
    """The data files break the schema or a cross-table rule; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        lines = "\n".join(f"  - {p}" for p in self.problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data:\n{lines}")


class ParameterError(ValueError):
    """A notebook parameter has an unknown name, the wrong type or a value not allowed."""
