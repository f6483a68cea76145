"""Where the real-world mail corpus is, for every test that reads it.

The corpus (test messages of the Ruby mail gem and of Mailgun's flanker; its README.md
says where each comes from) is not part of this repository. It sits beside the clone, at
``../shared/corpora``, or wherever ``BAIQAU_CORPORA`` says, which wins when set. Without
it the corpus tests are skipped, saying how to get it, and every other test runs. When
``BAIQAU_CORPORA`` names a folder that is not there, they fail instead: whoever set the
variable meant the corpus to be read, so a typo must not pass as a skip.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

ENV = "BAIQAU_CORPORA"
BESIDE_THE_CLONE = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"
MISSING = ("the real-world mail corpus is not here: put it at ../shared/corpora beside the "
           f"clone or set {ENV}=/path/to/corpora")


def find_corpora() -> Path | None:
    """The corpus folder, or None when it is not beside the clone and not named."""
    named = os.environ.get(ENV)
    if named:
        return Path(named)
    return BESIDE_THE_CLONE if BESIDE_THE_CLONE.is_dir() else None


CORPORA = find_corpora()

needs_corpora = pytest.mark.skipif(CORPORA is None, reason=MISSING)
"""Mark a test (or a module, in ``pytestmark``) that reads the corpus."""


def corpus_params(files: list[Path], ids: Callable[[Path], str]) -> list[Any]:
    """``files`` for ``parametrize``; without the corpus, one skipped case that says why.

    An empty parameter list would also skip, but with pytest's own reason, which does not
    say where the corpus goes.
    """
    if CORPORA is None:
        return [pytest.param(None, id="no-corpus", marks=pytest.mark.skip(reason=MISSING))]
    return [pytest.param(path, id=ids(path)) for path in files]
