"""Given names of many languages, from the first-name lists of Faker's locales (MIT).

The small model types many people's names as organizations ("Winston Peters's party"); a
name that begins with a given name of some language is likely a person's. The lists are read
once per process, from the package's person providers, folded.
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache

from kg.knowledge.gazetteer import fold

_LISTS = ("first_names", "first_names_male", "first_names_female", "first_names_nonbinary")
_GENDERED = {"first_names_male": "male", "first_names_female": "female"}


@cache
def _listed_names() -> tuple[tuple[str, str], ...]:
    """(list, folded name) for every Latin-script name of every locale's first-name lists,
    read once: both lexicons below come from this one pass over Faker's providers."""
    import faker.providers.person as person  # heavy: only where names are asked for

    listed: list[tuple[str, str]] = []
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(
            importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None
        )
        for attribute in _LISTS:
            found = getattr(provider, attribute, None)
            if isinstance(found, (list, tuple, dict)):
                listed += [
                    (attribute, f) for n in found if (f := fold(n)).isascii() and f.isalpha()
                ]
    return tuple(listed)


@cache
def given_names() -> frozenset[str]:
    """Folded given names ("winston", "gustavo", "kimani"), Latin script only.

    >>> {"winston", "gustavo"} <= given_names()
    True
    """
    return frozenset(name for _, name in _listed_names())


@cache
def name_genders() -> dict[str, str]:
    """Folded given names that every locale lists for one gender only, with it ("martin":
    "male", "teresa": "female"; "andrea", male in some languages and female in others, is
    not here): whom "she said" cannot stand for.

    >>> name_genders()["teresa"], "andrea" in name_genders()
    ('female', False)
    """
    seen: dict[str, set[str]] = {}
    for attribute, name in _listed_names():
        if attribute in _GENDERED:
            seen.setdefault(name, set()).add(_GENDERED[attribute])
    return {name: next(iter(genders)) for name, genders in seen.items() if len(genders) == 1}
