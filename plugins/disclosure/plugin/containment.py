"""The last line of containment: Pelican copies only the attachments that the check allowed.

``invoke check`` already refuses every author-written path that leaves its folder
(``model.containment``, ``model.relations``). Should a link still reach Pelican in a form the
check did not foresee, the build stops here, after Pelican has listed its static files and
before it copies any, instead of publishing a file from elsewhere on the build machine.
"""

import os
from pathlib import Path

from ..model import containment
from ..model.problems import ContentError, Problems
from ..model.records import ATTACHMENTS_DIR
from ..model.source import display_path
from ..settings import CONTENT_PATH, site_of


def guard_static_files(generator):
    site = site_of(generator.settings)
    folders = [Path(generator.settings[CONTENT_PATH]) / ATTACHMENTS_DIR]
    folders += [unit.content_dir / ATTACHMENTS_DIR for unit in site.units.values()]
    problems = Problems()
    for static in generator.staticfiles:
        source, save_as = static.source_path, os.path.normpath(static.save_as)
        allowed = (not os.path.islink(source) and any(containment.inside(source, folder) for folder in folders)
                   and not containment.attachment_problem(source))
        if not allowed or save_as.startswith(os.pardir) or os.path.isabs(save_as):
            problems.error(display_path(source), 1, "-", "构建时拦下了这个文件：它不在本单位的附件目录内，或不是允许发布的附件类型，"
                                                         "没有发布。请检查用 {static} 或 {attach} 链接它的正文。")
    if problems.errors:
        raise ContentError(problems)
