"""``invoke import FILE…``: each 公文 file becomes one item that passes ``invoke check``.

Per file: read → paragraphs → parse → refuse on personal information → skip if already
imported → guess the type → write the item and keep the original as its attachment → check
the item with the same checker as ``invoke check``; an item that fails is removed again.
"""

import dataclasses
import shutil
import sys
from pathlib import Path

from ...load import load_site
from ...model import pii
from ...model.index_numbers import next_index_number, slug_of
from ...model.problems import Problems
from ...model.records import ATTACHMENTS_DIR, TYPE_FOLDERS
from ...model.source import display_path
from ...model.validation import RecordChecker
from .. import commands, front_matter
from . import classify, gongwen, item, reflow
from .dedupe import KnownDocuments
from .errors import Refused
from .extract import SUFFIXES, extract
from .patterns import NOT_FOR_PUBLICATION
from .report import REFUSED, SKIPPED, Outcome, progress, summary

# Types an import can write: the others need facts no 公文 states (what is interpreted, when a
# consultation closes, which year a report covers).
IMPORT_TYPES = ("document", "plan", "notice", "normative", "statistics")
UNKEPT_ORIGINALS = {".txt"}  # text extracted elsewhere is not the 全真版


def import_files(paths, unit=None, type=None, config="pelicanconf.py", site_root=None, today=None, out=sys.stdout):
    """Import files and folders of 公文; returns the Outcomes. Raises CommandFailed when a file
    was refused, after every file has been tried and the summary printed."""
    if type and type not in IMPORT_TYPES:
        raise commands.CommandFailed(f"--type 只能是 {'、'.join(IMPORT_TYPES)}：“{type}”需要原文中没有的信息，"
                                     f"请先按其他类型导入，再改类型并补齐字段。")
    files = _inputs(paths)
    settings = commands.settings_for(config, site_root)
    site = load_site(settings)
    if not site.units or not site.taxonomy:
        print(site.problems.report(), file=out)
        raise commands.CommandFailed("data/site.yaml、data/units/ 或 data/taxonomy.yaml 有错误，无法导入。")
    importer = Importer(site, commands.unit_of(site, unit), today or site.build_date)
    outcomes = []
    with progress(len(files), out) as show:
        for path in files:
            show(path.name)
            outcome = importer.import_file(path, type)
            outcomes.append(outcome)
            show(outcome)
    print(summary(outcomes), file=out)
    refused = sum(1 for o in outcomes if o.status == REFUSED)
    if refused:
        raise commands.CommandFailed(f"{refused} 个文件未导入，原因见上。")
    return outcomes


def place(site, unit, kind, year):
    """(item path, index number) for a new item of this type: content/<unit>/<type folder>/<slug>.md
    with the unit's next free 索引号, named like its address (as ``invoke new`` and the web editor name it)."""
    index = next_index_number(site, unit, year)
    return unit.content_dir / TYPE_FOLDERS[kind] / f"{slug_of(index)}.md", index


def _inputs(paths):
    """Files to import: the files named, and the 公文 files in the folders named (sorted)."""
    files = []
    for name in paths:
        path = Path(name)
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                            and not p.name.startswith((".", "~$")))
        elif path.is_file():
            files.append(path)
        else:
            raise commands.CommandFailed(f"找不到文件或文件夹“{name}”。")
    if not files:
        raise commands.CommandFailed(f"没有可导入的文件：支持 {'、'.join(SUFFIXES)}。")
    return files


