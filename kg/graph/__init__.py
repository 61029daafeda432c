"""The RDF graph: ``Resolution`` -> quads (the only place IRIs are minted), our vocabulary, and
RDF files.

The names below are imported on first use (PEP 562): the store needs only ``kg.graph.convert``
and ``kg.graph.vocab``, and ``kg query`` should not load the builder's gazetteer to start.
"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kg.graph.build import build_graph, iter_quads
    from kg.graph.export import rdf_format, write_quads, write_rdf

__all__ = ["build_graph", "iter_quads", "rdf_format", "write_quads", "write_rdf"]
_MODULES = {"build_graph": "build", "iter_quads": "build"} | dict.fromkeys(
    ["rdf_format", "write_quads", "write_rdf"], "export"
)


def __getattr__(name: str) -> Any:
    if name not in _MODULES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_MODULES[name]}"), name)
