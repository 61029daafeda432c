"""Connected components of many small integers (the clusters, the event mentions of a corpus):
a list of parents, not a graph or a dict of each (networkx's take several hundred bytes an
element)."""

from __future__ import annotations


class UnionFind:
    """Connected components of the integers below ``n``: a list of parents, not a graph."""

    def __init__(self, n: int) -> None:
        self._parent = list(range(n))

    def _root(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def __getitem__(self, i: int) -> int:
        """The component of ``i``, named by its first member."""
        return self._root(i)

    def union(self, i: int, j: int) -> None:
        a, b = self._root(i), self._root(j)
        if a != b:
            self._parent[max(a, b)] = min(a, b)

    def components(self) -> list[list[int]]:
        """Each component's members in order, the components by their first member."""
        members: dict[int, list[int]] = {}
        for i in range(len(self._parent)):
            members.setdefault(self._root(i), []).append(i)
        return list(members.values())
