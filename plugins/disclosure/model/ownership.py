"""Who may approve changes to which files: CODEOWNERS for GitHub and GitLab, derived from the units.

Each unit's ``owners`` (agency.yaml) own its two folders, content/<unit>/ and data/units/<unit>/;
the portal's ``owners`` (site.yaml) own everything else, the CODEOWNERS files included. With
branch protection requiring code-owner review, a unit's staff can merge only their own files.
``invoke codeowners`` writes the files; ``invoke check`` fails when the committed ones are stale.
"""

from pathlib import Path

from .source import display_path
from .units import UNITS_DIR

CODEOWNERS_FILES = (".github/CODEOWNERS", ".gitlab/CODEOWNERS")  # where GitHub and GitLab look first
HEADER = ("# 由 invoke codeowners 根据 data/site.yaml 和 data/units/*/agency.yaml 生成，请勿手工修改。\n"
          "# 每个单位的文件夹只能由该单位的审核人批准合并；其余文件（包括本文件）由门户管理员批准。\n")


def codeowners(site):
    """The CODEOWNERS text: later lines win, so the catch-all comes first."""
    content = Path(site.settings["PATH"]).name
    data = site.data_dir.name
    lines = []
    if site.portal.get("owners"):
        lines.append(f"* {' '.join(site.portal['owners'])}")
    for unit in site.units.values():
        owners = " ".join(unit.agency.get("owners") or ())
        if owners:
            lines += [f"/{content}/{unit.slug}/ {owners}", f"/{data}/{UNITS_DIR}/{unit.slug}/ {owners}"]
    return HEADER + "\n".join(lines) + "\n" if lines else ""


def root_of(site):
    """The repository's top folder: where content/ and data/ sit."""
    return Path(site.settings["PATH"]).parent


def load(site):
    """A check stage: the committed CODEOWNERS files must say what the units say."""
    expected = codeowners(site)
    if not expected:
        return
    for name in CODEOWNERS_FILES:
        path = root_of(site) / name
        shown = display_path(path)
        if not path.is_file():
            site.problems.error(shown, 1, "-", "缺少 CODEOWNERS 文件：各单位的审核人（owners）要写进这里才能生效。请运行 invoke codeowners 生成后提交。")
        elif path.read_text(encoding="utf-8") != expected:
            site.problems.error(shown, 1, "-", "CODEOWNERS 与 data/site.yaml、data/units/*/agency.yaml 中的单位和审核人（owners）不一致："
                                "请运行 invoke codeowners 重新生成后提交，由门户管理员审核。")
