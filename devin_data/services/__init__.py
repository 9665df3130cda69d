"""Services: one module per use case, the only code that combines a client, a store and the
figures. The app, the command line and the report call the same functions.

- :mod:`.workspace`: one credential scope (settings, its store, a client on demand);
- :mod:`.access`: whether a connection works before anything is kept for it;
- :mod:`.syncing`: the sync and its schedule of extras;
- :mod:`.sessions` and :mod:`.insights`: sessions, their messages and insights on demand;
- :mod:`.people` and :mod:`.roster`: names, teams and active users refreshed when due; who each
  user id is, with the team mapping in force;
- :mod:`.spend` and :mod:`.budget`: billed ACUs refreshed once per sync; the one budget rule and
  the spend view;
- :mod:`.organizations`: an enterprise's organizations and their own caches;
- :mod:`.report`: the digest of a period.
"""

from devin_data.hints import explain
from devin_data.services.workspace import Workspace, scope_of

__all__ = ["Workspace", "explain", "scope_of"]
