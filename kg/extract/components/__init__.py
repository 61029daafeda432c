"""Our spaCy components; importing the package registers their factories.

Each component finds first (``match``) and then writes (``set_annotations``), like spaCy's own
rulers, and declares what it assigns. Their patterns are data in
``kg/extract/patterns/``, their word lists in ``kg/knowledge/data/``.
"""

from kg.extract.components.descriptions import PersonDescriptions
from kg.extract.components.entities import AcronymDefinitions, CountryInstitutions, KnownNames
from kg.extract.components.entity_types import EntityTypeRules
from kg.extract.components.events import EventPatterns
from kg.extract.components.relations import RelationPatterns, TitlesAndNames
from kg.extract.components.sentences import SentenceBounds

__all__ = [
    "AcronymDefinitions",
    "CountryInstitutions",
    "EntityTypeRules",
    "EventPatterns",
    "KnownNames",
    "PersonDescriptions",
    "RelationPatterns",
    "SentenceBounds",
    "TitlesAndNames",
]
