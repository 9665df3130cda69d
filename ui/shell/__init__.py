"""The app's chrome: the sidebar around every page, the connection form, the sync panel, the
page and store guards, the banners, the organization picker, the timing log and the one reader
of the secrets."""
