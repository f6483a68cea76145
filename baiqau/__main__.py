"""`python -m baiqau` is `baiqau`."""

from baiqau.cli import run

run()
