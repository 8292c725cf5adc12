"""Has this document been imported before? A re-run must not write a second item.

Two tests, in order:
1. The same file: the original is kept byte for byte under content/attachments/, so a file
   there with the same SHA-256 (only files of the same size are hashed) names the earlier item.
2. The same document in another format (the .pdf of a .docx already imported, or a .txt):
   an item with the same title and 文号, or, for documents without a 文号, the same title and
   成文日期.
"""

import hashlib
from collections import defaultdict
from pathlib import Path

CHUNK = 1 << 20


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


class KnownDocuments:
    """What the site already holds, kept up to date as items are written during one run."""

    def __init__(self, records, attachments_dir):
        self.attachments_dir = Path(attachments_dir)
        self.by_size = defaultdict(list)
        if self.attachments_dir.is_dir():
            for path in self.attachments_dir.rglob("*"):
                if path.is_file():
                    self.by_size[path.stat().st_size].append(path)
        self.records = list(records)

    def copy_of(self, source):
        """The attachment that is a byte-for-byte copy of source, or None."""
        candidates = self.by_size.get(source.stat().st_size, ())
        if not candidates:
            return None
        digest = sha256(source)
        return next((path for path in candidates if sha256(path) == digest), None)

    def item_attaching(self, attachment):
        """The item whose attachments include this file, or None."""
        name = attachment.relative_to(self.attachments_dir).as_posix()
        return next((record for record in self.records
                     if any(isinstance(a, dict) and a.get("file") == name for a in record.meta.get("attachments") or ())),
                    None)

    def same_document(self, title, doc_number, written_date):
        """An item with the same title and 文号 (or 成文日期 when there is no 文号), or None."""
        for record in self.records:
            meta = record.meta
            if meta.get("title") != title:
                continue
            if doc_number and meta.get("doc_number") == doc_number:
                return record
            if not doc_number and written_date and meta.get("written_date") == written_date:
                return record
        return None

    def add(self, record, attachment=None):
        self.records.append(record)
        if attachment is not None:
            self.by_size[attachment.stat().st_size].append(attachment)
