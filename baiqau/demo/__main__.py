"""`python -m baiqau.demo` (./scripts/demo): a whole contest on this machine alone."""

from baiqau.demo.run import main

raise SystemExit(main())
