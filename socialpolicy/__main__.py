"""``python -m socialpolicy``: the same entry point as the ``socialpolicy`` command."""

import sys

from socialpolicy.cli import main

sys.exit(main())
