"""``invoke codeowners``: write CODEOWNERS for GitHub and GitLab from the units' owners."""

from ..load import load_site
from ..model import ownership
from .commands import CommandFailed, settings_for


def write(config="pelicanconf.py", site_root=None):
    """Write both files; returns their paths. Owners come from the checked site.yaml and agency.yaml files."""
    site = load_site(settings_for(config, site_root))
    if not site.units:
        print(site.problems.report())
        raise CommandFailed("没有读到任何单位（data/site.yaml 或 data/units/ 有错误），没有生成 CODEOWNERS。")
    text = ownership.codeowners(site)
    if not text:
        raise CommandFailed("data/site.yaml 和各单位的 agency.yaml 都没有写 owners（审核人），没有生成 CODEOWNERS。")
    written = []
    for name in ownership.CODEOWNERS_FILES:
        path = ownership.root_of(site) / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
