"""Staff commands: invoke check | build | serve | livereload | new | publish | bench."""

import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))

from disclosure import commands  # noqa: E402


def _run(action, *args, **kwargs):
    try:
        return action(*args, **kwargs)
    except commands.CommandFailed as exc:
        raise Exit(f"失败：{exc}", code=1) from None


@task(help={"strict": "把合规警告也当作错误", "config": "设置文件",
            "site": "再检查已生成的网站：页面体积、第三方网址、内联脚本", "output": "已生成网站的目录（配合 --site）"})
def check(c, strict=False, config="pelicanconf.py", site=False, output=None):
    """检查全部内容和数据；加 --site 时再检查已生成的网站。"""
    _run(commands.check, config, strict)
    if site:
        _run(commands.check_site, config, output)


@task(help={"strict": "把合规警告也当作错误", "config": "设置文件", "output": "输出目录"})
def build(c, strict=False, config="pelicanconf.py", output=None):
    """检查，然后生成网站到 output/（失败时原有 output/ 不变）。"""
    target = _run(commands.build, config, output, strict)
    print(f"网站已生成：{target}")


@task(help={"port": "端口"})
def serve(c, port=8000):
    """在 http://localhost:8000/ 预览已生成的网站。"""
    c.run(f"{sys.executable} -m http.server {port} --directory {ROOT / 'output'}", pty=False)


@task(help={"kind": "类型：normative/document/plan/interpretation/statistics/notice/consultation/report",
            "title": "标题"})
def new(c, kind, title):
    """新建一个条目：自动填好下一个索引号和今天的日期。"""
    path = _run(commands.new, kind, title)
    print(f"已新建：{path.relative_to(ROOT)}")
