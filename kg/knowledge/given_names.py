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


@cache
def given_names() -> frozenset[str]:
    """Folded given names ("winston", "gustavo", "kimani"), Latin script only.

    >>> {"winston", "gustavo"} <= given_names()
    True
    """
    import faker.providers.person as person  # heavy: only where names are asked for

    names: set[str] = set()
    for module in pkgutil.iter_modules(person.__path__):
        provider = getattr(
            importlib.import_module(f"{person.__name__}.{module.name}"), "Provider", None
        )
        for attribute in _LISTS:
            found = getattr(provider, attribute, None)
            if isinstance(found, (list, tuple, dict)):
                names.update(f for n in found if (f := fold(n)).isascii() and f.isalpha())
    return frozenset(names)
