"""Admin screens of the search app: the SEND synonym list staff edit.

A snippet viewset, so who may see and change synonyms is the model permissions
`search.view_synonym`, `add_synonym`, `change_synonym` and `delete_synonym`, granted to
the council roles (localoffer/roles.py); nobody else sees the menu item. Saving clears the
cached groups (search/signal_handlers.py) so the next search uses the new list; the
Elasticsearch backend needs `rebuild_search_index` to put them in its analyser.
"""

from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from search.models import Synonym


class SynonymViewSet(SnippetViewSet):
    model = Synonym
    icon = "search"
    menu_label = "Search synonyms"
    menu_name = "search-synonyms"
    add_to_admin_menu = True
    menu_order = 850
    list_display = ["terms"]
    search_fields = ["terms"]
    ordering = ["terms"]
    panels = [FieldPanel("terms")]
    copy_view_enabled = False


register_snippet(SynonymViewSet)
