"""办事指南 ↔ 权责清单: a guide's ``power_code`` names an item of its own unit's ``powers/*.yaml``,
and the link goes both ways (the guide page names the item, ``Power.guides`` the guides).

- a ``power_code`` that names no item of the unit is an error at the guide's line;
- a promised time limit (``promised_days``) longer than the legal one (``legal_days``) is an error;
- a 行政许可 item without a guide is a compliance warning at the item's line: the public must find
  how to apply for every licence the unit grants (国办发〔2016〕108号 办事指南 requirements).
"""

from ..model.placeholders import is_placeholder
from ..model.source import display_path
from .powers import POWERS_DIR

GUIDE = "guide"
LICENSING = "行政许可"  # the kind of power that must have a guide (taxonomy.yaml power_kinds)


def load(site):
    for unit in site.units.values():
        by_code = {power.code.lower(): power for power in unit.powers}
        for record in unit.records:
            if record.type == GUIDE:
                _link(site, unit, record, by_code)
                _check_days(site, record)
        for power in unit.powers:
            if power.kind["name"] == LICENSING and not power.guides:
                site.problems.warning(power.path, power.line, power.key,
                                      f"行政许可事项“{power.meta['name']}”（{power.code}）还没有办事指南：请运行 "
                                      f"invoke new guide \"{power.meta['name']}办事指南\" --unit {unit.slug} 新建，"
                                      f"并在其中写 power_code: {power.code}。")


def power_of(unit, record):
    """The 权责清单 item a guide serves, or None."""
    code = record.meta.get("power_code")
    return next((p for p in unit.powers if isinstance(code, str) and p.code.lower() == code.lower()), None)


def _link(site, unit, record, by_code):
    code = record.meta.get("power_code")
    if not isinstance(code, str) or is_placeholder(code):
        return
    power = by_code.get(code.lower())
    if power is not None:
        power.guides.append(record)
        return
    folder = display_path(unit.data_dir / POWERS_DIR)
    elsewhere = next((u for u in site.units.values() if u is not unit and any(p.code.lower() == code.lower() for p in u.powers)), None)
    hint = (f"这个编码是{elsewhere.name}的事项：办事指南要放在承办事项的单位的文件夹 content/{elsewhere.slug}/ 中。"
            if elsewhere else f"请核对 {folder}/ 中事项的 code，或先把事项加入本单位的权责清单。")
    site.problems.error(record.path, record.source.line("power_code"), "power_code",
                        f"本单位的权责清单中没有事项编码“{code}”。{hint}")


def _check_days(site, record):
    legal, promised = record.meta.get("legal_days"), record.meta.get("promised_days")
    if isinstance(legal, int) and isinstance(promised, int) and promised > legal:
        site.problems.error(record.path, record.source.line("promised_days"), "promised_days",
                            f"承诺办结时限 {promised} 个工作日长于法定办结时限 {legal} 个工作日：承诺时限应不长于法定时限，请核对。")
