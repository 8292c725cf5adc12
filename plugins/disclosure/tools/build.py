"""``invoke build``: check, build into a staging folder beside output/, index for search, then swap.

A failed check, build or index never touches the published output.
"""

import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path

from pelican import Pelican

from ..model.problems import ContentError
from ..settings import site_of
from . import search_index
from .commands import CommandFailed, settings_for


class _WarningCollector(logging.Handler):
    """Collects Pelican's warnings: a clean build has none."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build(config="pelicanconf.py", output=None, strict=False, out=sys.stdout, site_root=None, **override):
    """Check, then build into a fresh folder beside ``output`` and swap it in only on success."""
    settings = settings_for(config, site_root, OUTPUT_PATH=output, DISCLOSURE_STRICT=strict, **override)
    target = Path(settings["OUTPUT_PATH"])
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".output-", dir=target.parent))
    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    try:
        settings["OUTPUT_PATH"] = str(staging)
        try:
            pelican = Pelican(settings)
        except ContentError as exc:
            print(exc.problems.report(), file=out)
            raise CommandFailed("检查未通过，未生成网站，原有的 output/ 保持不变。") from None
        print(site_of(settings).problems.report(), file=out)
        pelican.run()
        if collector.messages:
            print("\n".join(collector.messages), file=out)
            raise CommandFailed(f"构建时出现 {len(collector.messages)} 条警告，原有的 output/ 保持不变。")
        try:
            search_index.index(staging)
        except search_index.IndexingFailed as exc:
            raise CommandFailed(f"{exc}\n原有的 output/ 保持不变。") from None
        _swap(staging, target)
    finally:
        logging.getLogger().removeHandler(collector)
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _swap(staging, target):
    """Replace target with staging in two renames, so readers never see a half-built site."""
    old = None
    if target.exists():
        old = target.with_name(f".{target.name}-old-{os.getpid()}")
        target.rename(old)
    staging.rename(target)
    if old:
        shutil.rmtree(old)
