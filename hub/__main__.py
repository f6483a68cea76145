"""`python -m hub` is `baiqau`."""

from hub.cli import main

raise SystemExit(main())
