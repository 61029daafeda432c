"""The graph kept: the Oxigraph store and SPARQL, the extraction cache of incremental builds,
the store served over HTTP and pushed to remote stores."""

from kg.store.store import (
    RESULT_FORMATS,
    QueryResult,
    format_result,
    graph_stats,
    load_file,
    open_store,
    run_query,
    save_to_store,
)

__all__ = [
    "RESULT_FORMATS",
    "QueryResult",
    "format_result",
    "graph_stats",
    "load_file",
    "open_store",
    "run_query",
    "save_to_store",
]
