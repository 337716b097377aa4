"""Entry point for ``python -m helpers``."""

from helpers.site.cli import main

raise SystemExit(main())
