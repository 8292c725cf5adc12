"""Vega-Lite → SVG through vl-convert, in any process the build forks.

vl-convert runs its JavaScript engine on threads of its own, which a forked process does not have:
once a process has drawn a chart, a process forked from it hangs on its first chart of its own (the
build forks workers to write the documents' pages after its own process has drawn the charts of the
bodies; the preview forks them after its rebuilds). Such a process draws its charts in a fresh
Python started for it instead, spoken to over a pipe, one chart a line.
"""

import json
import os
import subprocess
import sys

import vl_convert

HELPER = """
import json, sys, vl_convert
for line in sys.stdin:
    spec, version = json.loads(line)
    print(json.dumps(vl_convert.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[])), flush=True)
"""

_engine_pid = None  # the process whose vl-convert engine has been started, if any
_helper = None  # (pid, the helper process) for a process forked after its parent started the engine


def to_svg(spec, version):
    """The SVG of a Vega-Lite ``spec`` (JSON text) for Vega-Lite ``version``; no file or address is read."""
    global _engine_pid
    if _engine_pid in (None, os.getpid()):
        _engine_pid = os.getpid()
        return vl_convert.vegalite_to_svg(spec, vl_version=version, allowed_base_urls=[])
    helper = _started_helper()
    helper.stdin.write(json.dumps([spec, version]) + "\n")
    helper.stdin.flush()
    line = helper.stdout.readline()
    if not line:
        raise RuntimeError("图表程序（vl-convert）意外退出，没有画出图表。")
    return json.loads(line)


def _started_helper():
    global _helper
    if _helper is None or _helper[0] != os.getpid():
        process = subprocess.Popen([sys.executable, "-c", HELPER], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                   text=True, encoding="utf-8")
        _helper = os.getpid(), process
    return _helper[1]
