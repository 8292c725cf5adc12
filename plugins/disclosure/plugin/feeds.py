"""Writes each unit's Atom feeds: all its items (even none yet: every page links it), and one per
catalogue category it has items in. Pelican writes the portal's feed of every item (FEED_ALL_ATOM)."""

from collections import defaultdict

from ..views import urls
from .writing import PageGenerator


class FeedsGenerator(PageGenerator):
    def generate_output(self, writer):
        articles = self.context.get("articles", ())  # newest first (ARTICLE_ORDER_BY)
        categories = self.site.taxonomy["categories"]
        grouped = defaultdict(list)  # (unit, category) → its articles, and (unit, None) → all the unit's
        for article in articles:
            unit, category = article.record.unit.slug, article.record.category
            grouped[unit, None].append(article)
            if category:
                grouped[unit, category["slug"]].append(article)
        for unit in self.site.units.values():
            writer.write_feed(grouped[unit.slug, None], self.context, urls.feed(unit), feed_title=unit.name)
            for category in categories:
                chosen = grouped[unit.slug, category["slug"]]
                if chosen:
                    writer.write_feed(chosen, self.context, urls.feed(unit, category["slug"]),
                                      feed_title=f"{unit.name} {category['name']}")
