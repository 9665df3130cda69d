"""URL state: the filters and page parameters read from and written to the URL through the
registry of URL parameters, the date range picker, links between pages, and the page context."""
