"""Reading the web: page URLs and RSS/Atom feeds -> ``Document`` records.

A URL given to a build is fetched once: a feed lists its items (each item's link, title and
dates, read by feedparser), a page is an item of its own. The items are then fetched one by one
and read as HTML by the reader of HTML files; the URL is the document's id, its source and its
``schema:url``. Fetching (httpx) has a time limit, a size limit and a User-Agent naming kg; an
address that cannot be read (unreachable, an HTTP error, not HTML, too large, too slow) is one
``InputError`` naming it, and the other addresses are read. A feed on the public internet
cannot send kg to the network it runs in: its items' links (and their redirects) to loopback,
private or link-local addresses are refused.
"""

from __future__ import annotations

import io
import ipaddress
import re
import socket
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from kg.config import FetchOptions
from kg.errors import InputError
from kg.read.documents import html_document
from kg.read.files import ErrorHandler
from kg.read.metadata import clean_text
from kg.records import Document

HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
FEED_TYPES = frozenset(
    {"application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml"}
    | {"text/xml"}
)
_PROLOG = rb"(?:\s|<\?[^>]*\?>|<!--.*?-->|<!DOCTYPE[^>]*>)*"
_FEED_ROOT = re.compile(_PROLOG + rb"<(?:rss|feed|rdf:RDF)\b", re.S)
"""How a feed starts (RSS 2.0, Atom, RSS 1.0), whatever type its server says it is."""
_PUBLIC_ONLY = "kg_public_only"
"""The request extension that marks a fetch a public feed asked for."""


@dataclass(frozen=True)
class WebPage:
    """A page to read: given as a URL, or an item of a feed with what the feed says of it.

    ``stamp`` is the feed's date of the item's last change (its updated date, else its
    publication date): a store that read the item under the same stamp need not fetch it again.
    ``body`` is the page already fetched (a URL given directly is fetched to tell it from a
    feed), ``None`` for a feed's item.
    """

    url: str
    feed: str | None = None
    title: str | None = None
    published: datetime | None = None
    stamp: str | None = None
    body: Fetched | None = None


@dataclass(frozen=True)
class Fetched:
    """A body fetched, with the type and charset its server gave."""

    url: str
    content_type: str
    charset: str | None
    body: bytes

    @property
    def is_feed(self) -> bool:
        return self.content_type in FEED_TYPES or bool(_FEED_ROOT.match(self.body[:4096]))


def is_url(text: str | object) -> bool:
    """Whether a build input is a web address (http or https) rather than a path.

    >>> is_url("https://news.example.org/feed.xml"), is_url("news/a.txt"), is_url("ftp://x")
    (True, False, False)
    """
    return isinstance(text, str) and urlsplit(text).scheme in {"http", "https"}


def list_pages(
    urls: Iterable[str], *, options: FetchOptions, on_error: ErrorHandler
) -> list[WebPage]:
    """The pages behind ``urls``: a page URL is one (fetched already), a feed gives its items.

    Each page comes once, in the order given, whether named directly or by several feeds;
    a page named directly and by a feed has what the feed says of it too.

    Args:
        urls: page and feed addresses.
        options: the limits of fetching.
        on_error: told of each address that cannot be fetched, and of each feed item skipped.
    """
    pages: dict[str, WebPage] = {}
    with _client(options) as client:
        for url in urls:
            try:
                fetched = _fetch(client, url, options)
                found = _feed_items(fetched, on_error) if fetched.is_feed else [_page(fetched)]
            except InputError as e:
                on_error(e)
                continue
            for page in found:
                pages[page.url] = _merged(pages.get(page.url), page)
    return list(pages.values())


def _merged(earlier: WebPage | None, page: WebPage) -> WebPage:
    """One page from two mentions of it: the first feed's word on it, and its body if fetched."""
    if earlier is None:
        return page
    if earlier.feed is None and page.feed is not None:
        return replace(page, body=earlier.body)
    if page.feed is None and earlier.body is None:
        return replace(earlier, body=page.body)
    return earlier


