"""链接可用性: every internal link of a built site reaches a file of it (tools.publish.verify,
the same check `invoke publish` runs before anything goes public)."""

from ...model.problems import ERROR
from ..publish import verify
from .findings import NOTICE, PROBLEM, Finding

CHECK = "链接可用性"


def links(output, siteurl, config):
    return [Finding(CHECK, PROBLEM if problem.severity == ERROR else NOTICE, problem.message,
                    where=f"{problem.path}:{problem.line}")
            for problem in sorted(set(verify(output, siteurl, config).items))]
