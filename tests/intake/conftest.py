"""The `read` fixture: each mail of a test read back in memory and streamed from disk."""

from __future__ import annotations

from pathlib import Path

import pytest
from attachments import Reader


@pytest.fixture(params=["memory", "streamed"])
def read(request: pytest.FixtureRequest, tmp_path: Path) -> Reader:
    return Reader(str(request.param), tmp_path)