def read_pages(
    pages: Iterable[WebPage], *, options: FetchOptions, on_error: ErrorHandler
) -> Iterator[Document]:
    """The article of each page, fetched (once) and read as HTML; the feed's title and date
    stand in for those the page lacks.

    Args:
        pages: from ``list_pages`` (less those a store already holds).
        options: the limits of fetching.
        on_error: told of each page that cannot be fetched or read (the rest go on).
    """
    with _client(options) as client:
        for page in pages:
            try:
                public_only = page.feed is not None and not _is_local(page.feed)
                fetched = page.body or _fetch(client, page.url, options, public_only=public_only)
                if fetched.is_feed:
                    raise InputError(page.url, "a feed, where a page was expected")
                yield html_document(
                    _decoded(fetched),
                    doc_id=page.url,
                    source=page.url,
                    on_error=on_error,
                    url=page.url,
                    headline=page.title,
                    published=page.published,
                )
            except InputError as e:
                on_error(e)


def _client(options: FetchOptions) -> httpx.Client:
    return httpx.Client(
        headers={"User-Agent": options.user_agent},
        timeout=options.timeout,
        follow_redirects=True,
        max_redirects=5,
        event_hooks={"request": [_keep_public]},
    )


class _LocalAddress(Exception):
    """A request to the local network that only the public internet should have been asked."""


def _keep_public(request: httpx.Request) -> None:
    """Stop a request a public feed asked for (or a redirect of it) that goes to the local
    network: a feed must not make kg fetch the addresses of the network it runs in."""
    if request.extensions.get(_PUBLIC_ONLY) and _is_local(str(request.url)):
        raise _LocalAddress(request.url.host)


@lru_cache(maxsize=1024)
def _is_local(url: str) -> bool:
    """Whether the host of ``url`` is, or resolves to, an address off the public internet
    (loopback, private, link-local, reserved).

    >>> [_is_local(url) for url in ("http://127.0.0.1:8000/a", "http://[::1]/", "http://1.1.1.1/")]
    [True, True, False]
    """
    host = urlsplit(url).hostname or ""
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return False  # not resolved: fetching it says so
    return any(not ipaddress.ip_address(str(info[4][0]).split("%")[0]).is_global for info in found)


def _fetch(
    client: httpx.Client, url: str, options: FetchOptions, *, public_only: bool = False
) -> Fetched:
    """The body at ``url`` if it is HTML or a feed, within the time and size limits; with
    ``public_only``, only from the public internet, redirects included."""
    deadline = time.monotonic() + options.timeout
    try:
        with client.stream("GET", url, extensions={_PUBLIC_ONLY: public_only}) as response:
            _check_answer(url, response, options)
            body = _body(url, response, options, deadline)
            content_type = _content_type(response)
            charset = response.charset_encoding
    except _LocalAddress as e:
        raise InputError(
            url, f"a public feed's link to the local network ({e}); not fetched"
        ) from e
    except httpx.TimeoutException as e:
        raise InputError(url, f"no answer within {options.timeout:g} s (--fetch-timeout)") from e
    except httpx.TooManyRedirects as e:
        raise InputError(url, "too many redirects") from e
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        raise InputError(url, f"not a web address kg can fetch: {e}") from e
    except httpx.HTTPError as e:
        raise InputError(url, f"cannot be reached: {_reason(e)}") from e
    if _binary(body, charset):
        served = f"served as {content_type}" if content_type else "of no content type"
        raise InputError(url, f"not an HTML page or a feed (binary, {served})")
    return Fetched(url, content_type, charset, body)


def _check_answer(url: str, response: httpx.Response, options: FetchOptions) -> None:
    if response.status_code >= 400:
        phrase = response.reason_phrase or httpx.codes.get_reason_phrase(response.status_code)
        raise InputError(url, f"HTTP {response.status_code} {phrase}".rstrip())
    content_type = _content_type(response)
    if content_type and content_type not in HTML_TYPES | FEED_TYPES:
        raise InputError(url, f"not an HTML page or a feed ({content_type})")
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > options.max_bytes:
        raise InputError(url, _too_large(int(length), options))


