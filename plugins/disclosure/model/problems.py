"""Problems found in content and data, reported as ``path:line: field: message``.

Every check appends to one ``Problems`` collector, so a single run reports
everything at once (the error contract in DESIGN §8). An unexpected exception is
not a traceback either: ``processing`` marks it with the file being read or written,
and ``internal_error`` turns it into one such line.
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


FILE_ATTRIBUTE = "disclosure_file"  # set on an exception: the file being processed when it was raised


class processing:  # lower case, as contextlib names its context managers
    """Mark any exception raised inside with ``path`` (the innermost mark wins). A class, not a
    generator: it is entered for every file in every stage, and a generator's costs six times as much."""

    __slots__ = ("path",)

    def __init__(self, path):
        self.path = path

    def __enter__(self):
        return None

    def __exit__(self, kind, exc, traceback):
        if isinstance(exc, Exception) and not hasattr(exc, FILE_ATTRIBUTE):
            setattr(exc, FILE_ATTRIBUTE, str(self.path))
        return False


def internal_error(exc):
    """An unexpected exception as one ``path:line: field: message`` line, for the report."""
    detail = str(exc).splitlines()[0][:200] if str(exc) else ""
    return Problem(getattr(exc, FILE_ATTRIBUTE, "-"), 1, "-",
                   f"内部错误：处理这个文件时程序出错（{type(exc).__name__}{'：' + detail if detail else ''}）。"
                   "请先检查这个文件最近的改动；如果看不出问题，请把这一行发给网站维护人员。")
