import sys

from ctip_desktop.cli import main

sys.exit(main())
