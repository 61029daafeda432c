"""Drawing benchmark: the network of a large graph, exported and opened where users open it.

How to run it (from the repository root, after ``make test``, which installs Debian's
chromium and chromedriver)::

    .venv/bin/python benchmarks/bench_draw.py                     # builds 300 k words: ~3 min
    .venv/bin/python benchmarks/bench_draw.py --store /tmp/s      # a store built before
    .venv/bin/python benchmarks/bench_draw.py --page old.html     # only open a page written before

The corpus is ``bench_build.py``'s generator at ``--words`` words (300 k: about 1,100
articles), built once with ``kg build --store`` into ``--work`` and reused by later runs. Then,
each in a fresh process, ``kg export`` of the whole store to HTML (statements folded, the
default), to HTML with ``--unfold-statements``, to GraphML and to GEXF, timed from the start
(so the layout of the HTML is in it; the projection and the layout are also timed apart, in
this process); GraphML and GEXF are read back with networkx
(``read_graphml``, ``read_gexf``). Each HTML page is opened in headless Chromium (Selenium) and
timed by the page itself: ``data-drawn-ms`` (ms from the request of the page to its first
drawing; for a page of an older kg without it, the wall clock until ``window.kgReady``), then
the most connected node is clicked where it is drawn and ``data-answered-ms`` is read (from the
release of the pointer to the redrawn selection), and the panel is checked to name the node.

The last line is ``drawn_s=<a> answered_s=<b> drawn_unfolded_s=<c> answered_unfolded_s=<d>
export_html_s=<e> graphml_read_s=<f> gexf_read_s=<g>``.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_build import generate_corpus, machine  # noqa: E402

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--window-size=1400,900",
)


def kg(*args: str) -> tuple[float, str]:
    """Run ``kg`` in a fresh process; the seconds it took and what it printed."""
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "kg", *args], check=True, capture_output=True, text=True
    )
    return time.perf_counter() - start, done.stdout + done.stderr


def built_store(work: Path, words: int, seed: int) -> Path:
    """The store of the generated corpus, built once into ``work`` and reused."""
    store = work / "store"
    if (work / "built").is_file():
        return store
    corpus = work / "corpus"
    shutil.rmtree(corpus, ignore_errors=True)
    shutil.rmtree(store, ignore_errors=True)
    generate_corpus(corpus, words, seed=seed)
    seconds, _ = kg("build", str(corpus), "--store", str(store), "-q")
    print(f"built {len(list(corpus.iterdir())):,} articles in {seconds:.0f} s into {store}")
    (work / "built").touch()
    return store


def export(store: Path, output: Path, *options: str) -> dict[str, float]:
    seconds, said = kg("export", "--store", str(store), "-o", str(output), *options)
    wrote = re.search(r"Wrote ([\d,]+) nodes and ([\d,]+) edges", said)
    if wrote is None:
        raise SystemExit(f"kg export said: {said}")
    nodes, edges = (int(n.replace(",", "")) for n in wrote.groups())
    return {"seconds": seconds, "nodes": nodes, "edges": edges, "mb": output.stat().st_size / 1e6}


def read_back(path: Path) -> float:
    """Seconds networkx takes to read a GraphML or GEXF file."""
    import networkx as nx

    read = nx.read_graphml if path.suffix == ".graphml" else nx.read_gexf
    start = time.perf_counter()
    read(path)
    return time.perf_counter() - start


def export_parts(store: Path, fold: bool) -> tuple[float, float, int]:
    """Seconds of the projection (SPARQL -> networkx) and of the layout, and the skeleton's
    size, for the HTML view, in this process."""
    from kg.draw import layout as layout_module
    from kg.draw.network import View, project_network
    from kg.store.store import open_store

    start = time.perf_counter()
    g = project_network(open_store(store, read_only=True), view=View(fold_statements=fold))
    projected = time.perf_counter() - start
    start = time.perf_counter()
    layout_module.layout(g)
    laid_out = time.perf_counter() - start
    undirected = layout_module.nx.Graph(g.to_undirected())
    return projected, laid_out, len(layout_module._skeleton(undirected))


def browser() -> Any:
    """Debian's headless Chromium through chromedriver, as tests/test_browser.py drives it."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver is None:
        raise SystemExit("needs Debian's chromium and chromium-driver: run `make chromium`")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tempfile.mkdtemp(prefix='kg-bench-chromium-')}")
    return webdriver.Chrome(service=Service(driver), options=options)


