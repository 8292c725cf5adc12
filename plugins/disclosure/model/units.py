"""data/site.yaml and data/units/<slug>/agency.yaml → the portal and its units, checked.

Adding a unit is copying an existing unit's data folder and content folder and editing its
agency.yaml: the units are whatever folders data/units/ holds.
"""

import re

from . import containment
from .site import Unit
from .source import display_path

SITE_FILE, SITE_SCHEMA = "site.yaml", "site.schema.json"
UNITS_DIR = "units"
AGENCY_FILE, AGENCY_SCHEMA = "agency.yaml", "agency.schema.json"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
DEFAULT_ORDER = 100


def _departments_distinct(site, source):
    """Two departments with one name or one slug would share a page (and one be lost)."""
    distinct = True
    for key, what in (("name", "科室名称"), ("slug", "科室网址名")):
        seen = {}
        for number, department in enumerate(source.data["departments"]):
            if key in department and seen.setdefault(department[key], number) != number:
                first = source.line("departments", seen[department[key]], key)
                site.problems.error(source.path, source.line("departments", number, key), f"departments[{number}].{key}",
                                    f"{what}“{department[key]}”与第 {first} 行重复：每个科室的{what}必须不同。")
                distinct = False
    return distinct


def load(site, content_dir):
    """Fill ``site.portal`` and ``site.units``; False if the portal file itself is unusable."""
    portal = site.read_data(site.data_dir / SITE_FILE, SITE_SCHEMA)
    if portal is None:
        return False
    site.portal, site.portal_source = portal.data, portal
    containment.check_emblem(site.problems, portal, content_dir)
    groups = {group["slug"]: group for group in site.portal["groups"]}
    folder = site.data_dir / UNITS_DIR
    units, codes = [], {}
    for unit_dir in sorted(p for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else ():
        shown = display_path(unit_dir)
        if not SLUG.match(unit_dir.name):
            site.problems.error(shown, 1, "", f"单位文件夹名“{unit_dir.name}”无效：只能用小写英文字母、数字和连字符，例如 tjj。")
            continue
        source = site.read_data(unit_dir / AGENCY_FILE, AGENCY_SCHEMA)
        if source is None:
            continue
        agency = source.data
        group = groups.get(agency["group"])
        if group is None:
            site.problems.error(source.path, source.line("group"), "group",
                                f"单位分组“{agency['group']}”不在 data/site.yaml 的 groups 中，应为以下之一：{'、'.join(groups)}。")
            continue
        first = codes.setdefault(agency["agency_code"], source)
        if first is not source:
            site.problems.error(source.path, source.line("agency_code"), "agency_code",
                                f"索引号前缀“{agency['agency_code']}”与 {first.path}:{first.line('agency_code')} 重复："
                                "每个单位的索引号前缀必须不同。")
            continue
        if not _departments_distinct(site, source):
            continue
        units.append(Unit(unit_dir.name, agency, unit_dir, content_dir / unit_dir.name, group, source))
    if not units and not site.problems.errors:
        site.problems.error(display_path(folder), 1, "", "还没有任何单位：每个单位需要 data/units/<单位>/agency.yaml。")
    order = list(groups)
    units.sort(key=lambda u: (order.index(u.group["slug"]), u.agency.get("order", DEFAULT_ORDER), u.slug))
    site.units = {unit.slug: unit for unit in units}
    return True
