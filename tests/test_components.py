"""Each template component rendered on its own from example parameters (tests/fixtures/components.yaml),
as GOV.UK Frontend tests its macros: a plain Jinja2 environment with pelicanconf's options, no build."""

import re
import runpy
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from jinja2 import Environment, FileSystemLoader, nodes
from markupsafe import Markup

from disclosure.plugin.templates import read_keys_first
from support import CONFIG, FIXTURES, parse, select, text_of

PELICANCONF = runpy.run_path(CONFIG)
TEMPLATES = Path(PELICANCONF["THEME"]) / "templates"
COMPONENTS = sorted((TEMPLATES / "components").glob("*.html"))
ENVIRONMENT = Environment(loader=FileSystemLoader(str(TEMPLATES)), **PELICANCONF["JINJA_ENVIRONMENT"])
DEFAULT_SITEURL = ".."
SCOPES = {"col", "colgroup", "row", "rowgroup"}
BEM = re.compile(r"^(?P<block>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)(?P<element>__[a-z0-9]+(?:-[a-z0-9]+)*)?(?P<modifier>--[a-z0-9_]+(?:-[a-z0-9_]+)*)?$")
IDREFS = ("aria-labelledby", "aria-describedby", "for", "headers")


class _Loader(yaml.SafeLoader):
    pass


_Loader.add_constructor("!markup", lambda loader, node: Markup(loader.construct_scalar(node)))
EXAMPLES = yaml.load((FIXTURES / "components.yaml").read_text(encoding="utf-8"), Loader=_Loader)


def macros_of(path):
    """The public macros a component file defines (a leading underscore marks a private helper)."""
    tree = ENVIRONMENT.parse(path.read_text(encoding="utf-8"))
    return [macro.name for macro in tree.find_all(nodes.Macro) if not macro.name.startswith("_")]


FILE_OF = {name: path for path in COMPONENTS for name in macros_of(path)}
CASES = [(macro, example) for macro, examples in EXAMPLES.items() for example in examples]


def render(macro, example, environment=ENVIRONMENT):
    """The macro's HTML for one example: ``params``, ``siteurl`` for macros that link, ``caller`` for callers."""
    function = getattr(environment.get_template(f"components/{FILE_OF[macro].name}").module, macro)
    arguments = [example["params"]]
    if "siteurl" in function.arguments:
        arguments.append(example.get("siteurl", DEFAULT_SITEURL))
    if "caller" in example:
        return function(*arguments, caller=lambda: Markup(example["caller"]))
    return function(*arguments)


def strings(value):
    """Every plain (not marked-safe) string in the parameters."""
    if isinstance(value, dict):
        value = list(value.values())
    if isinstance(value, list):
        return [text for item in value for text in strings(item)]
    return [value] if isinstance(value, str) and not isinstance(value, Markup) else []


def test_every_component_has_examples_and_every_example_a_component():
    assert COMPONENTS, "no component templates found"
    for path in COMPONENTS:
        assert macros_of(path), f"{path.name} defines no macro"
        for macro in macros_of(path):
            assert EXAMPLES.get(macro), f"{path.name}: macro {macro} has no example in components.yaml"
    assert set(EXAMPLES) <= set(FILE_OF), f"examples for macros that do not exist: {set(EXAMPLES) - set(FILE_OF)}"
    for macro, example in CASES:
        assert set(example) <= {"name", "params", "siteurl", "caller", "within", "external_links", "expect"}, (macro, example)
        assert example.get("expect"), f"{macro} › {example['name']}: say what matters in expect"


@pytest.mark.parametrize("macro, example", CASES, ids=[f"{macro}-{example['name']}" for macro, example in CASES])
def test_component_example(macro, example):
    html = render(macro, example)
    assert isinstance(html, Markup)
    tree = parse(f'<div class="{example["within"]}">{html}</div>' if "within" in example else str(html))
    text = text_of(tree)
    assert "None" not in text and "Undefined" not in text, text

    # Anything the parameters carry is text: a <script> in them comes out escaped.
    assert "<script" not in html
    for value in strings(example["params"]):
        if "<script>" in value:
            assert str(Markup.escape(value)) in html, value

    # Tables: a caption first, a scope on every header cell.
    for table in select(tree, "table"):
        first = next(iter(table.find_all(True, recursive=False)), None)
        assert first is not None and first.name == "caption" and text_of(first), f"table without a caption first: {table}"
    for th in select(tree, "th"):
        assert th.get("scope") in SCOPES, f"header cell without a scope: {th}"

    # A table that may scroll sideways is a labelled, focusable region holding exactly one table.
    for region in select(tree, ".table-scroll"):
        assert region.get("role") == "region" and region.get("tabindex") == "0", region
        assert re.fullmatch(r".+（可左右滚动）", region.get("aria-label", "")), region
        assert len(select(region, "table")) == 1, region

    # BEM: every class is block, block__element or either with --modifier; an element sits inside
    # its block, and a modifier beside the class it modifies.
    for element in select(tree, "[class]"):
        classes = element["class"]
        for name in classes:
            found = BEM.match(name)
            assert found, f"class {name!r} is not BEM"
            block, part = found["block"], found["block"] + (found["element"] or "")
            if found["modifier"]:
                assert part in classes, f"{name} without {part}"
            if found["element"]:
                owners = [element, *element.parents]
                assert any(block in (owner.get("class") or ()) for owner in owners), f"{name} outside a .{block}"

    # Every id is unique and every id reference points at one.
    ids = [element["id"] for element in select(tree, "[id]")]
    assert len(ids) == len(set(ids)), ids
    for attribute in IDREFS:
        for element in select(tree, f"[{attribute}]"):
            value = element[attribute]
            for target in value if isinstance(value, list) else value.split():
                assert target in ids, f"{attribute}={target!r} points at nothing"

    # Links come from siteurl (relative to the page), or are mail addresses, or go to another site the
    # example allows as data/site.yaml's external_links would (a repost's source, a 政务新媒体 account).
    siteurl = example.get("siteurl", DEFAULT_SITEURL)
    for link in select(tree, "a[href]"):
        assert link["href"].startswith((f"{siteurl}/", "mailto:", *example.get("external_links", ()))), link

    for selector, expected in example["expect"].items():
        found = select(tree, selector)
        if isinstance(expected, int):
            assert len(found) == expected, f"{selector}: {len(found)} elements, expected {expected}"
        else:
            assert [text_of(element) for element in found] == [str(item) for item in expected], selector


def test_the_builds_environment_reads_keys_first_with_the_same_result():
    """The build's environments read a dict's keys before its attributes (plugin.templates), faster, not otherwise."""
    environment = Environment(loader=FileSystemLoader(str(TEMPLATES)), **PELICANCONF["JINJA_ENVIRONMENT"])
    read_keys_first(SimpleNamespace(env=environment))
    for macro, example in CASES:
        assert render(macro, example, environment) == render(macro, example), (macro, example["name"])
    template = environment.from_string("{{ d.title }}|{{ d.items is callable }}|{{ d.missing is undefined }}|{{ n.real }}|{{ l.x is undefined }}")
    assert template.render(d={"title": "标题", "items": [1]}, n=3, l=[1]) == "标题|True|True|3|True"


def test_the_environment_has_the_builds_options():
    options = PELICANCONF["JINJA_ENVIRONMENT"]
    assert options["autoescape"] is True and ENVIRONMENT.autoescape is True
    assert (ENVIRONMENT.trim_blocks, ENVIRONMENT.lstrip_blocks) == (options["trim_blocks"], options["lstrip_blocks"])
