"""What a SPARQL request asks before it runs: whether it calls other endpoints (``SERVICE``).

Oxigraph follows ``SERVICE <URL>`` to any URL, and neither pyoxigraph 0.5 nor ``oxigraph
serve-read-only`` can turn that off, so a query is read first with rdflib's SPARQL 1.1 parser
and refused if it holds a ``SERVICE`` clause, unless the caller allows it. The check fails
closed: a query rdflib cannot read, or one whose reading could differ from Oxigraph's
(``\\u`` escapes, which rdflib expands everywhere and Oxigraph only in strings and IRIs; a lone
carriage return, which ends a comment for Oxigraph only), is refused too.
"""

from __future__ import annotations

import re

from kg.errors import QueryError

_AMBIGUOUS = re.compile(r"\\[uU][0-9A-Fa-f]{4}|\r(?!\n)")
ALLOW_HINT = "--allow-service"
"""How the command line lets a query call other endpoints."""
UPDATE_REFUSED = (
    "this is an update, not a query: kg answers SELECT, ASK, CONSTRUCT and DESCRIBE; "
    "a store changes only through kg build and kg remove"
)


class ServiceRefused(QueryError):
    """A query that would call another endpoint, refused (HTTP 403 at the server)."""


def check_no_service(query: str, *, updates: bool = False) -> None:
    """Refuse a query that calls another endpoint, or that cannot be checked.

    Args:
        query: the request's SPARQL text.
        updates: whether an update is checked too (else it is refused as not a query).

    Raises:
        ServiceRefused: the query holds a ``SERVICE`` clause, or could read otherwise.
        QueryError: rdflib cannot read it, or it is an update and ``updates`` is false.

    >>> check_no_service("SELECT * WHERE { ?s ?p ?o }")
    >>> try:
    ...     check_no_service("SELECT * WHERE { SERVICE <http://10.0.0.1/> { ?s ?p ?o } }")
    ... except QueryError as e:
    ...     print(e)
    the query calls another endpoint (SERVICE), which kg does not do unless asked (--allow-service)
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if _AMBIGUOUS.search(query):
        raise ServiceRefused(
            "kg cannot check a query with \\u escapes or lone carriage returns for SERVICE: "
            f"write the characters themselves (or allow SERVICE with {ALLOW_HINT})"
        )
    parsed: object
    try:
        parsed = parseQuery(query)
    except ParseBaseException as e:
        try:
            parsed = parseUpdate(query)
        except ParseBaseException:
            raise QueryError(
                f"the query does not parse as SPARQL 1.1 (kg reads it so to check it for "
                f"SERVICE; {ALLOW_HINT} skips the check): {_one_line(str(e))}"
            ) from e
        if not updates:
            raise QueryError(UPDATE_REFUSED) from e
    if _has_service(parsed):
        raise ServiceRefused(
            "the query calls another endpoint (SERVICE), which kg does not do unless asked "
            f"({ALLOW_HINT})"
        )


def is_update(text: str) -> bool:
    """Whether the text is a SPARQL 1.1 update (INSERT, DELETE, LOAD, DROP...).

    >>> is_update("INSERT DATA { <urn:a> <urn:b> <urn:c> }"), is_update("ASK {}")
    (True, False)
    """
    from pyparsing import ParseBaseException
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except ParseBaseException:
        return False
    return True


def _has_service(node: object) -> bool:
    """Whether rdflib's parse tree holds a ``ServiceGraphPattern`` anywhere."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue) and node.name == "ServiceGraphPattern":
        return True
    if isinstance(node, dict):
        return any(_has_service(value) for value in node.values())
    if isinstance(node, list | tuple | ParseResults):
        return any(_has_service(item) for item in node)
    return False


def _one_line(text: str) -> str:
    return " ".join(text.split())
