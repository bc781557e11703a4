"""What the built app runs: the same `emma` command that `pip install` gives (no command opens the window)."""

import sys

from emma.cli import main

if __name__ == "__main__":
    sys.exit(main())
