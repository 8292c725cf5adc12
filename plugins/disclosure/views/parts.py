"""Which part of the site an output file belongs to: a unit's (its section ``<unit>/`` and its
documents at ``doc/<索引号>/``) or the portal's (everything else: the home, the district-wide
lists, exports and search, the sitemap, the theme).

A district too large for one build job builds each unit's part in a job of its own (``invoke
build --unit``) and the portal's part last, taking the units' parts in (``invoke assemble``); the
result is the site one build would write, byte for byte. The search index has a bundle or more per part.
"""

from collections import namedtuple

from . import urls

PORTAL = ""  # the portal's part: what no unit owns
PartUnit = namedtuple("PartUnit", "slug name")  # what the parts need of a unit: not its records


class Parts:
    def __init__(self, site):
        # The search index goes on with these after the site is dropped (``plugin.forget_site``).
        self.units = {slug: PartUnit(unit.slug, unit.name) for slug, unit in site.units.items()}
        self._documents = {record.url + urls.INDEX_FILE: record.unit.slug for record in site.records}

    def owner(self, path):
        """The slug of the unit whose part holds ``path`` (below the output folder, with /), or PORTAL."""
        if path in self._documents:
            return self._documents[path]
        folder, _, rest = path.partition("/")
        return folder if rest and folder in self.units else PORTAL

    def search_bundle(self, part, number=1):
        """The folder of a part's search bundle: its first, or its ``number``th (``views.search.bundles``)."""
        return urls.search_bundle(self.units.get(part), number)
