"""What a view hands the plugin to write: a page's URL, its template and the template's parameters."""

import datetime
from dataclasses import dataclass, field


@dataclass
class Page:
    url: str  # the page's folder, relative to the site root; the file is url + index.html
    template: str  # theme/templates/<template>.html
    params: dict = field(default_factory=dict)  # or, with ``made_from``, a function that makes them
    lastmod: datetime.date = None  # for the sitemap
    unit: object = None  # the unit whose section holds the page; None for the portal's own pages
    made_from: object = None  # what the parameters follow from, when cheaper to compare than they are to make
