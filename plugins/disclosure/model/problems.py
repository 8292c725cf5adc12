"""Problems found in content and data, reported as ``path:line: field: message``.

Every check appends to one ``Problems`` collector, so a single run reports
everything at once (the error contract in DESIGN §8).
"""

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Problem:
    path: str
    line: int
    field: str
    message: str
    severity: str = ERROR

    def __str__(self):
        label = "" if self.severity == ERROR else "警告："
        return f"{self.path}:{self.line}: {self.field or '-'}: {label}{self.message}"


@dataclass
class Problems:
    items: list = field(default_factory=list)

    def error(self, path, line, field_name, message):
        self.items.append(Problem(str(path), line or 1, field_name, message))

    def warning(self, path, line, field_name, message):
        self.items.append(Problem(str(path), line or 1, field_name, message, WARNING))

    @property
    def errors(self):
        return [p for p in self.items if p.severity == ERROR]

    @property
    def warnings(self):
        return [p for p in self.items if p.severity == WARNING]

    def fails(self, strict=False):
        return bool(self.errors or (strict and self.warnings))

    def report(self):
        """All problems sorted by file and line, then a one-line count."""
        lines = [str(p) for p in sorted(set(self.items))]
        errors, warnings = len(set(self.errors)), len(set(self.warnings))
        if errors or warnings:
            lines.append(f"共发现 {errors} 个错误，{warnings} 个警告。")
        else:
            lines.append("检查通过：没有发现问题。")
        return "\n".join(lines)


class ContentError(Exception):
    """Raised inside a build when content does not pass the checks."""

    def __init__(self, problems):
        super().__init__(problems.report())
        self.problems = problems
