"""The compact district index: the titles, 文号 and keywords of every document and page, which the
search page searches when no unit is chosen on a large site (the 标题 search of a portal, beside
every unit's full text). Each result shows its summary.

A district-wide full-text search downloads every Pagefind bundle's metadata and index chunks (5.1 MB
gzip at 100,000 documents, docs/scaling.md). This index costs a query one term file per word and
filter, and the table rows of the results it shows. A unit's full text stays in its own bundles.

Terms: in runs of CJK characters every character and every pair of neighbours; runs of
ASCII letters and digits whole; filter values as ``key=value``. A query is cut the same way (pairs
only, where a run has two characters or more) in theme/js/search.js, so a change here is made there too.
"""

import re
import unicodedata
from collections import defaultdict

from . import search, urls

# A site with this many documents searches district-wide here, not in every unit's full text: its
# bundles (at least one per unit) would cost a first query about 90 KB gzip each.
COMPACT_FROM = 3000
ROWS_PER_FILE = 50  # rows of the results table in one file: a page of results touches few of them
ROWS_PER_SHARD = 128  # a term file holds the terms of about this many rows: 9,000 postings, 25 KB
CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
WORD = re.compile(r"[0-9a-z]+")
FNV_OFFSET, FNV_PRIME = 2166136261, 16777619


def used(site):
    return len(site.records) >= COMPACT_FROM


def terms(text):
    """The terms of a text, as the index holds them."""
    text = unicodedata.normalize("NFKC", text).lower()
    found = set(WORD.findall(text))
    for run in CJK_RUN.findall(text):
        found.update(run)
        found.update(map(str.__add__, run, run[1:]))
    return found


def shard_of(term, shards):
    """FNV-1a over the term's code points: the term file that holds it (search.js hashes alike)."""
    value = FNV_OFFSET
    for character in term:
        value = ((value ^ ord(character)) * FNV_PRIME) & 0xFFFFFFFF
    return value % shards


def _row(site, record):
    """What a result shows: the page's address, title, summary and, as Pagefind's results do, its meta."""
    page_meta = {"unit": record.unit.name} if record.unit else {}
    meta = page_meta if record.is_page else search.result_meta(site, record)
    return {"url": record.url, "title": record.meta["title"], **meta, "summary": record.summary}


def _terms_of(site, record, row):
    """(terms of the title, terms of the 文号, keywords and filters that the title lacks). A summary's
    text is shown with a result but not searched: it would make the index three times the size."""
    meta = record.meta
    title = terms(meta["title"])
    rest = terms(" ".join([row.get("doc_number", ""), *(meta.get("keywords") or ())]))
    if not record.is_page:  # not the unit: a search within one unit reads its full text instead
        rest.update(f"{key}={value}" for key, values in search.filter_values(site, record).items()
                    if key != "unit" for value in values)
    return title, rest - title


def _items(site):
    """The rows' records in row order: newest document first, then the pages."""
    return site.newest_first() + sorted(site.pages, key=lambda page: page.url)


def _shards(rows):
    """How many term files an index of this many rows has: a power of two, so that search.js needs only
    the number, and about ``ROWS_PER_SHARD`` rows' terms in each."""
    shards = 1
    while rows > shards * ROWS_PER_SHARD:
        shards *= 2
    return shards


def layout(site):
    """What the search page needs to read the index: how many term files, and rows in a file."""
    return {"shards": _shards(len(site.records) + len(site.pages)), "rows_per_file": ROWS_PER_FILE}


def paths(site):
    """The index's files, below the output folder (found without building it, as the preview needs)."""
    rows, shards = len(site.records) + len(site.pages), layout(site)["shards"]
    return [_rows_path(number) for number in range(-(-rows // ROWS_PER_FILE))] + [_terms_path(n) for n in range(shards)]


def _rows_path(number):
    return f"{urls.SEARCH_COMPACT}rows/{number}.json"


def _terms_path(number):
    return f"{urls.SEARCH_COMPACT}terms/{number}.json"


def files(site):
    """Path below the output folder → the JSON data of each of the index's files.

    Rows are numbered newest document first, then the pages; a term's postings are the row numbers
    having it in the title and those having it elsewhere only, each as a first number and differences.
    """
    items = _items(site)
    rows, in_title, elsewhere = [], defaultdict(list), defaultdict(list)
    for number, record in enumerate(items):
        row = _row(site, record)
        rows.append(row)
        title, rest = _terms_of(site, record, row)
        for term in title:
            in_title[term].append(number)
        for term in rest:
            elsewhere[term].append(number)
    shards = _shards(len(items))
    postings = [{} for _ in range(shards)]
    for term in sorted(in_title.keys() | elsewhere.keys()):
        postings[shard_of(term, shards)][term] = [_differences(in_title.get(term, ())),
                                                  _differences(elsewhere.get(term, ()))]
    found = {_rows_path(at // ROWS_PER_FILE): rows[at:at + ROWS_PER_FILE] for at in range(0, len(rows), ROWS_PER_FILE)}
    found.update((_terms_path(number), shard) for number, shard in enumerate(postings))
    return found


def _differences(numbers):
    return list(map(int.__sub__, numbers, [0, *numbers[:-1]]))
