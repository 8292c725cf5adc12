"""What tasks.py runs to check: the settings of a site, ``check`` of its content and data, and
``check_site`` of a built site.

Content problems are printed as the error contract says and end in a
``CommandFailed`` with a non-zero status, never in a traceback.
"""

import sys
from pathlib import Path

from pelican.settings import read_settings

from ..load import check_as_published, load_site
from ..model.problems import internal_error
from ..model.source import display_path
from ..model.units import SITE_FILE, UNITS_DIR
from ..settings import data_path
from . import budget

PROJECT = Path(__file__).resolve().parents[3]  # the folder of tasks.py and pelicanconf.py


class CommandFailed(Exception):
    """A command that failed for a reason already explained to the user."""


def settings_for(config="pelicanconf.py", site_root=None, **override):
    """Pelican settings from ``config``; ``site_root`` points content and data at another site.

    A relative settings file not found here is looked for in the project, so commands work from any of its folders.
    """
    config = Path(config)
    if not config.is_file() and not config.is_absolute() and (PROJECT / config).is_file():
        config = PROJECT / config
    if not config.is_file():
        raise CommandFailed(f"找不到设置文件 {config}：请在项目文件夹中运行命令，或用 --config 指明设置文件。")
    if site_root:
        root = Path(site_root)
        override.update(PATH=str(root / "content"), DISCLOSURE_DATA_PATH=str(root / "data"), CACHE_PATH=str(root / "cache"))
    return read_settings(str(config), override={k: v for k, v in override.items() if v is not None})


def unit_of(site, slug):
    """The unit a command works on: the one ``--unit`` names, or the site's only unit."""
    if slug is None and len(site.units) == 1:
        return next(iter(site.units.values()))
    known = "、".join(f"{u.slug}（{u.name}）" for u in site.units.values()) or "（无）"
    if slug is None:
        raise CommandFailed(f"本站有多个单位，请用 --unit 指明是哪个单位：{known}。")
    if slug not in site.units:
        raise CommandFailed(f"没有网址名为“{slug}”的单位，应为以下之一：{known}。")
    return site.units[slug]


def unit_folders(settings):
    """The units' slugs by their folders in data/units, before the site is read and checked."""
    folder = data_path(settings) / UNITS_DIR
    return sorted(path.name for path in folder.iterdir() if path.is_dir()) if folder.is_dir() else []


def require_units(settings, slugs):
    """Fail at once, before the whole site is checked, when a slug names no unit's folder."""
    known = unit_folders(settings)
    for slug in slugs:
        if slug not in known:
            raise CommandFailed(f"没有网址名为“{slug}”的单位，应为以下之一：{'、'.join(known) or '（无）'}。")


def unit_share(config="pelicanconf.py", share=None, site_root=None):
    """The units' slugs, or share ``"I/N"`` of them: the units dealt out in turn, largest first (by
    content files), so that N parallel CI jobs each build about as much with ``invoke build --unit``."""
    settings = settings_for(config, site_root)
    slugs = unit_folders(settings)
    if share is None:
        return slugs
    number, _, total = share.partition("/")
    if not (number.isdigit() and total.isdigit() and 1 <= int(number) <= int(total)):
        raise CommandFailed(f"--share 应写作 I/N（第 I 份，共 N 份，1 ≤ I ≤ N），例如 2/4，而不是“{share}”。")
    content = Path(settings["PATH"])
    size = {slug: sum(1 for _ in (content / slug).rglob("*.md")) for slug in slugs}
    dealt = sorted(slugs, key=lambda slug: (-size[slug], slug))
    return sorted(dealt[int(number) - 1::int(total)])


def check(config="pelicanconf.py", strict=False, out=sys.stdout, site_root=None, **override):
    """Validate all content and data; print every problem and a count."""
    settings = settings_for(config, site_root, **override)
    try:
        site = load_site(settings)
        check_as_published(site)
    except Exception as exc:  # never a traceback: the file being processed and what went wrong
        print(internal_error(exc), file=out)
        raise CommandFailed("检查时程序出错，检查没有完成。") from None
    print(site.problems.report(), file=out)
    for record in sorted(site.scheduled, key=lambda r: (r.meta["publish_date"], r.path)):
        print(f"定时发布：{record.path}（{record.index_number}）将在 {record.meta['publish_date']} 的构建中公开，"
              f"此前不出现在网站上。", file=out)
    if site.problems.fails(strict):
        raise CommandFailed(f"检查未通过{'（--strict：警告也算失败）' if strict and not site.problems.errors else ''}。")
    return site


def check_site(config="pelicanconf.py", output=None, out=sys.stdout, site_root=None, **override):
    """Check the built site against its budget: page weight, third-party URLs, inline code."""
    settings = settings_for(config, site_root, OUTPUT_PATH=output, **override)
    folder = Path(settings["OUTPUT_PATH"])
    if not folder.is_dir():
        raise CommandFailed(f"找不到已生成的网站 {folder}：请先运行 invoke build。")
    site_file = data_path(settings) / SITE_FILE
    result = budget.check(folder, settings.get("SITEURL", ""), budget.site_addresses(site_file))
    print(f"已生成的网站 {display_path(folder)}：", file=out)
    print(result.problems.report(), file=out)
    if result.largest_page:
        print(f"最重的文件页面：{result.largest_page}，连同 CSS 和 JS 压缩后 {result.largest_size / 1024:.1f} KB"
              f"（上限 {budget.PAGE_BUDGET // 1024} KB）。", file=out)
    if result.problems.fails():
        raise CommandFailed("已生成的网站未通过检查。")
    return result
