"""Staff commands: invoke check | build | assemble | units | serve | livereload | new | import | reply | inspect | codeowners | cms |
edit | bench | publish | verify | setup-hooks."""

import os
import sys
from pathlib import Path

from invoke import Exit, task

ROOT = Path(__file__).parent
sys.path.insert(0, str(ROOT / "plugins"))

from disclosure.model.problems import internal_error  # noqa: E402
from disclosure.tools import (  # noqa: E402
    build as building,
    codeowners as ownership,
    commands,
    hooks,
    preview,
    publish as publishing,
    scaffold,
)


def _run(action, *args, **kwargs):
    try:
        return action(*args, **kwargs)
    except commands.CommandFailed as exc:
        raise Exit(f"失败：{exc}", code=1) from None
    except Exception as exc:  # never a traceback: the file being processed and what went wrong
        raise Exit(f"{internal_error(exc)}\n失败：程序出错，命令没有完成。", code=1) from None


@task(help={"strict": "把合规警告也当作错误", "config": "设置文件",
            "site": "再检查已生成的网站：页面体积、第三方网址、内联脚本", "output": "已生成网站的目录（配合 --site）"})
def check(c, strict=False, config="pelicanconf.py", site=False, output=None):
    """检查全部内容和数据；加 --site 时再检查已生成的网站。"""
    _run(commands.check, config, strict)
    if site:
        _run(commands.check_site, config, output)


@task(help={"strict": "把合规警告也当作错误", "config": "设置文件", "output": "输出目录",
            "unit": "只生成这些单位的部分（网址名，多个用逗号分隔，例如 tjj,swj：栏目和文件页面），供 invoke assemble 合成；"
                    "仍检查全部内容"})
def build(c, strict=False, config="pelicanconf.py", output=None, unit=None):
    """检查，然后生成网站到 output/（失败时原有 output/ 不变）。"""
    _build(config, output, strict, units=[slug.strip() for slug in (unit or "").split(",") if slug.strip()])


@task(help={"share": "只列出第 I 份（共 N 份），写作 I/N，例如 2/4：按内容文件数轮流分配，供 CI 的并行作业各取一份",
            "config": "设置文件"})
def units(c, share=None, config="pelicanconf.py"):
    """列出各单位的网址名（逗号分隔），可直接用于 invoke build --unit。"""
    print(",".join(_run(commands.unit_share, config, share)))


@task(help={"parts": "各单位部分所在的目录：每个单位一个子目录 <parts>/<网址名>/，由 invoke build --unit 生成",
            "strict": "把合规警告也当作错误", "config": "设置文件", "output": "输出目录"})
def assemble(c, parts, strict=False, config="pelicanconf.py", output=None):
    """生成门户部分（首页、总目录、搜索、站点地图），再放入各单位已生成的部分，得到完整网站。"""
    _build(config, output, strict, parts=parts)


def _build(config, output, strict, **part):
    from disclosure.tools.progress import BuildProgress

    progress = BuildProgress()
    try:
        target = _run(building.build, config, output, strict, progress=progress, **part)
    finally:
        progress.close()
    print(f"网站已生成：{target}")


@task(help={"unit": "只生成这个单位的栏目（网址名，例如 tjj）：给只编辑本单位内容的人员部署", "config": "设置文件",
            "output": "写到哪个目录（默认是 admin/）"})
def cms(c, unit=None, config="pelicanconf.py", output=None):
    """生成网页编辑器 admin/（Decap CMS）：表单由内容模式和 data/ 生成，部署到单独的内网地址。"""
    from disclosure.tools import cms as editor

    _run(editor.write, config, unit=unit, output=output, out=sys.stdout)


@task(help={"unit": "只编辑这个单位（网址名）", "config": "设置文件"})
def edit(c, unit=None, config="pelicanconf.py"):
    """在本机用网页编辑器编辑：http://localhost:8080/admin/，每次保存是本仓库的一次提交；按 Ctrl-C 结束。"""
    from disclosure.tools.cms import edit as editing

    _run(editing.run, config, unit=unit)


@task(help={"port": "端口"})
def serve(c, port=8000):
    """在 http://localhost:8000/ 预览已生成的网站。"""
    c.run(f"{sys.executable} -m http.server {port} --directory {ROOT / 'output'}", pty=False)


@task(help={"port": "端口", "config": "设置文件"})
def livereload(c, port=8000, config="pelicanconf.py"):
    """预览并自动刷新：修改内容、数据或模板后重新检查、生成，浏览器中的页面随之更新。"""
    _run(preview.serve, config, port)


@task(help={"kind": "类型：normative/document/plan/interpretation/statistics/notice/consultation/report；"
                    "website-report 为政府网站工作年度报表的数据文件",
            "title": "标题；年度报告也可只写年份，如 invoke new report 2020（同时生成该单位的 annual/2020.yaml）；"
                     "website-report 写年份，如 invoke new website-report 2025",
            "unit": "单位的网址名，例如 tjj（只有一个单位时不用写）", "config": "设置文件"})