def open_page(driver: Any, page: Path, timeout: float) -> dict[str, float | None]:
    """Open the page, wait for its first drawing, click its most connected node; the page's
    own timings in seconds (None: not drawn, or not answered, in ``timeout`` s)."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    driver.get("about:blank")
    start = time.monotonic()
    driver.get(page.as_uri())
    drawn = None
    while time.monotonic() - start < timeout:
        drawn = driver.execute_script(
            "return document.body && document.body.dataset.drawnMs !== undefined"
            " ? Number(document.body.dataset.drawnMs)"
            " : (window.kgReady === true ? -1 : null)"
        )
        if drawn is not None:
            break
        time.sleep(0.05)
    if drawn is None:
        return {"drawn": None, "answered": None}
    drawn_s = drawn / 1000 if drawn >= 0 else time.monotonic() - start
    node, label, x, y = driver.execute_script(
        """
        const ids = kgNodes.getIds();
        const degree = {};
        kgEdges.forEach(e => { degree[e.from] = (degree[e.from] || 0) + 1;
                               degree[e.to] = (degree[e.to] || 0) + 1; });
        const id = ids.reduce((a, b) => ((degree[b] || 0) > (degree[a] || 0) ? b : a));
        const at = kgNetwork.canvasToDOM(kgNetwork.getPosition(id));
        return [id, kgNodes.get(id).label, at.x, at.y];
        """
    )
    canvas = driver.find_element(By.CSS_SELECTOR, "#graph canvas")
    dx, dy = x - canvas.size["width"] / 2, y - canvas.size["height"] / 2
    ActionChains(driver).move_to_element_with_offset(canvas, int(dx), int(dy)).click().perform()
    clicked = time.monotonic()
    answered = None
    while answered is None and time.monotonic() - clicked < timeout:
        time.sleep(0.05)
        if drawn >= 0:
            answered = driver.execute_script(
                "return document.body.dataset.answeredMs === undefined"
                " ? null : Number(document.body.dataset.answeredMs)"
            )
        elif label in driver.find_element(By.ID, "details").text:  # an older page: wall clock
            answered = (time.monotonic() - clicked) * 1000
    shown = label in driver.find_element(By.ID, "details").text
    print(f"  clicked {node} ({label}): {'shown' if shown else 'NOT shown'} in the panel")
    return {"drawn": drawn_s, "answered": None if answered is None else answered / 1000}


def seconds(value: float | None, timeout: float) -> str:
    return f"{value:.2f}" if value is not None else f">{timeout:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--words", type=int, default=300_000, help="words of the corpus")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-draw")
    parser.add_argument("--store", type=Path, help="a store built before (no corpus is built)")
    parser.add_argument("--page", type=Path, nargs="*", help="only open these HTML pages")
    parser.add_argument("--timeout", type=float, default=120, help="seconds to wait for a page")
    args = parser.parse_args()
    print(f"machine: {machine()}")
    driver = browser()
    try:
        if args.page:
            for page in args.page:
                timing = open_page(driver, page, args.timeout)
                print(
                    f"{page}: drawn in {seconds(timing['drawn'], args.timeout)} s,"
                    f" click answered in {seconds(timing['answered'], args.timeout)} s"
                )
            return
        args.work.mkdir(parents=True, exist_ok=True)
        store = args.store or built_store(args.work, args.words, args.seed)
        out = args.work / "out"
        out.mkdir(exist_ok=True)
        runs = {
            "html": (out / "graph.html", ()),
            "html unfolded": (out / "unfolded.html", ("--unfold-statements",)),
            "graphml": (out / "graph.graphml", ()),
            "gexf": (out / "graph.gexf", ()),
        }
        print(
            f"\n{'export':<14} {'nodes':>6} {'edges':>6} {'MB':>6} {'export s':>9} {'open s':>7}"
            f" {'click s':>8}"
        )
        figures: dict[str, dict[str, float | None]] = {}
        for name, (path, options) in runs.items():
            done = export(store, path, *options)
            if path.suffix == ".html":
                opened = open_page(driver, path, args.timeout)
            else:
                opened = {"drawn": read_back(path), "answered": None}
            figures[name] = {**done, **opened}
            print(
                f"{name:<14} {done['nodes']:>6,.0f} {done['edges']:>6,.0f} {done['mb']:>6.1f}"
                f" {done['seconds']:>9.1f} {seconds(opened['drawn'], args.timeout):>7}"
                f" {'' if path.suffix != '.html' else seconds(opened['answered'], args.timeout):>8}"
            )
    finally:
        driver.quit()
    print("(open s: the page's first drawing, or networkx reading the file)")
    for name, fold in (("html", True), ("html unfolded", False)):
        projected, laid_out, skeleton = export_parts(store, fold)
        print(
            f"{name}: projection {projected:.1f} s, layout {laid_out:.1f} s"
            f" (skeleton of {skeleton:,} nodes in the force layout)"
        )
    print(
        f"\ndrawn_s={seconds(figures['html']['drawn'], args.timeout)}"
        f" answered_s={seconds(figures['html']['answered'], args.timeout)}"
        f" drawn_unfolded_s={seconds(figures['html unfolded']['drawn'], args.timeout)}"
        f" answered_unfolded_s={seconds(figures['html unfolded']['answered'], args.timeout)}"
        f" export_html_s={figures['html']['seconds']:.1f}"
        f" graphml_read_s={seconds(figures['graphml']['drawn'], args.timeout)}"
        f" gexf_read_s={seconds(figures['gexf']['drawn'], args.timeout)}"
    )


if __name__ == "__main__":
    main()
