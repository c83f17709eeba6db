"""The full-page cache of public pages for anonymous visitors, and its purging.

store.py keeps pages and purges them in the shared cache; middleware.py serves them;
purge.py works out which paths a content change touches; signal_handlers.py calls it.
docs/decisions/0011-full-page-cache.md says why it works this way.
"""
