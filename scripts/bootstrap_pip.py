"""Put pip into a virtual environment made with `--without-pip`, without root.

Debian ships `ensurepip` in a separate package (python3-venv) that only root can
install. PyPI's own pip wheel is a runnable zip: fetch it and let it install itself.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import urllib.request
from pathlib import Path
from urllib.parse import urljoin

INDEX = "https://pypi.org/pypi/pip/json"


def main() -> int:
    with urllib.request.urlopen(INDEX, timeout=60) as response:
        release = json.load(response)
    wheel = next(item for item in release["urls"]
                 if item["packagetype"] == "bdist_wheel" and item["filename"].endswith("any.whl"))
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / wheel["filename"]
        # A mirror may give the file's address relative to the index page.
        with urllib.request.urlopen(urljoin(INDEX, wheel["url"]), timeout=120) as response:
            path.write_bytes(response.read())
        return subprocess.call([sys.executable, str(path / "pip"), "install", "-q", str(path)])


if __name__ == "__main__":
    raise SystemExit(main())
