"""files → validated records → derived relations: the one entry point, ``load_site``.

``invoke check`` and the Pelican build both call it, so both report exactly the same problems.
It never raises for content: every problem goes to ``site.problems``.
"""

from pathlib import Path

from . import settings as config
from .data import (annual, chart_blocks, holidays, identity, inspection, powers, replies, series, standard_catalog,
                   website_report)
from .model import content, ownership, relations, reply_guard, units
from .model.schema import Schemas
from .model.site import Site

TAXONOMY_FILE, TAXONOMY_SCHEMA = "taxonomy.yaml", "taxonomy.schema.json"
# Stages with ``load(site)``, run in this order once the records and their relations exist.
STAGES = (identity, inspection, series, chart_blocks, annual, powers, standard_catalog, website_report, replies, reply_guard,
          ownership)


def load_site(settings, schemas=None):
    """Read data and content under the settings' paths."""
    site = Site(settings, config.build_date(settings), config.data_path(settings), schemas or Schemas())
    content_dir = Path(settings[config.CONTENT_PATH])
    taxonomy = site.read_data(site.data_dir / TAXONOMY_FILE, TAXONOMY_SCHEMA)
    holidays.load(site)
    if not units.load(site, content_dir) or taxonomy is None:
        return site
    site.taxonomy = taxonomy.data
    content.load(site, content_dir)
    relations.derive(site)
    for module in STAGES:
        module.load(site)
    return site
