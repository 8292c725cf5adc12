"""基层政务公开标准目录: data/standard_catalog.yaml → the table page and its CSV export.

The file is optional. ``load(site)`` sets ``site.standard_catalog`` to the checked data, or to
None without a file; the page then says that no catalogue has been compiled yet.
"""

import itertools
import logging

from .reader import SITE_SETTING
from .schema import to_dates
from .writing import PageGenerator

log = logging.getLogger(__name__)

FILE = "standard_catalog.yaml"
SCHEMA = "standard_catalog.schema.json"
URL = "standard-catalog/"
CSV_NAME = "standard-catalog.csv"
LIST_SEPARATOR = "、"  # between the entries of a list inside one cell
COLUMNS = (  # (key, heading) in the order of the national template
    ("first_level", "一级事项"), ("second_level", "二级事项"), ("content", "公开内容（要素）"),
    ("basis", "公开依据"), ("time_limit", "公开时限"), ("subject", "公开主体"),
    ("channels", "公开渠道和载体"), ("audience", "公开对象"), ("manner", "公开方式"), ("levels", "公开层级"),
)


def load(site):
    site.standard_catalog = None
    path = site.data_dir / FILE
    if not path.is_file():
        return
    source, clean = site.schemas.check_file(path, SCHEMA, site.problems)
    if clean:
        catalogue = to_dates(source.data, {"updated"})
        for item in catalogue["items"]:
            item.setdefault("subject", site.agency["name"])
        site.standard_catalog = catalogue


def rows(catalogue):
    """Every item as numbered text cells, in file order."""
    return [
        dict({key: LIST_SEPARATOR.join(item[key]) if isinstance(item[key], list) else item[key] for key, _ in COLUMNS},
             number=number)
        for number, item in enumerate(catalogue["items"], start=1)
    ]


def catalogue_view(catalogue):
    """The table: items grouped under their 一级事项 (consecutive items with the same one)."""
    if catalogue is None:
        return None
    groups = [{"name": name, "rows": list(members)}
              for name, members in itertools.groupby(rows(catalogue), key=lambda row: row["first_level"])]
    return {"title": catalogue["title"], "updated": catalogue["updated"].isoformat(),
            "count": len(catalogue["items"]), "groups": groups, "csv": CSV_NAME}


class StandardCatalogGenerator(PageGenerator):
    """Writes standard-catalog/ and standard-catalog.csv."""

    def generate_context(self):
        self.site = self.settings[SITE_SETTING]

    def generate_output(self, writer):
        catalogue = self.site.standard_catalog
        view = catalogue_view(catalogue)
        self.write_page(writer, URL + "index.html", "standard_catalog", catalogue=view,
                        lastmod=catalogue["updated"] if catalogue else None)
        if catalogue:
            self.write_csv(CSV_NAME, ["序号"] + [heading for _, heading in COLUMNS],
                           [[row["number"]] + [row[key] for key, _ in COLUMNS] for row in rows(catalogue)])
            log.info("disclosure: wrote the standard catalogue of %d items", view["count"])