class Importer:
    def __init__(self, site, unit, today):
        self.site, self.unit, self.today = site, unit, today
        self.content = Path(site.settings["PATH"])
        self.attachments = unit.content_dir / ATTACHMENTS_DIR
        self.known = KnownDocuments(unit.records + unit.scheduled, self.attachments)

    def import_file(self, path, forced_type=None):
        outcome = Outcome(path)
        try:
            self._import(path, forced_type, outcome)
        except Refused as exc:
            outcome.status, outcome.reason = REFUSED, str(exc)
        except Exception as exc:  # noqa: BLE001 - one unreadable file must not stop a folder's import
            outcome.status = REFUSED
            outcome.reason = (f"读取时出错（{type(exc).__name__}: {exc}）：文件格式可能不规范。"
                              "请用 Word/WPS 另存后重试，或把这个文件交给维护人员。")
        return outcome

    def _import(self, path, forced_type, outcome):
        copy = self.known.copy_of(path)
        earlier = copy and self.known.item_attaching(copy)
        if earlier:
            outcome.status, outcome.reason = SKIPPED, f"同一文件已导入为 {earlier.path}"
            return
        lines, reader_notes = extract(path)
        paragraphs = reflow.paragraphs(lines)
        _refuse_personal_information(path, paragraphs)
        document = gongwen.parse(paragraphs)
        _refuse_unpublishable(document)
        if not document.title:
            document.title = path.stem
            outcome.checks.append("没有识别出标题，暂用文件名作标题，请改为文件的正式标题")
        same = self.known.same_document(document.title, document.doc_number, document.written_date)
        if same:
            key = "文号" if document.doc_number else "成文日期"
            outcome.status, outcome.reason = SKIPPED, f"同一文件（标题和{key}相同）已导入为 {same.path}"
            return
        text = "\n".join(p.text for p in paragraphs)
        guess = classify.guess(document, text, forced_type)
        target, index = place(self.site, self.unit, guess.type, self.today.year)
        attachment = None
        if path.suffix.lower() not in UNKEPT_ORIGINALS:
            name = f"{slug_of(index)}{path.suffix.lower()}"  # the item's slug: unique, plain ASCII
            attachment = copy or self.attachments / str(self.today.year) / name
        meta = item.front_matter(document, guess, index, self.today,
                                 self._attachment_list(document, attachment), set(self.site.taxonomy.get("genres", ())))
        markdown = item.body_markdown(document, keep_attachment_note=attachment is None)
        text = front_matter.item_text(meta, markdown, front_matter.field_order(self.site.schemas, guess.type))
        self._write(path, target, attachment, text, copied=copy is None)
        outcome.path = target
        _explain(outcome, document, guess, meta, attachment, reader_notes, self.unit.name)

    def _attachment_list(self, document, attachment):
        if attachment is None:
            return []
        name = attachment.relative_to(self.attachments).as_posix()
        listed = [{"title": f"{document.title}（原件）", "file": name}]
        listed += [{"title": f"附件{n}：{title}（见原件）", "file": name}
                   for n, title in enumerate(document.attachments, start=1)]
        return listed

    def _write(self, source, target, attachment, text, copied):
        """Write the item (and copy the original), then check it as ``invoke check`` would;
        an item that does not pass is removed again, so nothing invalid is left behind."""
        if target.exists():
            raise Refused(f"{display_path(target)} 已存在，没有覆盖。")
        target.parent.mkdir(parents=True, exist_ok=True)
        if attachment is not None and copied:
            attachment.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, attachment)
        target.write_text(text, encoding="utf-8")
        problems = Problems()
        checker = RecordChecker(dataclasses.replace(self.site, problems=problems), self.unit, self.content)
        record = checker.check(target, is_page=False)
        if problems.errors or record is None:
            target.unlink()
            if attachment is not None and copied:
                attachment.unlink()
            raise Refused("写出的条目没有通过检查，已删除：\n" + problems.report())
        self.site.records.append(record)
        self.unit.records.append(record)
        self.known.add(record, attachment if copied else None)


def _refuse_personal_information(path, paragraphs):
    """Personal information anywhere in the text stops the import before anything is written."""
    found = []
    for paragraph in paragraphs:
        for kind, value, _ in pii.find_pii(paragraph.text):
            found.append(f"{display_path(path)}:{paragraph.number}: 正文: {paragraph.location}有疑似"
                         f"{pii.KIND_LABELS[kind]}“{value}”，不应公开。")
    if found:
        raise Refused("原文含有个人信息，没有导入：\n" + "\n".join(found) +
                      "\n请在原文件中删除或打码后重新导入；如确需公开（如单位办公电话），导入打码后的文件，"
                      "再在条目中写回原值并在 pii_allow 中写明理由。")


def _refuse_unpublishable(document):
    for note in document.notes:
        if NOT_FOR_PUBLICATION.search(note):
            raise Refused(f"附注写明“{note}”：这份文件不主动公开，没有导入。如经审查确定公开，请在原文件中改正附注后再导入。")


def _explain(outcome, document, guess, meta, attachment, reader_notes, unit_name):
    """What was read and guessed (always printed) and what staff must check."""
    guesses, checks = outcome.guesses, outcome.checks
    guesses.append(f"标题：{document.title}")
    guesses += guess.notes
    checks += guess.checks
    if "genre" in meta:
        guesses.append(f"体裁：{meta['genre']}")
    guesses.append(f"文号：{document.doc_number}" if document.doc_number else "文号：原文没有（或没有识别出）文号")
    if document.addressee:
        guesses.append(f"主送机关：{document.addressee}")
    if document.written_date:
        guesses.append(f"成文日期：{document.written_date}")
    else:
        checks.append("没有找到成文日期（落款中的日期），请补写 written_date")
    if "written_date" not in meta and document.written_date:
        checks.append(f"成文日期 {document.written_date} 晚于发布日期，没有写入，请核对")
    if document.issuer:
        guesses.append(f"发布机构：{document.issuer}（取自落款）")
        if unit_name and document.issuer != unit_name:
            checks.append(f"落款“{document.issuer}”与本单位名称“{unit_name}”不同，请核对 issuer")
    if document.attachments:
        guesses.append(f"附件说明：{'；'.join(document.attachments)}")
    if attachment is not None:
        guesses.append(f"原件（全真版）保存为 {display_path(attachment)}")
        if document.attachments:
            checks.append("附件说明中的附件都指向原件；如有单独的附件文件，请放到 content/attachments/ 下并改写 file")
    elif document.attachments:
        checks.append("附件说明保留在正文末尾：文本文件没有原件可附，请把附件文件放到 content/attachments/ 下并填写 attachments")
    if document.notes:
        guesses.append(f"附注：{'；'.join(document.notes)}")
    if document.colophon:
        guesses.append(f"版记（不放进正文）：{'；'.join(document.colophon)}")
    if document.appendix:
        checks.append("落款之后的附件内容已接在正文末尾，请对照原件核对格式")
    guesses.append(f"发布日期：今天（{meta['publish_date']}）；如果这份文件早已公开，请改为当时的发布日期")
    checks += reader_notes
