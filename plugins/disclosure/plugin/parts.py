"""Building one part of the site (settings ``PART``, ``views.parts``): Pelican's writer and ours
write only that part's files. A page another part owns is not rendered, but still heard
(``content_written``), so the portal's sitemap lists every page. With the preview's ledger
(``plugin.ledger``), a feed or standalone page whose inputs did not change is not written again."""

from pelican import signals
from pelican.utils import sanitised_join
from pelican.writers import Writer

from .. import settings as config
from .ledger import fresh


def writes(settings, path):
    """Whether this build writes ``path`` (relative to the output folder)."""
    part = settings.get(config.PART)
    return part is None or settings[config.PARTS].owner(path) in part


class PartWriter(Writer):
    def write_file(self, name, template, context, *args, **kwargs):
        page = kwargs.get("page")  # a standalone page, with the preview's record of its inputs
        if name and hasattr(page, "inputs") and not fresh(self.settings, name, page.inputs):
            return None
        if not name or writes(self.settings, name):
            return super().write_file(name, template, context, *args, **kwargs)
        signals.content_written.send(sanitised_join(self.output_path, name), context=dict(context, **kwargs))
        return None

    def write_feed(self, elements, context, path=None, *args, **kwargs):
        if path is not None and not writes(self.settings, path):
            return None
        # A feed shows its first FEED_MAX_ITEMS items' titles, dates and bodies: their inputs (``plugin.ledger``).
        shown = elements[:self.settings["FEED_MAX_ITEMS"]]
        if path is None or fresh(self.settings, path, args, kwargs, [getattr(e, "inputs", None) for e in shown]):
            # Items' summaries link from the site's root, not from whichever page was written last.
            context["localsiteurl"] = context["SITEURL"]
            return super().write_feed(elements, context, path, *args, **kwargs)
        return None


def part_writer(pelican):
    return PartWriter
