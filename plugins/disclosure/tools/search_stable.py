"""Pagefind's filter files in one order, so two builds of the same site give the same bundle.

Pagefind writes each filter's values, and the list of filters in the metadata file, in hash-map
order, which changes from run to run (upstream issue Pagefind#638); the files are named by a hash
of their bytes, so the metadata file and ``pagefind-entry.json``, which name them, change too. This
rewrites them sorted: each filter file's values by value, the metadata's filters by name, each file
named by a hash of its new bytes (the search script only fetches a file by the name the metadata
gives). Every file is ``pagefind_dcd`` followed by CBOR, gzipped.
"""

import gzip
import hashlib
import json
from pathlib import Path

from . import cbor

ENTRY = "pagefind-entry.json"  # the bundle's entry file, which names every language's metadata

SIGNATURE = b"pagefind_dcd"
FILTER_HASH, META_HASH = 7, 13  # hex digits of the names Pagefind gives (zh-cn_1234567.pf_filter)
META_FILTERS = 3  # position of [[filter name, file hash]] in the metadata


def _read(path):
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(SIGNATURE):
        raise ValueError(f"{path}: not a Pagefind file")
    return cbor.decode(raw[len(SIGNATURE):])


def _write(folder, prefix, language, digits, suffix, value):
    data = gzip.compress(SIGNATURE + cbor.encode(value), compresslevel=9, mtime=0)
    name = f"{language}_{hashlib.sha256(data).hexdigest()[:digits]}"
    (folder / f"{prefix}{name}{suffix}").write_bytes(data)
    return name


def stabilize(bundle):
    """Rewrite the filter files, metadata and entry of the Pagefind bundle in ``bundle`` in canonical order."""
    bundle = Path(bundle)
    entry = json.loads((bundle / ENTRY).read_text(encoding="utf-8"))
    for language, about in entry["languages"].items():
        meta_path = bundle / f"pagefind.{about['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = []
        for name, digest in sorted(meta[META_FILTERS]):
            path = bundle / "filter" / f"{digest}.pf_filter"
            key, values = _read(path)
            path.unlink()
            filters.append([name, _write(bundle / "filter", "", language, FILTER_HASH, ".pf_filter",
                                         [key, sorted(values)])])
        meta[META_FILTERS] = filters
        meta_path.unlink()
        about["hash"] = _write(bundle, "pagefind.", language, META_HASH, ".pf_meta", meta)
    (bundle / ENTRY).write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
