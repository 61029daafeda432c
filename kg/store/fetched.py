"""What a store has read from the web: each page's URL with the feed's stamp of it.

A feed read again lists mostly the items read last time. The store keeps, in
``STORE/kg-cache/fetched.json``, the stamp each item had in its feed when it was read (the
item's updated date, else its publication date, else none), so that a build fetches again only
the items that are new, or whose stamp changed (the feed says the page was updated). The file
is rewritten, atomically, after the store and ``documents.json`` are: it names only documents
the store holds. An unreadable file is one warning, and every item is fetched again.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path

from kg.store.cache import CACHE_DIR, write_atomically

FETCHED = "fetched.json"


class FetchLog:
    """The stamps of the web pages a store holds, by URL.

    Args:
        store_dir: the store whose pages these are.
        on_warning: told, in one line, that the file cannot be read (it is then ignored).

    >>> import tempfile
    >>> store = tempfile.mkdtemp()
    >>> FetchLog(store).commit({"https://example.org/a": "2024-05-01T08:00:00+00:00"},
    ...                        held=["https://example.org/a", "b.txt"])
    >>> log = FetchLog(store)
    >>> log.unchanged("https://example.org/a", "2024-05-01T08:00:00+00:00")
    True
    >>> log.unchanged("https://example.org/a", "2024-05-02T09:30:00+00:00")
    False
    """

    def __init__(
        self, store_dir: str | Path, *, on_warning: Callable[[str], None] | None = None
    ) -> None:
        self.path = Path(store_dir) / CACHE_DIR / FETCHED
        self._warn = on_warning or (lambda _message: None)
        self.stamps = self._read()

    def _read(self) -> dict[str, str | None]:
        try:
            listed = json.loads(self.path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            return {}
        except (OSError, ValueError) as e:
            reason = getattr(e, "strerror", None) or str(e)
        else:
            pages = listed.get("pages") if isinstance(listed, dict) else None
            if isinstance(pages, dict) and all(
                isinstance(url, str) and (stamp is None or isinstance(stamp, str))
                for url, stamp in pages.items()
            ):
                return pages
            reason = "not a mapping of URLs to stamps"
        self._warn(f"{self.path}: unreadable ({reason}); the feeds' items are fetched again")
        return {}

    def unchanged(self, url: str, stamp: str | None) -> bool:
        """Whether the store read the page at ``url`` when its feed gave it this very stamp."""
        return url in self.stamps and self.stamps[url] == stamp

    def commit(self, read: Mapping[str, str | None], *, held: Iterable[str]) -> None:
        """Record the stamps of the pages just read, keep those of the other documents the
        store holds, and forget the rest.

        Args:
            read: the stamp of each page read by this build, by URL.
            held: the ids of the documents the store now holds (a page's id is its URL).
        """
        kept = {**self.stamps, **read}
        self.stamps = {doc_id: kept[doc_id] for doc_id in sorted(set(held)) if doc_id in kept}
        if not self.stamps and not self.path.exists():
            return  # a store that never read the web gets no file
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(self.path, {"pages": self.stamps})
