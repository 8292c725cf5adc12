"""Writes each unit's Atom feeds: all its items (even none yet: every page links it), and one per
catalogue category it has items in. Pelican writes the portal's feed of every item (FEED_ALL_ATOM)."""

from ..views import urls
from .writing import PageGenerator


class FeedsGenerator(PageGenerator):
    def generate_output(self, writer):
        articles = self.context.get("articles", ())  # newest first (ARTICLE_ORDER_BY)
        categories = self.site.taxonomy["categories"]
        for unit in self.site.units.values():
            own = [a for a in articles if a.record.unit is unit]
            writer.write_feed(own, self.context, urls.feed(unit), feed_title=unit.name)
            for category in categories:
                chosen = [a for a in own if a.record.category is category]
                if chosen:
                    writer.write_feed(chosen, self.context, urls.feed(unit, category["slug"]),
                                      feed_title=f"{unit.name} {category['name']}")
