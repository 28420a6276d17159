"""How a post is rendered: Markdown (CommonMark + tables + strikethrough) to HTML, then
sanitised with an allow-list. Raw HTML in the source is never passed through."""

import nh3
from markdown_it import MarkdownIt
from markdown_it.token import Token

from search.extraction import html_text

from .mentions import MENTION_RE

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}
URL_SCHEMES = {"http", "https", "mailto"}

_parser = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable(
    ["table", "strikethrough"]
)


def _link_mentions(tokens, links: dict[str, str]) -> None:
    """Turn ``@handle`` in plain text (not in links or code) into a link, where known."""
    for block in tokens:
        if block.type != "inline" or not block.children:
            continue
        children, in_link = [], 0
        for token in block.children:
            in_link += {"link_open": 1, "link_close": -1}.get(token.type, 0)
            if token.type != "text" or in_link or "@" not in token.content:
                children.append(token)
                continue
            children.extend(_split_mentions(token.content, links))
        block.children = children


def _split_mentions(text: str, links: dict[str, str]) -> list:
    pieces, position = [], 0
    for match in MENTION_RE.finditer(text):
        url = links.get(match.group(1).lower())
        if not url:
            continue
        pieces.append(_text(text[position : match.start()]))
        pieces.append(Token("link_open", "a", 1, attrs={"href": url, "class": "mention"}))
        pieces.append(_text(match.group(0)))
        pieces.append(Token("link_close", "a", -1))
        position = match.end()
    pieces.append(_text(text[position:]))
    return [piece for piece in pieces if piece.type != "text" or piece.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def render(source: str, mention_links: dict[str, str] | None = None) -> str:
    """Safe HTML for ``source``; links get rel="nofollow ugc noopener".

    ``mention_links`` maps lower-cased handles to the URL a mention links to.
    """
    tokens = _parser.parse(source)
    if mention_links:
        _link_mentions(tokens, mention_links)
    html = _parser.renderer.render(tokens, _parser.options, {})
    # Headings inside a post sit below the thread's own h1 and the post's h2/h3.
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes={"a": {"mention"}},
        url_schemes=URL_SCHEMES,
        link_rel="nofollow ugc noopener",
    )


def plain_text(source: str) -> str:
    """The text a reader sees of ``source``, without Markdown syntax: one line per paragraph
    or list item, for plain-text mails and short excerpts."""
    return html_text(render(source))


def shorten(text: str, length: int) -> str:
    """``text`` on one line, cut at a word boundary to at most ``length`` characters."""
    text = " ".join(text.split())
    if len(text) <= length:
        return text
    return text[: length - 1].rsplit(" ", 1)[0].rstrip() + "…"
