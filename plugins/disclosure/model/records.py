"""A validated content file (``Record``) and the taxonomy facts that place it in the catalogue."""

from dataclasses import dataclass, field

ATTACHMENTS_DIR = "attachments"
PAGES_DIR = "pages"
# The pages every unit's section links to from its fixed columns and navigation: template → title.
# Their templates take the unit's data, so only a unit's pages may use them.
UNIT_PAGES = {"guide": "政府信息公开指南", "rules": "政府信息公开制度", "organization": "机构职能", "apply": "依申请公开"}
PAGE_TEMPLATES = ("page", "page_with_contacts")  # the templates any standalone page may use
TYPE_FOLDERS = {  # where `invoke new` and `invoke import` put an item of each type
    "normative": "normative", "document": "documents", "plan": "plans",
    "interpretation": "interpretations", "statistics": "statistics", "notice": "notices",
    "consultation": "consultations", "report": "reports",
    "guide": "guides", "funds": "funds", "repost": "reposts",
}


@dataclass(eq=False)
class Record:
    """One content file after validation, plus what the later stages derive for it."""

    source: object  # source.Source: the parsed file with its line numbers
    meta: dict
    unit: object = None  # model.site.Unit whose folder holds the file; None for the portal's own pages
    file: str = ""  # absolute path, as Pelican passes it to the reader
    relative: str = ""  # path below the content folder, for {filename} links
    is_page: bool = False
    url: str = ""
    category: dict = None
    validity: str = ""  # derived by relations, see validity.validity
    links: dict = field(default_factory=dict)  # relation name → [Record]
    body_links: list = field(default_factory=list)  # the items and pages the body links to (relations)
    charts: list = field(default_factory=list)  # data.chart_blocks.ChartBlock of the body, found at load
    summary: str = ""  # meta summary, else derived from the rendered body (plugin.bodies)

    def __post_init__(self):
        # Read on every pass over the records, a dozen per build: attributes, which cost less than
        # properties. Nothing changes a record's source or front matter once it is made.
        self.path = self.source.path if self.source else None
        self.index_number, self.type = self.meta.get("index_number"), self.meta.get("type")
        self.publish_date = self.meta.get("publish_date")  # None only in a file with an error about it

    def __copy__(self):
        """``copy.copy``'s shallow copy, without its generic way, eight times slower: a reload copies every record."""
        copied = object.__new__(type(self))
        copied.__dict__.update(self.__dict__)
        return copied


def category_for(taxonomy, meta):
    """The first catalogue category whose types (and interpretation forms) admit the item."""
    for category in taxonomy["categories"]:
        if meta.get("type") in category["types"] and (
            "forms" not in category or meta.get("form") in category["forms"]
        ):
            return category
    return None


def topic_names(taxonomy):
    """Every topic a file may name: ``大类`` or ``大类/子类``."""
    names = set()
    for topic in taxonomy["topics"]:
        names.add(topic["name"])
        names.update(f"{topic['name']}/{child}" for child in topic.get("children", ()))
    return names
