"""What the provision map tells the site: its public figures changed (a listing was
refreshed, the map rebuilt or a standard unit cost changed). The site's page cache listens
(localoffer.pagecache.signal_handlers), so this layer need not know the cache exists."""

from django.dispatch import Signal

map_changed = Signal()
