"""Staff commands: invoke check | build | serve | livereload | new | bench | publish | verify | setup-hooks."""

import os
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))

from disclosure.tools import build as building, commands, hooks, preview, publish as publishing, scaffold  # noqa: E402


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
    target = _run(building.build, config, output, strict)
    print(f"网站已生成：{target}")


@task(help={"port": "端口"})
def serve(c, port=8000):
    """在 http://localhost:8000/ 预览已生成的网站。"""
    c.run(f"{sys.executable} -m http.server {port} --directory {ROOT / 'output'}", pty=False)


@task(help={"port": "端口", "config": "设置文件"})
def livereload(c, port=8000, config="pelicanconf.py"):
    """预览并自动刷新：修改内容、数据或模板后重新检查、生成，浏览器中的页面随之更新。"""
    _run(preview.serve, config, port)


@task(help={"kind": "类型：normative/document/plan/interpretation/statistics/notice/consultation/report",
            "title": "标题；年度报告也可只写年份，如 invoke new report 2020（同时生成 data/annual/2020.yaml）",
            "config": "设置文件"})
def new(c, kind, title, config="pelicanconf.py"):
    """新建一个条目：自动填好下一个索引号和今天的日期。"""
    for path in _run(scaffold.new, kind, title, config):
        print(f"已新建：{os.path.relpath(path)}")


@task(help={"count": "生成的文档数量", "json": "以 JSON 输出", "query": "测量下载量用的搜索词"})
def bench(c, count=1000, json=False, query="统计执法"):
    """Scale benchmark: build N generated documents; compare with bare Pelican; measure search."""
    from disclosure.tools import bench as benchmark

    figures = benchmark.run(int(count), query)
    print(__import__("json").dumps(figures, indent=1) if json else benchmark.report(figures))


@task(help={"branch": "发布到的分支（默认是 publishconf.py 的 PUBLISH_BRANCH）", "strict": "把合规警告也当作错误",
            "config": "设置文件", "output": "输出目录"})
def publish(c, branch=None, strict=False, config="publishconf.py", output=None):
    """检查、按 publishconf.py 生成、核对，再用 ghp-import 发布到 origin；任何一步失败都不发布。"""
    _run(publishing.publish, config, branch, output, strict)


@task(help={"strict": "把警告也当作错误", "config": "设置文件（其中的 SITEURL 是网站对外的地址）",
            "output": "要核对的网站目录"})
def verify(c, strict=False, config="publishconf.py", output=None):
    """核对生成的网站：内部链接都能打开，没有只在本机有效的地址。"""
    _run(publishing.verify_output, config, output, strict)


@task(name="setup-hooks", help={"config": "设置文件"})
def setup_hooks(c, config="pelicanconf.py"):
    """安装 git 提交前检查：每次 git commit 之前自动用 ruff 检查 Python 代码，再运行 invoke check。"""
    hook = _run(hooks.install_pre_commit_hook, ROOT, config)
    print(f"已安装提交前检查：{hook}")
