"""The `baiqau` program: the console script and `python -m baiqau`.

Apart from `baiqau.cli` so that Python's cycle collector is off before the command line's
modules are imported (see `run`); `main` there is what tests and the demo call.
"""

from __future__ import annotations

import gc
import sys
from typing import NoReturn


def run() -> NoReturn:
    """`baiqau.cli.main`, with the cycle collector off while the command starts and at exit.

    Starting a command imports and builds a few hundred thousand objects (the config's
    pydantic models, SQLAlchemy) and next to no garbage, and the collector walks them
    again and again as they pile up: 0.07 s of every command, measured with gc.callbacks.
    `main` turns it back on for the command itself (`baiqau run` runs for weeks and
    must collect), with what the start made frozen out of its walks.

    At exit the collector would walk every object still alive once more: 0.25 s of
    `baiqau results` on 10,000 works, for memory the system takes back anyway. Frozen,
    they are left alone; whatever `main` wrote is already closed and committed, and the
    exit handlers (logging's flush) still run.
    """
    gc.disable()
    from baiqau.cli import main  # with the collector off: see above

    code = main()
    gc.freeze()
    sys.exit(code)
