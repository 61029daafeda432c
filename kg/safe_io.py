"""Output that cannot be broken: files written whole or not at all, text that XML 1.0 can hold.

A file an export writes first goes to a temporary file beside it, which replaces the target
only once it is complete: a failure half-way leaves the old file (or none), never half of a
new one. XML 1.0 cannot hold most control characters at all, not even escaped, so text bound
for XML (and text read from the input) leaves them out.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_FORBIDDEN_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_text(text: str) -> str:
    """The text without the characters XML 1.0 forbids (tab, line feed and return stay).

    >>> xml_text("a\\x00b\\x1b[0mc\\x0cd\\te")
    'ab[0mcd\\te'
    """
    return _FORBIDDEN_IN_XML.sub("", text)


@contextmanager
def written_whole(path: str | Path) -> Iterator[Path]:
    """A temporary path to write to; it becomes ``path`` when the block ends without error.

    >>> import tempfile
    >>> target = Path(tempfile.mkdtemp()) / "a.txt"
    >>> with written_whole(target) as part:
    ...     _ = part.write_text("whole")
    >>> target.read_text(), [p.name for p in target.parent.iterdir()]
    ('whole', ['a.txt'])
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    part = path.with_name(f".{path.name}.{os.getpid()}.part")
    try:
        yield part
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)
