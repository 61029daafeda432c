"""The check made before a query runs: SERVICE is found wherever it hides, and a query whose
reading could differ between rdflib and Oxigraph is refused rather than let through."""

from __future__ import annotations

import pytest

from kg.errors import QueryError
from kg.store.sparql import check_no_service, is_update

EVIL = "<http://169.254.169.254/latest/meta-data/>"

CALLS_SERVICE = {
    "plain": f"SELECT * WHERE {{ SERVICE {EVIL} {{ ?s ?p ?o }} }}",
    "lower-case": f"select * where {{ service {EVIL} {{ ?s ?p ?o }} }}",
    "silent": f"SELECT * WHERE {{ SERVICE SILENT {EVIL} {{ ?s ?p ?o }} }}",
    "no-spaces": f"SELECT * WHERE {{SERVICE{EVIL}{{?s ?p ?o}}}}",
    "variable": f"SELECT * WHERE {{ VALUES ?u {{ {EVIL} }} SERVICE ?u {{ ?s ?p ?o }} }}",
    "in-exists": f"SELECT * WHERE {{ ?a ?b ?c FILTER EXISTS {{ SERVICE {EVIL} {{ ?s ?p ?o }} }} }}",
    "in-subquery": f"SELECT * WHERE {{ {{ SELECT * WHERE {{ SERVICE {EVIL} {{ ?s ?p ?o }} }} }} }}",
    "in-optional": f"SELECT * WHERE {{ ?a ?b ?c OPTIONAL {{ SERVICE {EVIL} {{ ?s ?p ?o }} }} }}",
    "ask": f"ASK {{ SERVICE {EVIL} {{ }} }}",
    "construct": f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ SERVICE {EVIL} {{ ?s ?p ?o }} }}",
    "describe": f"DESCRIBE ?s WHERE {{ SERVICE {EVIL} {{ ?s ?p ?o }} }}",
    "after-less-than-string": (
        f"SELECT * WHERE {{ ?s ?p ?o FILTER(?o<'x>') SERVICE {EVIL} {{ ?a ?b ?c }} }}"
    ),
    "after-iri-with-hash": f"SELECT * WHERE {{ ?s <http://e/#> ?o SERVICE {EVIL} {{ ?a ?b ?c }} }}",
    "after-a-comment-line": f"SELECT * WHERE {{ ?s ?p ?o # note\n SERVICE {EVIL} {{ ?a ?b ?c }} }}",
}

AMBIGUOUS = {
    "unicode-escape": f"SELECT * WHERE {{ \\u0053ERVICE {EVIL} {{ ?s ?p ?o }} }}",
    "escape-in-string": f'SELECT * WHERE {{ ?s ?p "\\u0022" SERVICE {EVIL} {{ ?a ?b ?c }} }}',
    # Oxigraph ends a comment at a lone CR, rdflib's parser at the next LF only
    "lone-carriage-return": f"SELECT * WHERE {{ ?s ?p ?o # \r SERVICE {EVIL} {{ ?a ?b ?c }}\n}}",
}

HARMLESS = {
    "plain": "SELECT * WHERE { ?s ?p ?o }",
    "in-a-string": 'SELECT * WHERE { ?s ?p "SERVICE <http://x> { }" }',
    "in-a-comment": "SELECT * WHERE { ?s ?p ?o } # SERVICE <http://x> { }",
    "in-an-iri": "SELECT * WHERE { ?s <http://e/SERVICE> ?o }",
    "a-variable": "SELECT ?service WHERE { ?service ?p ?o }",
    "a-prefixed-name": "PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o }",
    "crlf-lines": "SELECT * WHERE {\r\n ?s ?p ?o # note\r\n}",
}


@pytest.mark.parametrize("query", CALLS_SERVICE.values(), ids=CALLS_SERVICE.keys())
def test_service_is_found(query: str) -> None:
    """Found, or (rdflib reading ``<http://e/#> ?o SERVICE`` as a comment) not read at all."""
    with pytest.raises(QueryError, match=r"SERVICE.*--allow-service"):
        check_no_service(query)


@pytest.mark.parametrize("query", AMBIGUOUS.values(), ids=AMBIGUOUS.keys())
def test_what_could_read_otherwise_is_refused(query: str) -> None:
    with pytest.raises(QueryError, match=r"cannot check a query with \\u escapes"):
        check_no_service(query)


@pytest.mark.parametrize("query", HARMLESS.values(), ids=HARMLESS.keys())
def test_harmless_queries_pass(query: str) -> None:
    check_no_service(query)


def test_what_rdflib_cannot_read_is_refused_with_the_reason() -> None:
    with pytest.raises(QueryError, match=r"does not parse as SPARQL 1\.1 .*--allow-service"):
        check_no_service("SELECT * WHERE { ?s ?p")


@pytest.mark.parametrize("update", ["INSERT DATA { <urn:a> <urn:b> <urn:c> }", "DROP ALL"])
def test_updates_are_named_as_such(update: str) -> None:
    assert is_update(update)
    with pytest.raises(QueryError, match="this is an update, not a query"):
        check_no_service(update)


def test_an_update_may_be_checked_and_its_service_is_found() -> None:
    check_no_service("INSERT DATA { <urn:a> <urn:b> <urn:c> }", updates=True)
    with pytest.raises(QueryError, match="SERVICE"):
        check_no_service(
            f"INSERT {{ ?s ?p ?o }} WHERE {{ SERVICE {EVIL} {{ ?s ?p ?o }} }}", updates=True
        )
