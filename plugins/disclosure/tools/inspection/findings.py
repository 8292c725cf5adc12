"""What ``invoke inspect`` finds: one ``Finding`` per problem, at one of three levels.

单项否决 is what makes an inspector judge the whole site 不合格 (政府网站与政务新媒体检查指标);
问题 costs points or breaks a rule of the 条例; 提醒 asks staff to look before it becomes a problem.
"""

from dataclasses import asdict, dataclass

VETO, PROBLEM, NOTICE = "单项否决", "问题", "提醒"
LEVELS = (VETO, PROBLEM, NOTICE)
PORTAL = "门户"  # what the report names as the unit of the portal's own pages


@dataclass(frozen=True)
class Finding:
    check: str  # 检查项, as the 检查指标 or the 条例 names it
    level: str  # one of LEVELS
    message: str  # what is wrong and how to fix it, in Chinese
    unit: str = ""  # the unit's name; PORTAL for the portal's own columns; "" for the whole site
    column: str = ""  # the column's name, for column checks
    where: str = ""  # the file and line, folder or page address to fix

    def as_dict(self):
        return asdict(self)


def at_threshold(findings, veto_at):
    """Findings of one kind become 单项否决 once there are ``veto_at`` of them, else stay 问题."""
    level = VETO if len(findings) >= veto_at else PROBLEM
    return [Finding(f.check, level, f.message, f.unit, f.column, f.where) for f in findings]


def unit_name(unit):
    return unit.name if unit else PORTAL
