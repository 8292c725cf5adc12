"""Random front matter, bodies and data files through check and build (issue 19).

Whatever the content, neither prints a traceback or an internal error, and whatever passes check
builds. Bounded for the suite: a fixed seed and ``FUZZ_EXAMPLES`` examples per test (profile
``ci``); ``FUZZ_PROFILE=long`` runs many more with fresh randomness, e.g.
``FUZZ_PROFILE=long .venv/bin/python -m pytest tests/test_fuzz.py``.
"""

import os
import shutil

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from support import build, check, make_site

FUZZ_EXAMPLES = 100  # per test in the suite: three tests, 300 checks, the ones that pass also built
settings.register_profile("ci", max_examples=FUZZ_EXAMPLES, derandomize=True, deadline=None, database=None,
                          suppress_health_check=list(HealthCheck), print_blob=True)
settings.register_profile("long", max_examples=2000, deadline=None,
                          suppress_health_check=list(HealthCheck), print_blob=True)
PROFILE = os.environ.get("FUZZ_PROFILE", "ci")
ITEM = "content/tjj/notices/fuzz.md"
DATA_FILES = ("data/units/tjj/agency.yaml", "data/taxonomy.yaml", "data/holidays.yaml", "data/site.yaml",
              "data/units/tjj/annual/2023.yaml")

# Text that has broken something before: formulas, control characters, paths, markup, PII, dates.
NASTY = st.sampled_from([
    "=HYPERLINK(\"http://x\")", "+1", "-2.5", "@SUM(A1)", "\tx", "a\u000bb", "a\u0000b", "\u2028", "..", "../../.git/config",
    "/etc/passwd", "{static}../../x", "<b>x</b>", "<script>1</script>", "13812345678", "１３８１２３４５６７８",
    "2026-02-30", "2026-11-01", "CSX-TJJ/2026-00001", "CSX-TJJ/2020-00001", "测统〔2026〕1号", "测统[2026]1号",
    "请填写文号", "办公室", "notice", "normative", "page", "guide", "catalog", "x.csv", "a.pdf", "2023/form.txt",
    ".nan", "~", "", " ", "\n", "中文", "a" * 300])
TEXT = st.one_of(NASTY, st.text(max_size=20))
SCALAR = st.one_of(st.none(), st.booleans(), st.integers(-10**20, 10**20),
                   st.floats(allow_nan=True, allow_infinity=True), TEXT)
VALUE = st.recursive(SCALAR, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                     st.dictionaries(TEXT, inner, max_size=4)), max_leaves=12)
KEYS = st.sampled_from([
    "title", "type", "index_number", "publish_date", "written_date", "issuer", "doc_number", "topic", "genre",
    "department", "keywords", "summary", "attachments", "changes", "effective_date", "expiry_date",
    "registration_number", "repeals", "amends", "tasks", "interprets", "interpreter", "form", "period", "datasets",
    "opens", "closes", "feedback", "year", "pii_allow", "template", "slug", "unknown_key"])
BODY = st.lists(st.one_of(TEXT, st.sampled_from([
    "[a]({static}../attachments/2023/form.txt)", "[a]({attach}../../../pelicanconf.py)", "[a]({filename}a.md)",
    "[a]({doc}CSX-TJJ/2023-00001)", "[a](|static|/etc/hosts)", "```chart\nseries: x.csv\n```", "```chart\n- 1\n```",
    "<img src=\"{static}&#46;&#46;/x\">", "138<b>1234</b>5678", "# 标题", "| a | b |\n|---|---|\n| 1 | 2 |"])), max_size=6)
RAW_FRONT = st.sampled_from(["", "title: again\n", "x: &a [1]\ny: *a\n", "z: " + "[" * 40 + "]" * 40 + "\n",
                             "? [1]\n: 2\n", "fee: .inf\n"])


BUILT = []  # the sites that passed check and were built, for the report at the end


