"""files → validated records → derived relations: the one entry point, ``load_site``.

``invoke check`` and the Pelican build both call it, so both report exactly the same problems.
It never raises for content: every problem goes to ``site.problems``.
"""

from pathlib import Path

from . import settings as config
from .data import annual, chart_blocks, holidays, powers, replies, series, standard_catalog
from .model import content, relations, reply_guard
from .model.schema import Schemas
from .model.site import Site

AGENCY_FILE, AGENCY_SCHEMA = "agency.yaml", "agency.schema.json"
TAXONOMY_FILE, TAXONOMY_SCHEMA = "taxonomy.yaml", "taxonomy.schema.json"
# Data modules with ``load(site)``, run in this order once the records and their relations exist.
DATA_MODULES = (series, chart_blocks, annual, powers, standard_catalog, replies, reply_guard)


def load_site(settings, schemas=None):
    """Read data and content under the settings' paths."""
    site = Site(settings, config.build_date(settings), config.data_path(settings), schemas or Schemas())
    agency = site.read_data(site.data_dir / AGENCY_FILE, AGENCY_SCHEMA)
    taxonomy = site.read_data(site.data_dir / TAXONOMY_FILE, TAXONOMY_SCHEMA)
    holidays.load(site)
    if agency is None or taxonomy is None:
        return site
    site.agency, site.taxonomy = agency.data, taxonomy.data
    content.load(site, Path(settings[config.CONTENT_PATH]))
    relations.derive(site)
    for module in DATA_MODULES:
        module.load(site)
    return site
