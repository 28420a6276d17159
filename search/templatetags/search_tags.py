from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def facet_url(context, name, value=None):
    """The current search's query string with facet ``name`` set to ``value`` (or removed),
    back on the first page."""
    params = context["request"].GET.copy()
    params.pop("page", None)
    if value is None:
        params.pop(name, None)
    else:
        params[name] = value
    return "?" + params.urlencode()
