"""What each output file was made from, for the preview (``tools.live``): after an edit, a generator
that is run again writes only the files whose inputs changed, and the files no generator makes any
more are found and removed. A build without a ledger (settings ``LEDGER`` unset) writes everything.

A page's inputs are what its template is given: the view's parameters, its address and unit. The
frame (``views.sections``) and the templates come from data and theme files, whose change makes the
preview build everything again, so they are not part of it.
"""

import hashlib
import pickle

from .. import settings as config


def fingerprint(*inputs):
    return hashlib.sha1(pickle.dumps(inputs, protocol=pickle.HIGHEST_PROTOCOL)).digest()


class Ledger:
    def __init__(self):
        self.inputs = {}  # output path → fingerprint of what it was last written from
        self.claimed = None  # the paths a rebuild under way makes (written or unchanged); None in a full build

    def begin(self):
        self.claimed = set()

    def fresh(self, path, *inputs):
        """Whether ``path`` must be written: when its inputs changed (a full build starts with a new ledger)."""
        made = fingerprint(*inputs)
        if self.claimed is not None:
            self.claimed.add(path)
        if self.inputs.get(path) == made:
            return False
        self.inputs[path] = made
        return True

    def keep(self, path):
        """A rebuild makes ``path`` but leaves its writing to later (``fresh`` then writes it)."""
        if self.claimed is not None:
            self.claimed.add(path)

    def end(self):
        """The paths written before but by no generator this time, forgotten here."""
        gone = sorted(set(self.inputs) - self.claimed)
        for path in gone:
            del self.inputs[path]
        self.claimed = None
        return gone


def record_inputs(record, body):
    """What an item's own page, and its line in a feed, are made from: its front matter, place,
    derived validity and summary, rendered body and the addresses its links become, and the items
    it is linked with."""
    return fingerprint(record.meta, record.unit and record.unit.slug, record.url, record.relative, record.validity,
                       record.summary, body, [target.url for target in record.body_links],
                       record.category and record.category["slug"],
                       sorted((name, [target.index_number for target in targets]) for name, targets in record.links.items()))


def fresh(settings, path, *inputs):
    """Whether this build writes ``path`` made from ``inputs`` (always, without a ledger)."""
    ledger = settings.get(config.LEDGER)
    return ledger is None or ledger.fresh(path, *inputs)
