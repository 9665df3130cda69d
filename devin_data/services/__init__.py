"""Services: one module per use case, the only code that combines a client, a store and the
figures. The app, the command line and the report call the same functions.

- :mod:`.workspace`: one credential scope (settings, its store, a client on demand);
- :mod:`.access`: whether a connection works before anything is kept for it;
- :mod:`.syncing`: the sync and its schedule of extras;
- :mod:`.sessions` and :mod:`.insights`: sessions, their messages and insights on demand;
- :mod:`.people`: names, teams and active users, the team mapping in force;
- :mod:`.spend`: billed ACUs, the one budget rule, the spend view;
- :mod:`.organizations`: an enterprise's organizations and their own caches;
- :mod:`.report`: the digest of a period.
"""

from devin_data.hints import explain
from devin_data.services.workspace import Workspace, scope_of

__all__ = ["Workspace", "explain", "scope_of"]