def _body(url: str, response: httpx.Response, options: FetchOptions, deadline: float) -> bytes:
    """The decompressed body, stopped at the size limit and at the deadline (a server that
    trickles bytes would never trip the time limit of one read)."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > options.max_bytes:
            raise InputError(url, _too_large(None, options))
        if time.monotonic() > deadline:
            raise httpx.ReadTimeout("the whole body took too long", request=response.request)
        chunks.append(chunk)
    return b"".join(chunks)


def _binary(body: bytes, charset: str | None) -> bool:
    """NUL bytes, which no HTML page or feed holds unless in a wide encoding (the test the
    file reader makes of a binary file)."""
    wide = (charset or "").lower().replace("-", "").startswith(("utf16", "utf32"))
    return not wide and b"\x00" in body[:8192]


def _too_large(size: int | None, options: FetchOptions) -> str:
    said = f"{size:,} bytes" if size is not None else "larger"
    return f"too large ({said}; the limit is {options.max_bytes:,} bytes, --max-bytes)"


def _content_type(response: httpx.Response) -> str:
    return response.headers.get("Content-Type", "").split(";")[0].strip().lower()


def _reason(error: httpx.HTTPError) -> str:
    cause: BaseException = error
    while cause.__context__ is not None and not str(cause):
        cause = cause.__context__
    return " ".join(str(cause).split()) or type(error).__name__


def _decoded(fetched: Fetched) -> str:
    """The page as text: by the charset the server named, else as trafilatura guesses it."""
    if fetched.charset:
        try:
            return clean_text(fetched.body.decode(fetched.charset))
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong or unknown charset: guess instead
    from trafilatura.utils import decode_file

    return clean_text(decode_file(fetched.body))


def _page(fetched: Fetched) -> WebPage:
    return WebPage(url=fetched.url, body=fetched)


def _feed_items(fetched: Fetched, on_error: ErrorHandler) -> list[WebPage]:
    """The items of a feed, each with its absolute link, title and dates."""
    import feedparser  # only feeds need it

    # A stream, never bytes: feedparser would take short bytes for a file name to open.
    parsed = feedparser.parse(io.BytesIO(fetched.body))
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = " ".join(str(parsed.get("bozo_exception", "")).split())
            raise InputError(fetched.url, f"not a readable feed ({reason or 'malformed'})")
        raise InputError(fetched.url, "the feed lists no item")
    items = []
    for number, entry in enumerate(parsed.entries, 1):
        link = _item_link(fetched.url, entry)
        if link is None:
            on_error(InputError(fetched.url, f"feed item {number} has no web link; skipped"))
            continue
        # dict.get: feedparser's own get answers a missing updated date with the published one.
        updated = _moment(dict.get(entry, "updated_parsed"))
        published = _moment(dict.get(entry, "published_parsed")) or updated
        changed = updated or published
        title = " ".join(clean_text(entry.get("title", "")).split()) or None
        stamp = changed.isoformat() if changed is not None else None
        items.append(WebPage(link, feed=fetched.url, title=title, published=published, stamp=stamp))
    return items


def _item_link(feed_url: str, entry: Any) -> str | None:
    """The item's link made absolute against the feed's address, if it is a web address."""
    link = entry.get("link") or next(
        (ref.get("href") for ref in entry.get("links", ()) if ref.get("href")), None
    )
    if not link:
        return None
    absolute = urljoin(feed_url, link.strip())
    return absolute if is_url(absolute) else None


def _moment(parsed: time.struct_time | None) -> datetime | None:
    """A date feedparser read (always in UTC) as a moment."""
    if parsed is None:
        return None
    try:
        return datetime(*parsed[:6], tzinfo=timezone.utc)
    except (TypeError, ValueError):
        return None
