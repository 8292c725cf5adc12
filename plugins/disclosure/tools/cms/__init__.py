"""``invoke cms``: the web editor (Decap CMS) in admin/, generated from the schemas and data/.

admin/ is git-ignored and deployed to an origin of its own (an intranet host, never inside output/):
index.html with the editor's CSP, config.yml (``config``), the Decap bundle fetched from npm and
checked against its hash (``bundle``), disclosure-cms.js (the next free 索引号, the local switch) and
preview.css, a copy of the site's own stylesheet for the preview pane. ``invoke edit`` (``edit``)
serves the same folder on the clerk's computer.
"""

import os
import shutil
import tempfile
from pathlib import Path

from ...load import load_site
from ...model.ownership import root_of
from ...model.source import display_path
from .. import front_matter
from ..commands import CommandFailed, settings_for, unit_of
from . import bundle, page
from .config import config as make_config

ADMIN_DIR = "admin"
STATIC = Path(__file__).parent / "static"
SITE_CSS = Path("static") / "css" / "site.css"  # below the theme: the preview pane looks like the site
HEADER = "# 由 invoke cms 根据 plugins/disclosure/schemas/ 和 data/ 生成，请勿手工修改：改数据或模式后重新运行 invoke cms。\n"


def load(config="pelicanconf.py", site_root=None):
    """The site, loaded far enough for a form: the portal, the taxonomy and the units must be sound."""
    site = load_site(settings_for(config, site_root))
    if not site.units or not site.taxonomy:
        print(site.problems.report())
        raise CommandFailed("data/ 中的门户、分类或单位有错误，无法生成编辑器：请先按上面的提示改正（invoke check）。")
    return site


def write(config="pelicanconf.py", unit=None, site_root=None, output=None, out=None):
    """Write admin/ for every unit, or for the one ``unit`` names (its editors see only its folders)."""
    site = load(config, site_root)
    units = [unit_of(site, unit)] if unit else list(site.units.values())
    root = root_of(site)
    admin = Path(output) if output else root / ADMIN_DIR
    content = Path(site.settings["PATH"]).resolve().relative_to(root.resolve())
    files = dict(bundle.bundle_files())
    title = f"{site.portal['name']} · 政务公开网页编辑器" + (f"（{units[0].name}）" if unit else "")
    files["index.html"] = page.index_html(site, title).encode("utf-8")
    files["config.yml"] = (HEADER + front_matter.dump(make_config(site, units, content))).encode("utf-8")
    files["preview.css"] = (Path(site.settings.get("THEME", "theme")) / SITE_CSS).read_bytes()
    files["disclosure-cms.js"] = (STATIC / "disclosure-cms.js").read_bytes()
    _replace(admin, files)
    if out is not None:
        print(f"已生成网页编辑器：{display_path(admin)}/（{'、'.join(f'{u.name}（{u.slug}）' for u in units)}；"
              f"Decap CMS {bundle.DECAP_CMS.version}，已核对完整性 {bundle.DECAP_CMS.integrity[:19]}…）", file=out)
        if site.problems.errors:
            print(f"注意：内容中还有 {len(site.problems.errors)} 个错误，请运行 invoke check 查看。", file=out)
    return admin


def _replace(admin, files):
    """Write the folder anew beside the old one, then swap: no stale chunk of an older version is left."""
    admin.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{admin.name}-", dir=admin.parent))
    for name, data in sorted(files.items()):
        (fresh / name).write_bytes(data)
        os.chmod(fresh / name, 0o644)
    os.chmod(fresh, 0o755)
    old = admin.with_name(f".{admin.name}-old")
    shutil.rmtree(old, ignore_errors=True)
    if admin.exists():
        admin.rename(old)
    fresh.rename(admin)
    shutil.rmtree(old, ignore_errors=True)
