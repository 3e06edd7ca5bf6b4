"""Problems found in input, as data: the caller decides to refuse, keep old data, or answer 400."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong with one place in a file: `file:line: field: message`."""

    file: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.field}: {self.message}"


class DataError(Exception):
    """Raised when data files cannot be used; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__(f"{len(problems)} problem(s) in the data:\n" + format_problems(problems))


def format_problems(problems: list[Problem]) -> str:
    """One problem a line, in file and line order."""
    return "\n".join(str(p) for p in sorted(problems))
