"""`python -m baiqau` is `baiqau`."""

from baiqau.cli import main

raise SystemExit(main())
