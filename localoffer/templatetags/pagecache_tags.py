"""{% pagefragment "name" %}...{% endpagefragment %}: a part of a page that is the same for
every visitor, kept in the page cache's store and purged with the page.

Signed-in visitors (and anyone with a session) are never served the full-page cache, so
every one of their requests renders the page. What in it is the same for everyone (a
listing's details: ten queries and most of its template) is kept as a fragment under the
page path's purge tokens (localoffer.pagecache.store.fragment_key), so any change that
purges the page also retires the fragment; the parts that show the visitor (the shortlist
button, the header's sign-in links) stay outside it and are rendered every time.

Like Wagtail's own {% wagtailpagecache %}, which it follows, it is keyed on the page's
`cache_key` and never used for a preview (a draft must show as it is), a request that is
not a GET, or a template whose `page` is not a Wagtail page (it then simply renders). A
fragment must hold nothing that depends on the visitor.
"""

from django import template
from django.template.base import Parser, Token
from wagtail.models import Page

from localoffer.pagecache import store

register = template.Library()


class PageFragmentNode(template.Node):
    def __init__(self, nodelist: template.NodeList, name: str) -> None:
        self.nodelist = nodelist
        self.name = name

    def render(self, context: template.Context) -> str:
        request = context.get("request")
        page = context.get("page")
        seconds = store.fragment_seconds()
        if (
            not seconds
            or request is None
            or not isinstance(page, Page)
            or request.method != "GET"
            or getattr(request, "is_preview", False)
        ):
            return self.nodelist.render(context)
        key = store.fragment_key(request, self.name, page.cache_key)
        html = store.get(key)
        if html is None:
            html = self.nodelist.render(context)
            store.put(key, html, timeout=seconds)
        return html


@register.tag
def pagefragment(parser: Parser, token: Token) -> PageFragmentNode:
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError('{% pagefragment "name" %} takes a quoted name')
    nodelist = parser.parse(("endpagefragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, bits[1][1:-1])
