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


@task(help={"strict": "把合规警告也当作错误", "config": "设置文件"})
def check(c, strict=False, config="pelicanconf.py"):
    """检查全部内容和数据（不生成网站）。"""
    _run(commands.check, config, strict)


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


@task(help={"count": "生成的文件数量", "query": "测量下载量用的搜索词"})
def search_bench(c, count=1000, query="统计执法"):
    """搜索基准：生成 N 份文件的网站并建立索引，报告索引耗时、峰值内存、索引大小和一次搜索的下载量。"""
    from disclosure import search_bench as bench

    _run(bench.run, count, query)
