"""``invoke build``: check, build into a staging folder beside output/, index for search, then swap.

A failed check, build or index never touches the published output. Staging folders left by a
killed build are removed when the next one starts; the swap exchanges the two trees in one
step (Linux ``renameat2``), so output/ is never missing, and the new tree gets the usual
permissions (0755 folders) rather than ``mkdtemp``'s 0700.
"""

import logging
import os
import shutil
import stat
import sys
import tempfile
from pathlib import Path

from pelican import Pelican

from ..model.problems import ContentError, internal_error
from ..plugin import forget_site
from ..settings import DOCUMENTS_MEMORY, DOCUMENTS_WRITTEN, INDEX_STATS, PART, PARTS, PROGRESS, site_of
from ..views.parts import PORTAL
from . import search_index
from .commands import CommandFailed, require_units, settings_for
from .search_stable import ENTRY
from .swap import OLD_SUFFIX, swap

STAGING_PREFIX = ".output-"  # + the building process's id: .output-<pid>-<random>
FOLDER_MODE, FILE_MODE = 0o755, 0o644


class _WarningCollector(logging.Handler):
    """Collects Pelican's warnings: a clean build has none."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def build(config="pelicanconf.py", output=None, strict=False, out=sys.stdout, site_root=None, progress=None,
          units=None, parts=None, live=None, **override):
    """Check, then build into a fresh folder beside ``output`` and swap it in only on success.

    ``progress``: a ``tools.progress.BuildProgress`` (or any ``progress(stage, done, total)``) to show the stages.
    ``units``: write only these units' parts of the site (``views.parts``; ``invoke build --unit``).
    ``parts``: a folder whose subfolders hold every unit's part, each made by ``units=``: write the
    portal's part and take the units' in (``invoke assemble``). Either way the whole site is checked.
    ``live``: the preview's ``tools.live.Live``, which keeps this build's generators to write its rebuilds."""
    settings = settings_for(config, site_root, OUTPUT_PATH=output, DISCLOSURE_STRICT=strict, **override)
    settings[PROGRESS] = progress
    settings[PART] = set(units) if units else {PORTAL} if parts is not None else None
    require_units(settings, units or ())
    if live:
        live.prepare(settings)
    target = Path(settings["OUTPUT_PATH"])
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale(target)
    staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-", dir=target.parent))
    collector = _WarningCollector()
    logging.getLogger().addHandler(collector)
    indexer = None
    try:
        settings["OUTPUT_PATH"] = str(staging)
        try:
            pelican = Pelican(settings)
            print(site_of(settings).problems.report(), file=out)
            indexer = _indexer(settings, staging)
            pelican.run()
            if parts is not None:
                _take_parts(staging, Path(parts), settings[PARTS])
            if not live:  # the preview writes its rebuilds with this site
                forget_site(settings)
        except ContentError as exc:
            print(exc.problems.report(), file=out)
            raise CommandFailed("检查未通过，未生成网站，原有的 output/ 保持不变。") from None
        except CommandFailed:
            raise
        except Exception as exc:  # never a traceback: the file being processed and what went wrong
            print(internal_error(exc), file=out)
            raise CommandFailed("构建时程序出错，未生成网站，原有的 output/ 保持不变。") from None
        if collector.messages:
            print("\n".join(f"Pelican：{message}" for message in collector.messages), file=out)
            raise CommandFailed(f"构建时 Pelican 报告了 {len(collector.messages)} 个问题（见上），原有的 output/ 保持不变。")
        if live:
            live.written(settings)
        try:
            settings[INDEX_STATS] = indexer.finish(progress)
        except search_index.IndexingFailed as exc:
            raise CommandFailed(f"{exc}\n原有的 output/ 保持不变。") from None
        _normal_permissions(staging)
        swap(staging, target)
        if live:
            live.keep(settings, target)
    finally:
        if indexer:
            indexer.close()
        logging.getLogger().removeHandler(collector)
        shutil.rmtree(staging, ignore_errors=True)
    return target


def _indexer(settings, staging):
    """The search indexer of this build, told by the plugin when the documents are written
    (``DOCUMENTS_WRITTEN``) to start on the units' bundles while Pelican writes the lists."""
    part, owners = settings[PART], settings[PARTS]
    indexer = search_index.Indexer(staging, owners, part)
    settings[DOCUMENTS_WRITTEN] = lambda: indexer.start(lambda bundle: owners.owner(bundle) != PORTAL,
                                                        settings.get(DOCUMENTS_MEMORY))
    return indexer


def _take_parts(staging, parts, owners):
    """Put the units' parts, built by ``invoke build --unit``, beside the portal's.

    Each subfolder of ``parts`` holds the parts of the units whose search bundle it has; only the
    files those units own are taken from it."""
    built = {}  # unit → the folder holding its part
    for folder in sorted(path for path in parts.iterdir() if path.is_dir()):
        for slug in owners.units:
            if (folder / owners.search_bundle(slug) / ENTRY).is_file():
                if slug in built:
                    raise CommandFailed(f"单位“{slug}”的部分出现了两次：{built[slug]} 和 {folder}，请只保留本次生成的一份。")
                built[slug] = folder
    missing = sorted(slug for slug in owners.units if slug not in built)
    if missing:
        raise CommandFailed(f"{parts} 中没有这些单位的部分：{'、'.join(missing)}。请先运行 invoke build --unit "
                            f"{','.join(missing)} --output {parts / missing[0]}。")
    for folder in dict.fromkeys(built.values()):
        for directory, _, files in os.walk(folder):
            for name in files:
                source = Path(directory, name)
                path = source.relative_to(folder).as_posix()
                if built.get(owners.owner(path)) == folder:
                    (staging / path).parent.mkdir(parents=True, exist_ok=True)
                    shutil.copyfile(source, staging / path)


def remove_stale(target):
    """Remove the staging folders of builds that are no longer running (killed, or crashed);
    if one was killed in the middle of a two-rename swap, put the previous site back first."""
    for entry in sorted(target.parent.glob(STAGING_PREFIX + "*")):
        owner = entry.name[len(STAGING_PREFIX):].split("-")[0]
        if owner.isdigit() and int(owner) != os.getpid() and _running(int(owner)):
            continue  # another build is using it
        if entry.name.endswith(OLD_SUFFIX) and not target.exists():
            entry.rename(target)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _running(pid):
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _normal_permissions(staging):
    """0755 folders and 0644 files, whatever the umask: a web server must be able to read them."""
    os.chmod(staging, FOLDER_MODE)
    mask = os.umask(0)
    os.umask(mask)
    if mask & 0o055:
        for folder, dirs, files in os.walk(staging):
            for name in dirs:
                os.chmod(os.path.join(folder, name), FOLDER_MODE)
            for name in files:
                path = os.path.join(folder, name)
                if not os.path.islink(path):
                    os.chmod(path, FILE_MODE | (stat.S_IMODE(os.stat(path).st_mode) & 0o111))
