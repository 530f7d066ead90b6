"""Start CTIP Outreach Desk: ``python main.py [--db PATH]``."""

import sys

from ui.app import main

if __name__ == "__main__":
    sys.exit(main())
