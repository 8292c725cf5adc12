"""What each output file was made from, for the preview (``tools.live``): after an edit, a generator
that is run again writes only the files whose inputs changed, and the files no generator makes any
more are found and removed. A build without a ledger (settings ``LEDGER`` unset) writes everything.

A page's inputs are what its template is given: the view's parameters, its address and unit. The
frame (``views.sections``) and the templates come from data and theme files, whose change makes the
preview build everything again, so they are not part of it. Files made together from the items
(a unit's lifecycle pages, the search's identifier files) are compared by those items' inputs
(``together``), so a rebuild does not compute their views at all when none of these changed.
"""

import hashlib
import pickle
from contextlib import contextmanager, nullcontext

from .. import settings as config


def fingerprint(*inputs):
    return hashlib.sha1(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).digest()


def text_fingerprint(text):
    """A long text's fingerprint, from its encoded bytes: pickling the text itself would leave a UTF-8
    copy of it inside the string for as long as it lives, and the preview keeps every body."""
    return hashlib.sha1(text.encode("utf-8")).digest()


class Ledger:
    def __init__(self):
        self.inputs = {}  # output path → fingerprint of what it was last written from
        self.claimed = None  # the paths a rebuild under way makes (written or unchanged); None in a full build
        self.groups = {}  # name → (fingerprint, the paths made with it): files made together (``together``)
        self.making = None  # the paths of the group being made

    def begin(self):
        self.claimed = set()

    def fresh(self, path, *inputs):
        """Whether ``path`` must be written: when its inputs changed (a full build starts with a new ledger)."""
        made = fingerprint(*inputs)
        if self.claimed is not None:
            self.claimed.add(path)
        if self.making is not None:
            self.making.add(path)
        if self.inputs.get(path) == made:
            return False
        self.inputs[path] = made
        return True

    @contextmanager
    def together(self, name, *inputs):
        """Files made together from ``inputs``: yields whether they must be made again. When not,
        the files made last time are kept as they are, and nothing is computed to compare them."""
        made = fingerprint(*inputs)
        last = self.groups.get(name)
        if last is not None and last[0] == made:
            if self.claimed is not None:
                self.claimed |= last[1]
            yield False
            return
        self.making = set()
        try:
            yield True
            self.groups[name] = made, self.making
        finally:
            self.making = None

    def keep(self, path):
        """A rebuild makes ``path`` but leaves its writing to later (``fresh`` then writes it)."""
        if self.claimed is not None:
            self.claimed.add(path)

    def end(self):
        """The paths written before but by no generator this time, forgotten here."""
        gone = sorted(set(self.inputs) - self.claimed)
        for path in gone:
            del self.inputs[path]
        self.groups = {name: group for name, group in self.groups.items() if group[1] <= self.claimed}
        self.claimed = None
        return gone


def record_inputs(record, body):
    """What an item's own page, and its line in a feed, are made from: its front matter, place,
    derived validity and summary, rendered body and the addresses its links become, and the items
    it is linked with."""
    return fingerprint(record.meta, record.unit and record.unit.slug, record.url, record.relative, record.validity,
                       record.summary, text_fingerprint(body), [target.url for target in record.body_links],
                       record.category and record.category["slug"],
                       sorted((name, [target.index_number for target in targets]) for name, targets in record.links.items()))


class KeptByInputs:
    """What a generator makes of each item, made when first asked for and kept by the item's inputs
    (``record_inputs``) when they are known (the preview, whose next rebuild passes ``made`` back as
    ``kept`` and so makes only the changed items'), else by the item itself (a build)."""

    def __init__(self, inputs, kept, make):
        self.inputs, self.kept, self.make, self.made = inputs, kept, make, {}

    def key(self, record):
        return record if self.inputs is None else self.inputs[record.file]

    def __getitem__(self, record):
        key = self.key(record)
        if key not in self.made:
            self.made[key] = self.kept[key] if key in self.kept else self.make(record)
        return self.made[key]

    def for_next(self):
        """What the next rebuild starts from: nothing, in a build."""
        return {} if self.inputs is None else self.made


def together(settings, name, *inputs):
    """``Ledger.together``: always made, without a ledger."""
    ledger = settings.get(config.LEDGER)
    return nullcontext(True) if ledger is None else ledger.together(name, *inputs)


def fresh(settings, path, *inputs):
    """Whether this build writes ``path`` made from ``inputs`` (always, without a ledger)."""
    ledger = settings.get(config.LEDGER)
    return ledger is None or ledger.fresh(path, *inputs)
