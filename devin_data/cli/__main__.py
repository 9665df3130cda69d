"""``python -m devin_data.cli``."""

import sys

from devin_data.cli.entry import main

sys.exit(main())
