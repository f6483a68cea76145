"""`python -m baiqau` is `baiqau`."""

from baiqau.program import run

run()
