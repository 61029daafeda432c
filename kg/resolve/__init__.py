"""Resolution: mentions -> one entity per real thing, and the facts between those entities."""

from kg.resolve.entities import resolve_entities, slug, surname

__all__ = ["resolve_entities", "slug", "surname"]
