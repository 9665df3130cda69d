"""``python -m devin_data.cli``."""

import sys

from devin_data.cli.main import main

sys.exit(main())
