"""kg build of a page URL and of feeds served on the loopback address, into the graph and a
store; built again, a store fetches only the feed's new or updated items."""

from __future__ import annotations

import json

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import Dataset, Literal, URIRef

from kg.cli import EXIT_SKIPPED_INPUT, main
from kg.config import Settings
from kg.graph.vocab import RDFS, SCHEMA, XSD
from kg.pipeline import run_build
from tests.conftest import Route, Site, article_page

pytestmark = pytest.mark.model

STORIES = {
    "/world/lima": article_page(
        "Floods close roads in Lima",
        "Heavy rain fell on Lima on Monday, the city council said in a statement.",
        "The council closed three roads near the Rimac river in the afternoon.",
        published="2024-05-06",
    ),
    "/world/quito": article_page(
        "",
        "Snow fell on the hills above Quito on Tuesday, the weather office of Ecuador said.",
        "Schools in the northern districts opened two hours late, the ministry said.",
    ),
    "/world/bogota": article_page(
        "Bogota opens a metro line",
        "The mayor of Bogota opened the first metro line of the city on Wednesday.",
        "Trains will run every four minutes, the transport office of Colombia said.",
    ),
    "/world/santiago": article_page(
        "Chile raises rates",
        "The central bank of Chile raised its interest rate in Santiago on Thursday.",
        "The bank said prices rose faster than it had expected in April.",
    ),
}


def atom(*entries: tuple[str, str]) -> Route:
    """An Atom feed of (path, updated) entries, each published on 7 May 2024."""
    body = "".join(
        f"<entry><title>Story {path.rsplit('/', 1)[1]}</title><link href='{path}'/>"
        f"<id>{path}</id><published>2024-05-07T08:00:00Z</published>"
        f"<updated>{updated}</updated></entry>"
        for path, updated in entries
    )
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Wire</title><id>urn:wire</id><updated>2024-05-09T00:00:00Z</updated>{body}</feed>"
    )
    return Route(feed.encode(), content_type="application/atom+xml")


def serve_stories(site: Site) -> None:
    for path, page in STORIES.items():
        site.routes[path] = Route(page)


def test_a_page_and_feeds_build_into_the_graph_with_their_urls(site, tmp_path):
    serve_stories(site)
    site.routes["/rss"] = Route(
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>'
            b"<link>http://wire.example/</link><description>News</description>"
            b"<item><title>Snow above Quito</title><link>/world/quito</link>"
            b"<pubDate>Tue, 07 May 2024 08:30:00 GMT</pubDate></item></channel></rss>"
        ),
        content_type="application/rss+xml",
    )
    site.routes["/atom"] = atom(("/world/bogota", "2024-05-08T10:00:00Z"))
    out = tmp_path / "graph.nq"
    args = [site.url(p) for p in ("/world/lima", "/rss", "/atom", "/world/missing")]
    result = CliRunner().invoke(main, ["build", *args, "-o", str(out), "--quiet"], prog_name="kg")
    assert result.exit_code == EXIT_SKIPPED_INPUT, result.output
    assert result.stderr.splitlines() == [
        f"kg: skipped {site.url('/world/missing')}: HTTP 404 Not Found"
    ]
    ds = Dataset(default_union=True).parse(out, format="nquads")
    urls = {str(o) for o in ds.objects(None, SCHEMA.url)}
    assert urls == {site.url(p) for p in ("/world/lima", "/world/quito", "/world/bogota")}
    [quito] = ds.subjects(SCHEMA.url, Literal(site.url("/world/quito"), datatype=XSD.anyURI))
    assert isinstance(quito, URIRef)
    assert ds.value(quito, SCHEMA.identifier) == Literal(site.url("/world/quito"))
    assert ds.value(quito, SCHEMA.headline) == Literal("Snow above Quito")  # from the feed
    published = ds.value(quito, SCHEMA.datePublished)
    assert published == Literal("2024-05-07T08:30:00", datatype=XSD.dateTime)
    labels = {str(o) for o in ds.objects(None, RDFS.label)}
    assert {"Lima", "Quito", "Bogota"} <= labels  # the pages were read by spaCy too


def test_a_feed_built_again_into_a_store_fetches_only_new_and_updated_items(site, tmp_path):
    serve_stories(site)
    settings, store, feed = Settings(), tmp_path / "store", site.url("/atom")
    site.routes["/atom"] = atom(
        ("/world/lima", "2024-05-07T08:00:00Z"), ("/world/quito", "2024-05-07T08:00:00Z")
    )
    first = run_build([feed], settings=settings, store=store)
    assert (first.documents, first.extracted) == (2, 2)

    site.requests.clear()
    again = run_build([feed], settings=settings, store=store)
    assert [path for path, _agent in site.requests] == ["/atom"]  # no item fetched again
    assert (again.documents, again.extracted, again.reused, again.kept) == (2, 0, 2, 0)

    site.requests.clear()
    site.routes["/world/quito"] = Route(STORIES["/world/quito"].replace(b"two hours", b"one hour"))
    site.routes["/atom"] = atom(
        ("/world/bogota", "2024-05-09T08:00:00Z"),  # new
        ("/world/quito", "2024-05-09T09:00:00Z"),  # updated
        ("/world/santiago", "2024-05-09T10:00:00Z"),  # new, and unreachable this time
    )
    site.routes.pop("/world/santiago")
    errors: list[str] = []
    grown = run_build(
        [feed], settings=settings, store=store, prune=True, on_error=lambda e: errors.append(str(e))
    )
    fetched = sorted(path for path, _agent in site.requests)
    assert fetched == ["/atom", "/world/bogota", "/world/quito", "/world/santiago"]
    assert errors == [f"{site.url('/world/santiago')}: HTTP 404 Not Found"]
    # lima left the feed and --prune dropped it; quito and bogota were read anew
    assert (grown.documents, grown.extracted, grown.removed) == (2, 2, (site.url("/world/lima"),))
    held = json.loads((store / "kg-cache" / "documents.json").read_text())["documents"]
    assert held == sorted(site.url(p) for p in ("/world/bogota", "/world/quito"))

    site.requests.clear()
    site.routes["/world/santiago"] = Route(STORIES["/world/santiago"])
    healed = run_build([feed], settings=settings, store=store, prune=True)
    assert sorted(path for path, _ in site.requests) == ["/atom", "/world/santiago"]
    assert (healed.documents, healed.extracted, healed.reused, healed.removed) == (3, 1, 2, ())

    scratch = tmp_path / "scratch"
    run_build([feed], settings=settings, store=scratch)
    assert {str(q) for q in ox.Store.read_only(str(store))} == {
        str(q) for q in ox.Store.read_only(str(scratch))
    }
