"""files → validated records → derived relations: the one entry point, ``load_site``.

``invoke check`` and the Pelican build both call it, so both report exactly the same problems.
It never raises for content: every problem goes to ``site.problems``.
"""

from dataclasses import replace
from pathlib import Path

from . import settings as config
from .data import (
    annual,
    chart_blocks,
    external_links,
    funds,
    guides,
    holidays,
    identity,
    inspection,
    powers,
    replies,
    series,
    standard_catalog,
    website_report,
)
from .model import containment, content, ownership, relations, reply_guard, taxonomy as taxonomy_checks, units
from .model.problems import ERROR
from .model.schema import Schemas
from .model.site import Site
from .views import addresses

TAXONOMY_FILE, TAXONOMY_SCHEMA = "taxonomy.yaml", "taxonomy.schema.json"
# Stages with ``load(site)``, run in this order once the records and their relations exist.
STAGES = (identity, external_links, inspection, series, chart_blocks, annual, powers, guides, funds, standard_catalog,
          website_report, replies, reply_guard, ownership)


def load_site(settings, schemas=None, build_date=None, checked=None):
    """Read data and content under the settings' paths, as the build of ``build_date`` (default: the
    settings' build date) sees them. ``checked``: the content files' checks kept from earlier loads
    (``model.content.load``)."""
    site = Site(settings, build_date or config.build_date(settings), config.data_path(settings), schemas or Schemas(checked=checked))
    content_dir = Path(settings[config.CONTENT_PATH])
    containment.check_trees(site.problems, content_dir, site.data_dir)
    taxonomy = site.read_data(site.data_dir / TAXONOMY_FILE, TAXONOMY_SCHEMA)
    holidays.load(site)
    if not units.load(site, content_dir) or taxonomy is None or not taxonomy_checks.check(site, taxonomy):
        return site
    site.taxonomy, site.taxonomy_source = taxonomy.data, taxonomy
    containment.load(site, content_dir)
    content.load(site, content_dir, checked)
    relations.derive(site)
    for module in STAGES:
        module.load(site)
    addresses.check(site)  # the address plan of the views, so a collision fails check, not the build
    return site


def check_as_published(site):
    """Items held back for a later day (定时发布) are checked now as that day's build will see them, so a
    mistake in one fails ``invoke check`` (run on every push and merge request), not the nightly build
    of its day. Only the check loads the site twice; a build publishes none of them."""
    if not site.scheduled:
        return
    day = max(record.meta["publish_date"] for record in site.scheduled)
    later = load_site(site.settings, site.schemas, build_date=day).problems
    files = {record.path for record in site.scheduled}
    known = set(site.problems.items)
    for problem in later.items:
        if problem not in known and (problem.severity == ERROR or problem.path in files):
            site.problems.items.append(replace(problem, message=f"（按 {day} 发布时检查）{problem.message}"))
