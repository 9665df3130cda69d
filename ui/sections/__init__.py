"""One module per page section: each draws one part of a page from the page context, the
cached frames and the figures of ``devin_data``."""
