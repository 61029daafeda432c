"""Our spaCy components; importing the package registers their factories.

Each component finds first (``match``) and then writes (``set_annotations``), like spaCy's own
rulers, and declares what it assigns. Their patterns and word lists are data in
``kg/patterns/``.
"""

from kg.components.descriptions import PersonDescriptions
from kg.components.entities import (
    AcronymDefinitions,
    CountryInstitutions,
    EntityTypeRules,
    KnownNames,
)
from kg.components.events import EventPatterns
from kg.components.relations import RelationPatterns, TitlesAndNames

__all__ = [
    "AcronymDefinitions",
    "CountryInstitutions",
    "EntityTypeRules",
    "EventPatterns",
    "KnownNames",
    "PersonDescriptions",
    "RelationPatterns",
    "TitlesAndNames",
]
