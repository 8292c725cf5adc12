"""Writing output the same way from every generator.

Pages are written with relative URLs and listed for the sitemap; CSV files
carry a BOM so Excel opens their Chinese text intact; JSON keeps Chinese readable.
"""

import csv
import json
import os

from pelican.generators import Generator

# Context key: (url, lastmod) of every page the disclosure generators wrote, for the sitemap.
SITEMAP_ENTRIES = "DISCLOSURE_SITEMAP_ENTRIES"


class PageGenerator(Generator):
    """A generator that writes whole pages from templates."""

    def write_page(self, writer, name, template, lastmod=None, **params):
        context = dict(self.context, **params)
        writer.write_file(name, self.get_template(template), context, relative_urls=True)
        self.context.setdefault(SITEMAP_ENTRIES, []).append((name.removesuffix("index.html"), lastmod))

    def write_csv(self, name, header, rows):
        """UTF-8 with BOM, so Excel opens it with its Chinese text intact."""
        with open(os.path.join(self.output_path, name), "w", encoding="utf-8-sig", newline="") as out:
            table = csv.writer(out)
            table.writerow(header)
            table.writerows(rows)

    def write_json(self, name, data):
        with open(os.path.join(self.output_path, name), "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, indent=1)
            out.write("\n")
