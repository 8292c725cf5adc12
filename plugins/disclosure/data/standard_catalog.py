"""基层政务公开标准目录: data/standard_catalog.yaml, checked.

The file is optional: without it ``site.standard_catalog`` stays None and the page says that
no catalogue has been compiled yet.
"""

from ..model.schema import to_dates

FILE = "standard_catalog.yaml"
SCHEMA = "standard_catalog.schema.json"


def load(site):
    for unit in site.units.values():
        _load_unit(site, unit)


def _load_unit(site, unit):
    path = unit.data_dir / FILE
    if not path.is_file():
        return
    source, clean = site.schemas.check_file(path, SCHEMA, site.problems)
    if clean:
        catalogue = to_dates(source.data, {"updated"})
        for item in catalogue["items"]:
            item.setdefault("subject", unit.name)
        unit.standard_catalog = catalogue