def assert_no_crash(text):
    assert "Traceback" not in text and "内部错误" not in text, text


def check_then_build(site):
    """The fuzz contract: no crash in check; what passes check builds, without a crash either."""
    ok, report = check(site)
    assert_no_crash(report)
    if ok:
        BUILT.append(site)
        built, text, _ = build(site)
        assert_no_crash(text)
        assert built, f"passed check but failed to build:\n{text}"


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("fuzz-base"))


def fresh(base, tmp_path_factory):
    site = tmp_path_factory.mktemp("fuzz-site") / "site"
    shutil.copytree(base, site, ignore=shutil.ignore_patterns("output", "cache", ".output-*"))
    return site


@settings(settings.get_profile(PROFILE))
@given(overrides=st.dictionaries(KEYS, VALUE, max_size=4), raw=RAW_FRONT, body=BODY,
       kind=st.sampled_from(["notice", "normative", "statistics", "interpretation", "consultation", "plan"]))
def test_random_front_matter(base, tmp_path_factory, overrides, raw, body, kind):
    site = fresh(base, tmp_path_factory)
    meta = {"title": "模糊测试条目", "type": kind, "index_number": "CSX-TJJ/2026-00099", "publish_date": "2026-11-01",
            "doc_number": "测统〔2026〕9号", "effective_date": "2026-11-02", "interprets": ["CSX-TJJ/2023-00001"],
            "opens": "2026-11-01", "closes": "2026-11-10"}
    meta.update(overrides)
    front = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False) + raw
    (site / ITEM).write_text(f"---\n{front}---\n\n" + "\n\n".join(body) + "\n", encoding="utf-8")
    check_then_build(site)


def _paths(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for number, item in enumerate(value):
            yield from _paths(item, path + (number,))


@settings(settings.get_profile(PROFILE))
@given(name=st.sampled_from(DATA_FILES), data=st.data())
def test_random_data_files(base, tmp_path_factory, name, data):
    site = fresh(base, tmp_path_factory)
    path = site / name
    tree = yaml.safe_load(path.read_text(encoding="utf-8"))
    for _ in range(data.draw(st.integers(1, 3))):
        where = data.draw(st.sampled_from(list(_paths(tree))))
        action = data.draw(st.sampled_from(["replace", "delete", "add"]))
        if not where:
            tree = data.draw(VALUE)
            continue
        parent = tree
        for key in where[:-1]:
            parent = parent[key]
        if action == "delete":
            del parent[where[-1]]
        elif action == "add" and isinstance(parent, dict):
            parent[data.draw(TEXT)] = data.draw(VALUE)
        else:
            parent[where[-1]] = data.draw(VALUE)
        if not isinstance(tree, (dict, list)):
            break
    path.write_text(yaml.safe_dump(tree, allow_unicode=True, sort_keys=False), encoding="utf-8")
    check_then_build(site)


@settings(settings.get_profile(PROFILE))
@given(name=st.sampled_from(["data/units/tjj/series/cpi.csv", "data/units/tjj/powers/p.yaml", "content/tjj/pages/x.md",
                             "content/pages/x.md", "content/tjj/attachments/x.html", "content/tjj/.x.md"]),
       text=st.one_of(TEXT, BODY.map("\n".join)))
def test_random_extra_files(base, tmp_path_factory, name, text):
    """A file staff add anywhere: series, powers, pages, attachments, hidden files."""
    site = fresh(base, tmp_path_factory)
    path = site / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if name.endswith(".md"):
        text = f"---\ntitle: 页面\nslug: {text.splitlines()[0] if text.strip() else 'x'}\n---\n\n{text}\n"
    path.write_text(text, encoding="utf-8")
    check_then_build(site)


def test_the_fuzzing_built_some_sites():
    """The strategies start from valid content, so part of the random sites pass check and are built."""
    assert len(BUILT) >= 10, len(BUILT)
