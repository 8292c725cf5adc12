import pytest

from support import make_site


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A fresh copy of the minimal fixture site, with no BUILD_DATE leaking in from outside."""
    monkeypatch.delenv("BUILD_DATE", raising=False)
    return make_site(tmp_path)
