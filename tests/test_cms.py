"""Web editing (issue 20): the files the web editor (Decap CMS) writes, its generated configuration, and
real edits through its UI with decap-server and Chromium."""

import json

import pytest

from disclosure.tools import front_matter
from support import FIXTURES

EDITOR_YAML = json.loads((FIXTURES / "editor_yaml.json").read_text(encoding="utf-8"))["cases"]


@pytest.mark.parametrize("case", EDITOR_YAML, ids=range(len(EDITOR_YAML)))
def test_front_matter_is_written_byte_for_byte_as_the_editor_writes_it(case):
    assert front_matter.dump(case["data"]) == case["yaml"]
