"""Reading the web (kg/read/web.py) from a site on the loopback address: pages, RSS and Atom
feeds, and one clear line for each address that cannot be read. No spaCy here."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from kg.errors import InputError
from kg.read.web import FetchOptions, WebPage, list_pages, read_pages
from kg.records import Document
from tests.conftest import Route, Site, article_page

QUICK = FetchOptions(timeout=0.5, max_bytes=50_000)
"""Limits a test can trip: half a second, 50 kB."""

LIMA = article_page(
    "Floods close roads in Lima",
    "Heavy rain fell on Lima on Monday, officials said in a statement to reporters.",
    "The city council met in the afternoon and closed three roads near the river.",
    published="2024-05-06",
)
HUGE = b"<p>" + b"rain " * 20_000 + b"</p>"
"""A page of 100,007 bytes."""
QUITO_UNDATED = article_page(
    "",
    "Snow fell on the hills above Quito on Tuesday, the weather office said in a bulletin.",
    "Schools in the northern districts opened two hours late, the education ministry said.",
)


def rss(*items: tuple[str, str, str]) -> bytes:
    """An RSS 2.0 feed of (title, link, pubDate) items."""
    entries = "".join(
        f"<item><title>{title}</title><link>{link}</link><pubDate>{date}</pubDate></item>"
        for title, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Wire</title>'
        f"<link>http://wire.example/</link><description>News</description>{entries}"
        "</channel></rss>"
    ).encode()


def atom(*entries: tuple[str, str, str, str]) -> bytes:
    """An Atom feed of (title, href, published, updated) entries."""
    body = "".join(
        f"<entry><title>{title}</title><link href='{href}'/><id>{href}</id>"
        f"<published>{published}</published><updated>{updated}</updated></entry>"
        for title, href, published, updated in entries
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Wire</title><id>urn:wire</id><updated>2024-05-07T09:00:00Z</updated>{body}</feed>"
    ).encode()


def read(site: Site, *paths: str, options: FetchOptions = QUICK) -> tuple[list[Document], list]:
    """The documents read from ``paths`` of the site, and the errors said on the way."""
    errors: list[InputError] = []
    pages = list_pages([site.url(p) for p in paths], options=options, on_error=errors.append)
    return list(read_pages(pages, options=options, on_error=errors.append)), errors


def test_a_page_url_is_read_as_html_with_its_url_as_id_source_and_url(site):
    site.routes["/lima"] = Route(LIMA)
    [doc], errors = read(site, "/lima")
    assert errors == []
    url = site.url("/lima")
    assert (doc.doc_id, doc.source, doc.url) == (url, url, url)
    assert doc.headline == "Floods close roads in Lima"
    assert doc.text.startswith("Heavy rain fell on Lima")
    assert "All rights reserved" not in doc.text
    assert doc.published_date is not None and doc.published_date.isoformat() == "2024-05-06"


def test_fetching_names_kg_in_its_user_agent(site):
    site.routes["/lima"] = Route(LIMA)
    read(site, "/lima")
    [(path, agent)] = site.requests
    assert path == "/lima" and agent.startswith("kg/")


def test_an_rss_feed_gives_each_item_with_the_feeds_title_and_date(site):
    site.routes["/feed.xml"] = Route(
        rss(
            ("Snow in Quito", "/quito", "Tue, 07 May 2024 08:30:00 GMT"),
            ("Floods in Lima", site.url("/lima"), "Mon, 06 May 2024 07:00:00 GMT"),
        ),
        content_type="application/rss+xml",
    )
    site.routes["/quito"] = Route(QUITO_UNDATED)
    site.routes["/lima"] = Route(LIMA)
    pages = list_pages([site.url("/feed.xml")], options=QUICK, on_error=pytest.fail)
    # the relative link is made absolute
    assert [p.url for p in pages] == [site.url("/quito"), site.url("/lima")]
    assert {p.feed for p in pages} == {site.url("/feed.xml")}
    assert site.fetched("/quito") == 0  # items are fetched when read, not when listed
    quito, lima = read_pages(pages, options=QUICK, on_error=pytest.fail)
    assert quito.headline == "Snow in Quito"  # the page has no title: the feed's
    assert quito.published == datetime(2024, 5, 7, 8, 30, tzinfo=timezone.utc)
    assert quito.url == site.url("/quito")
    assert lima.headline == "Floods close roads in Lima"  # the page's own title comes first
    assert lima.published_date.isoformat() == "2024-05-06"


def test_an_atom_feed_gives_its_entries_stamped_with_their_updated_date(site):
    site.routes["/atom"] = Route(
        atom(("Snow in Quito", "/quito", "2024-05-07T08:30:00Z", "2024-05-08T10:00:00Z")),
        content_type="application/atom+xml",
    )
    site.routes["/quito"] = Route(QUITO_UNDATED)
    [page] = list_pages([site.url("/atom")], options=QUICK, on_error=pytest.fail)
    assert page.stamp == "2024-05-08T10:00:00+00:00"
    assert page.published == datetime(2024, 5, 7, 8, 30, tzinfo=timezone.utc)
    [doc] = read_pages([page], options=QUICK, on_error=pytest.fail)
    assert (doc.doc_id, doc.headline) == (site.url("/quito"), "Snow in Quito")


def test_a_feed_served_as_html_or_plain_xml_is_still_a_feed(site):
    feed = rss(("Floods in Lima", "/lima", "Mon, 06 May 2024 07:00:00 GMT"))
    site.routes["/as-html"] = Route(feed, content_type="text/html")
    site.routes["/as-xml"] = Route(feed, content_type="text/xml")
    for path in ("/as-html", "/as-xml"):
        [page] = list_pages([site.url(path)], options=QUICK, on_error=pytest.fail)
        assert page.url == site.url("/lima") and page.title == "Floods in Lima"


def test_a_page_named_directly_and_by_a_feed_is_fetched_once_with_the_feeds_word(site):
    site.routes["/lima"] = Route(LIMA)
    feed = rss(("Floods", "/lima", "Mon, 06 May 2024 07:00:00 GMT"))
    site.routes["/feed"] = Route(feed, content_type="application/rss+xml")
    pages = list_pages([site.url("/lima"), site.url("/feed")], options=QUICK, on_error=pytest.fail)
    [page] = pages
    assert page.feed == site.url("/feed") and page.stamp is not None
    [doc] = read_pages(pages, options=QUICK, on_error=pytest.fail)
    assert doc.url == site.url("/lima")
    assert site.fetched("/lima") == 1


@pytest.mark.parametrize(
    ("route", "said"),
    [
        (None, "HTTP 404 Not Found"),
        (Route(b"gone", status=500), "HTTP 500 Internal Server Error"),
        (Route(LIMA, delay=3), "no answer within 0.5 s"),
        (Route(LIMA, delay=0.15, pieces=8), "no answer within 0.5 s"),
        (Route(HUGE), "too large (100,007 bytes; the limit is 50,000"),
        (Route(HUGE, streamed=True), "too large (larger; the limit"),
        (Route(b"\x89PNG\r\n\x1a\n\x00\x00", content_type="image/png"), "(image/png)"),
        (Route(b"\x89PNG\r\n\x1a\n\x00\x00", content_type=""), "binary, of no content type"),
        (Route(b"%PDF-1.7\n\x00\x01", content_type="text/html"), "binary, served as text/html"),
        (Route(b"{}", content_type="application/json"), "not an HTML page or a feed"),
        (Route(b"<rss version='2.0'><channel><title>x</title></channel></rss>"), "no item"),
        (Route(b"<html><body><nav>Home</nav></body></html>"), "no article text"),
    ],
    ids=[
        *("404", "500", "slow", "trickling", "huge", "huge-streamed"),
        *("binary", "untyped", "mistyped", "json", "empty", "no-text"),
    ],
)
def test_an_address_that_cannot_be_read_is_one_line_and_the_rest_is_read(site, route, said):
    site.routes["/lima"] = Route(LIMA)
    if route is not None:
        site.routes["/bad"] = route
    docs, errors = read(site, "/bad", "/lima")
    assert [d.doc_id for d in docs] == [site.url("/lima")]
    [error] = errors
    assert error.path == site.url("/bad")
    assert said in error.reason, error.reason
    assert "\n" not in str(error)


def test_an_unreachable_host_is_one_line(site):
    site.routes["/lima"] = Route(LIMA)
    closed = "http://127.0.0.1:9/news"  # the discard port: nothing listens on loopback
    errors: list[InputError] = []
    pages = list_pages([closed, site.url("/lima")], options=QUICK, on_error=errors.append)
    assert [p.url for p in pages] == [site.url("/lima")]
    [error] = errors
    assert error.path == closed and error.reason.startswith("cannot be reached")


def test_a_feed_item_without_a_link_is_said_and_the_others_listed(site):
    feed = rss(("Floods in Lima", "/lima", "Mon, 06 May 2024 07:00:00 GMT"))
    unlinked = b"<item><title>x</title></item></channel>"
    site.routes["/feed"] = Route(feed.replace(b"</channel>", unlinked))
    errors: list[InputError] = []
    pages = list_pages([site.url("/feed")], options=QUICK, on_error=errors.append)
    assert [p.url for p in pages] == [site.url("/lima")]
    assert [e.reason for e in errors] == ["feed item 2 has no web link; skipped"]


def test_a_feed_where_a_page_was_expected_is_said(site):
    site.routes["/feed"] = Route(rss(("Loop", "/feed", "Mon, 06 May 2024 07:00:00 GMT")))
    errors: list[InputError] = []
    pages = list_pages([site.url("/feed")], options=QUICK, on_error=errors.append)
    assert list(read_pages(pages, options=QUICK, on_error=errors.append)) == []
    assert [e.reason for e in errors] == ["a feed, where a page was expected"]


def test_a_page_in_another_charset_is_decoded_by_what_its_server_says(site):
    page = LIMA.decode().replace("Lima on Monday", "Lima on Monday (lunes, día festivo)")
    site.routes["/lima"] = Route(page.encode("latin-1"), content_type="text/html; charset=latin-1")
    [doc], errors = read(site, "/lima")
    assert errors == [] and "día festivo" in doc.text


def test_a_public_feed_cannot_send_kg_to_the_local_network(site):
    site.routes["/lima"] = Route(LIMA)
    public_feed = "https://1.1.1.1/feed.xml"  # a public address, never contacted here
    page = WebPage(site.url("/lima"), feed=public_feed, title="Floods")
    errors: list[InputError] = []
    assert list(read_pages([page], options=QUICK, on_error=errors.append)) == []
    assert [e.reason for e in errors] == [
        "a public feed's link to the local network (127.0.0.1); not fetched"
    ]
    assert site.fetched("/lima") == 0
    # a feed on the local network may link to it
    local_feed = WebPage(site.url("/lima"), feed=site.url("/feed.xml"), title="Floods")
    [doc] = read_pages([local_feed], options=QUICK, on_error=pytest.fail)
    assert doc.url == site.url("/lima")
