"""The graph raw spaCy NER alone would give: the yardstick kg's entities must beat.

Reads the corpus with kg's own reader (so both see the same story text), runs the spaCy
pipeline without our components, and writes one node per distinct (name, type) of the corpus:
PERSON -> schema:Person, ORG and NORP-free organisations -> schema:Organization, GPE/LOC/FAC ->
schema:Place, with ``prov:wasDerivedFrom`` its documents. No other merging, no relations: what a
user gets from ``doc.ents`` with a dictionary. Score it like any graph::

    .venv/bin/python benchmarks/raw_ner.py tests/news/dev -o /tmp/raw.ttl
    .venv/bin/kg evaluate /tmp/raw.ttl --gold tests/news/dev/gold.json
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import spacy
from rdflib import Graph, Literal
from rdflib.namespace import PROV, RDF, RDFS

from kg.config import DEFAULT_MODEL
from kg.graph.vocab import SCHEMA
from kg.read import read_documents

TYPES = {
    "PERSON": SCHEMA.Person,
    "ORG": SCHEMA.Organization,
    "GPE": SCHEMA.Place,
    "LOC": SCHEMA.Place,
    "FAC": SCHEMA.Place,
}


def raw_graph(paths: list[Path], model: str) -> Graph:
    """One node per distinct name and type that spaCy's NER finds in the documents."""
    nlp = spacy.load(model)
    documents = list(read_documents(paths, on_error=lambda e: print(e, file=sys.stderr)))
    seen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for document, doc in zip(documents, nlp.pipe(d.text for d in documents), strict=True):
        for ent in doc.ents:
            if ent.label_ in TYPES:
                seen[(ent.text.removeprefix("the ").strip(), ent.label_)].add(document.doc_id)
    g = Graph()
    g.bind("schema", SCHEMA)
    ns = "https://example.org/raw-ner/"
    for document in documents:
        node = g.resource(f"{ns}doc/{document.doc_id}")
        node.add(RDF.type, SCHEMA.NewsArticle)
        node.add(SCHEMA.identifier, Literal(document.doc_id))
    for n, ((name, label), doc_ids) in enumerate(sorted(seen.items())):
        node = g.resource(f"{ns}entity/{n}")
        node.add(RDF.type, TYPES[label])
        node.add(RDFS.label, Literal(name))
        for doc_id in sorted(doc_ids):
            node.add(PROV.wasDerivedFrom, g.resource(f"{ns}doc/{doc_id}"))
    return g


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+", type=Path)
    parser.add_argument("-o", "--output", type=Path, required=True)
    parser.add_argument("--model", default=DEFAULT_MODEL)
    args = parser.parse_args()
    raw_graph(args.paths, args.model).serialize(args.output, format="turtle")


if __name__ == "__main__":
    main()
