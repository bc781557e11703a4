"""`python -m emma.cli`: the same as the `emma` command."""

import sys

from emma.cli import main

sys.exit(main())
