"""disclosure: the Pelican plugin and staff tools for a 政务公开 (government information disclosure) site.

Data flows one way: files → validated records (``model``, ``data``, ``load``) → derived relations
(``model.relations``) → views (``views``) → pages and exports (``plugin``). ``tools`` holds what
``tasks.py`` runs; the plugin never imports it. See docs/architecture.md.
"""

from .plugin import register

__all__ = ["register"]
