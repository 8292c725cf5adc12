"""``invoke inspect``: the 自查 before the inspectors do, for every unit and the portal.

It checks what content can show of the 政府网站与政务新媒体检查指标 and of the 条例, with the
thresholds of data/inspection.yaml (tools/inspection/, one module per check): 首页 and 栏目 not
updated, 空白栏目, 公开时限, 政策解读, 意见征集, 规范性文件 due for review or expiry, 网站标识;
then, on a built site (``--output``, else a build into a temporary folder), broken links and
pages without their 网页标签 or 纠错 link. It writes inspection/report.json and report.html,
prints a summary in Chinese and fails when anything is 单项否决.

The inspection date is the build date (``BUILD_DATE``, else today), so the nightly run is where a
column goes stale by the calendar alone.
"""

import io
import shutil
import sys
import tempfile
from pathlib import Path

from ..data import inspection as thresholds
from ..load import load_site
from ..model.source import display_path
from . import build
from .commands import CommandFailed, settings_for
from .inspection import columns, consultations, deadlines, home, links, marks, normative, report
from .inspection.findings import VETO

REPORT_DIR = "inspection"  # beside content/; git-ignored
CONTENT_CHECKS = (deadlines.publication, deadlines.interpretations, consultations.consultations, normative.normative)


def inspect(config="pelicanconf.py", output=None, report_dir=None, out=sys.stdout, site_root=None, **override):
    """Inspect the site; return report.json's data. CommandFailed when a 单项否决 is found."""
    settings = settings_for(config, site_root, **override)
    site = load_site(settings)
    if site.problems.fails():
        print(site.problems.report(), file=out)
        raise CommandFailed("检查未通过，没有自查：请先改正上面的错误（invoke check）。")
    if site.inspection is None:
        raise CommandFailed(f"找不到自查的检查指标文件 {thresholds.shown(site)}：请从示例站点复制 data/{thresholds.FILE} 后按需修改。")
    rules = site.inspection.data
    found = inspect_content(site, rules)
    found += inspect_output(site, config, settings, output, out, site_root, **override)
    data = report.summary(site, rules, found)
    folder = Path(report_dir) if report_dir else Path(settings["PATH"]).parent / REPORT_DIR
    paths = report.write(folder, data, Path(settings["THEME"]), settings["JINJA_ENVIRONMENT"])
    print(report.text(data, [display_path(p) for p in paths]), file=out)
    if data["counts"][VETO]:
        raise CommandFailed(f"自查未通过：有 {data['counts'][VETO]} 项单项否决，请先改正。")
    return data


def inspect_content(site, rules):
    """The checks that need only the loaded site."""
    every = columns.all_columns(site)
    found = home.home(site, rules) + columns.stale(site, rules, every) + columns.blank(site, rules, every)
    for check in CONTENT_CHECKS:
        found += check(site, rules)
    return found + marks.identity_marks(site)


def inspect_output(site, config, settings, output, out, site_root, **override):
    """Links and page marks of a built site: ``output``, or a fresh build in a temporary folder."""
    if output:
        folder = Path(output)
        if not folder.is_dir():
            raise CommandFailed(f"找不到已生成的网站 {display_path(folder)}：请先运行 invoke build，或去掉 --output。")
        return _check_output(site, folder, settings, config)
    print("正在生成网站，以检查链接和网页标签……", file=out)
    temporary = Path(tempfile.mkdtemp(prefix="inspect-"))
    try:
        built = build.build(config, str(temporary / "output"), out=io.StringIO(), site_root=site_root, **override)
        return _check_output(site, built, settings, config)
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


def _check_output(site, folder, settings, config):
    return links.links(folder, settings.get("SITEURL", ""), display_path(config)) + marks.page_marks(site, folder)
