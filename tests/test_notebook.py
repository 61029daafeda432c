"""notebooks/walkthrough.ipynb runs from top to bottom, offline, in under a minute."""

from __future__ import annotations

import time

import pytest

from tests.conftest import ROOT

NOTEBOOK = ROOT / "notebooks" / "walkthrough.ipynb"


def test_the_notebook_is_committed_without_outputs():
    import nbformat

    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    assert code
    assert all(not cell.outputs and cell.execution_count is None for cell in code)


@pytest.mark.model
def test_the_notebook_runs():
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = NotebookClient(
        nb,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(NOTEBOOK.parent)}},
    )
    start = time.monotonic()
    client.execute()  # raises CellExecutionError if a cell fails
    seconds = time.monotonic() - start
    print(f"notebooks/walkthrough.ipynb ran in {seconds:.1f} s")
    assert seconds < 60
    outputs = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]
    assert not [out for out in outputs if out.output_type == "error"]
    images = [out for out in outputs if "image/png" in out.get("data", {})]
    assert len(images) == 3
    printed = "".join(out.get("text", "") for out in outputs if out.output_type == "stream")
    assert "gexf " in printed and "html " in printed
