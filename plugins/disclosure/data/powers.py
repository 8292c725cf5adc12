"""权责清单 (the power and responsibility list): data/powers/*.yaml → checked items.

``load(site)`` checks every file and sets each unit's ``powers``, in taxonomy kind order, then by code.
"""

from dataclasses import dataclass, field

from ..model.problems import processing
from ..model.schema import to_dates
from ..model.source import display_path

POWERS_DIR = "powers"
SCHEMA = "powers.schema.json"


@dataclass(eq=False)
class Power:
    """One checked item of the list, with its kind and department entries from data/."""

    meta: dict
    kind: dict  # the power_kinds entry of taxonomy.yaml
    department: dict  # the departments entry of agency.yaml
    path: str = ""  # where its ``code`` is written (file, line, field), for problems about the item
    line: int = 1
    key: str = "code"  # the field label of the code, e.g. [0].code
    guides: list = field(default_factory=list)  # the 办事指南 records that serve it (data.guides)

    @property
    def code(self):
        return self.meta["code"]


def load(site):
    """Check every unit's powers/*.yaml; unknown kinds or departments and duplicate codes are errors."""
    for unit in site.units.values():
        _load_unit(site, unit)


def _load_unit(site, unit):
    folder = unit.data_dir / POWERS_DIR
    if not folder.is_dir():
        return
    schemas = site.schemas
    checker = _ItemChecker(site, unit)
    for path in sorted(folder.glob("*.yaml")):
        with processing(display_path(path)):
            source, clean = schemas.check_file(path, SCHEMA, site.problems)
            for number, item in enumerate(source.data if source and isinstance(source.data, list) else ()):
                power = checker.check(source, number, item) if isinstance(item, dict) else None
                if clean and power:
                    unit.powers.append(power)
    order = {kind["name"]: number for number, kind in enumerate(site.taxonomy["power_kinds"])}
    unit.powers.sort(key=lambda p: (order[p.kind["name"]], p.code))


class _ItemChecker:
    def __init__(self, site, unit):
        self.problems = site.problems
        self.kinds = {kind["name"]: kind for kind in site.taxonomy["power_kinds"]}
        self.departments = {d["name"]: d for d in unit.agency["departments"]}
        self.agency_file = display_path(unit.data_dir / "agency.yaml")
        self.codes = {}  # lower-case code → (path, line): codes become URLs, so case does not count

    def check(self, source, number, item):
        """A Power, or None when the item names a kind or department that the data files do not define."""
        def error(key, message):
            self.problems.error(source.path, source.line(number, key), f"[{number}].{key}", message)

        kind, department, code = item.get("kind"), item.get("department"), item.get("code")
        kind_entry = self.kinds.get(kind) if isinstance(kind, str) else None
        department_entry = self.departments.get(department) if isinstance(department, str) else None
        if isinstance(kind, str) and not kind_entry:
            error("kind", f"职权类别“{kind}”不在 data/taxonomy.yaml 的 power_kinds 中，应为以下之一：{'、'.join(self.kinds)}。")
        if isinstance(department, str) and not department_entry:
            error("department", f"承办科室“{department}”不在 {self.agency_file} 的 departments 中，应为以下之一：{'、'.join(self.departments)}。")
        elif department_entry and not department_entry.get("slug"):
            error("department", f"科室“{department}”承担权责事项，请在 {self.agency_file} 中为它填写 slug（英文网址名，例如 office）。")
        if isinstance(code, str):
            where = (source.path, source.line(number, "code"),
                         f"[{number}].code")
            first = self.codes.setdefault(code.lower(), where)
            if first != where:
                error("code", f"事项编码“{code}”与 {first[0]}:{first[1]} 重复。编码决定事项页面的网址，必须唯一（不区分大小写）。")
        to_dates(item, {"updated"})
        if kind_entry and department_entry and department_entry.get("slug"):
            return Power(item, kind_entry, department_entry, source.path, source.line(number, "code"),
                         f"[{number}].code")
        return None