def new(c, kind, title, unit=None, config="pelicanconf.py"):
    """新建一个条目：自动填好本单位下一个索引号和今天的日期。"""
    guide = []
    for path in _run(scaffold.new, kind, title, config, unit=unit, guide=guide):
        print(f"已新建：{os.path.relpath(path)}")
    if guide:
        print("各字段的填写说明（用网页编辑器 invoke edit 时，说明就在每个字段下面）：", *guide, sep="\n")


@task(help={"output": "已生成的网站目录（不写时临时生成一份来检查链接和网页标签）", "config": "设置文件",
            "report": "报告写到哪个目录（默认是 inspection/）"})
def inspect(c, output=None, config="pelicanconf.py", report=None):
    """自查：按检查指标检查各单位和门户，写出 inspection/report.html 和 report.json；有单项否决项时失败。"""
    from disclosure.tools import inspect as inspection

    _run(inspection.inspect, config, output, report)


@task(help={"config": "设置文件"})
def codeowners(c, config="pelicanconf.py"):
    """根据各单位 agency.yaml 的 owners 生成 GitHub 和 GitLab 的 CODEOWNERS（每个单位只能审核自己的文件夹）。"""
    for path in _run(ownership.write, config):
        print(f"已生成：{os.path.relpath(path)}")


@task(positional=["record_or_year"],
      help={"record_or_year": "答复记录文件，放在 replies/ 中，例如 replies/2026-003.yaml；与 --tally 连用时为年份",
            "tally": "按年度报告表三统计一年的答复记录：invoke reply --tally 2026（只显示，不写任何文件）",
            "unit": "单位（只有一个单位时不用写）", "config": "设置文件"})
def reply(c, record_or_year, tally=False, unit=None, config="pelicanconf.py"):
    """依申请公开答复书：由 replies/ 中的记录生成可打印的 HTML 和 .docx；--tally 年份 统计一年的办理结果。"""
    # --tally is a switch, so that `invoke reply --tally 2026` passes the year where the record would go.
    from disclosure.tools import reply as replying  # python-docx loads only for this command

    if not tally:
        _run(replying.reply, record_or_year, config)
    elif record_or_year.isdigit():
        _run(replying.tally, int(record_or_year), config, unit=unit)
    else:
        raise Exit(f"失败：--tally 之后应写年份，例如 invoke reply --tally 2026，而不是“{record_or_year}”。", code=1)


# invoke has no variadic positional arguments, so further files come with --more (or import a folder).
@task(name="import", iterable=["more"],
      help={"path": "要导入的公文文件（.docx .doc .wps .pdf .ofd .txt）或文件夹（导入其中全部公文）",
            "more": "再导入一个文件或文件夹，可写多次", "unit": "单位（本站只有一个单位时不用写）",
            "type": "类型：document/plan/notice/normative/statistics；不写则按标题中的文种猜测", "config": "设置文件"})
def import_(c, path, more=None, unit=None, type=None, config="pelicanconf.py"):
    """把已有的公文（Word、WPS、PDF、OFD、文本）导入为条目：填好索引号，保存原件，列出需要核对的内容。"""
    from disclosure.tools.importer.run import import_files

    _run(import_files, [path, *(more or ())], unit=unit, type=type, config=config)


@task(help={"count": "生成的文档数量", "keep": "把生成的网站留在这个目录（可用 invoke build --config 目录/pelicanconf.py 生成）",
            "json": "把全部数字另存为 JSON 文件", "query": "测量下载量用的搜索词"})
def bench(c, count=1000, keep=None, json=None, query="统计执法"):
    """规模测试：生成 N 个文档，在同一次运行中比较我们的完整构建、Hugo、Hugo + Pagefind 和 Pelican。"""
    from disclosure.tools import bench as benchmark

    figures = _run(benchmark.run, int(count), query, keep=keep)
    print(benchmark.report(figures))
    if json:
        benchmark.save(figures, json)
        print(f"已保存：{json}")


@task(help={"branch": "发布到的分支（默认是 publishconf.py 的 PUBLISH_BRANCH）", "strict": "把合规警告也当作错误",
            "config": "设置文件", "output": "输出目录",
            "push": "推送到 origin（--no-push：只在本地提交，由 CI 的下一步用令牌推送）",
            "parts": "各单位已分别生成的部分所在目录（invoke build --unit）：合成网站（invoke assemble）而不是整体生成"})
def publish(c, branch=None, strict=False, config="publishconf.py", output=None, push=True, parts=None):
    """检查、按 publishconf.py 生成、核对（含 check --site），再用 ghp-import 发布到 origin；任何一步失败都不发布。"""
    _run(publishing.publish, config, branch, output, strict, push=push, parts=parts)


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
