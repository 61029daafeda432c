"""The HTML export in a real headless Chromium (Debian's chromium and chromium-driver, which
``make test`` installs): the nodes are drawn, hover and click show what they promise, nothing
is logged as an error, and a large network is ready in seconds."""

from __future__ import annotations

import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from kg.draw.export import html_page, write_network
from kg.draw.network import project_network
from kg.store.store import open_store
from tests.conftest import ROOT, Built

pytestmark = pytest.mark.browser
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
SCREENSHOTS = ROOT / "out" / "screenshots"


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """A headless Chromium driven by chromedriver, with a fresh profile."""
    chromium, driver_path = shutil.which("chromium"), shutil.which("chromedriver")
    if chromium is None or driver_path is None:
        message = (
            "Debian's chromium and chromium-driver are not installed "
            "(make test installs them with apt-get where it runs as root on Debian)"
        )
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="kg-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def open_page(driver, path: Path, *, timeout: float = 60) -> float:
    """Load the page and wait until the network is drawn; returns the seconds it took."""
    driver.get_log("browser")  # forget what earlier pages logged
    start = time.monotonic()
    driver.get(path.as_uri())
    while not driver.execute_script("return window.kgReady === true"):
        assert time.monotonic() - start < timeout, "the network was not drawn in time"
        time.sleep(0.05)
    return time.monotonic() - start


def painted_pixels(driver) -> int:
    """How many pixels of the network's canvas are not blank."""
    return driver.execute_script(
        """
        const canvas = document.querySelector('#graph canvas');
        const pixels = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let painted = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) painted++;
        return painted;
        """
    )


def errors(driver) -> list[dict]:
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def screenshot(driver, tmp_path: Path, name: str) -> Path:
    """Save a screenshot under the test's tmp dir and in out/screenshots/; print where."""
    path = tmp_path / name
    driver.save_screenshot(str(path))
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, SCREENSHOTS / name)
    print(f"screenshot: {path} (and {SCREENSHOTS / name})")
    return path


@pytest.mark.model
def test_the_sample_corpus_page(browser, examples_built: Built, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    g = project_network(open_store(examples_built.store, read_only=True))
    page = write_network(g, tmp_path / "network.html", fmt="html")
    open_page(browser, page)

    drawn = browser.execute_script(
        "return [kgNodes.length, kgEdges.length, Object.keys(kgNetwork.getPositions()).length]"
    )
    assert drawn == [g.number_of_nodes(), g.number_of_edges(), g.number_of_nodes()]
    assert painted_pixels(browser) > 5_000
    fetched = browser.execute_script(
        "return performance.getEntriesByType('resource').map(r => r.name)"
    )
    assert fetched == []  # everything is in the page

    person = max(
        (n for n, kind in g.nodes(data="type") if kind == "Person" and "evidence" in g.nodes[n]),
        key=lambda n: (g.degree(n), n),
    )
    browser.execute_script("kgNetwork.focus(arguments[0], {scale: 1.5, animation: false})", person)
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    ActionChains(browser).move_to_element(canvas).pause(0.2).move_by_offset(1, 1).pause(
        0.6
    ).perform()
    tooltip = browser.find_element(By.CSS_SELECTOR, ".vis-tooltip")
    assert tooltip.is_displayed()
    assert tooltip.text.splitlines() == [g.nodes[person]["label"], "Person"]

    ActionChains(browser).click().pause(0.3).perform()
    details = browser.find_element(By.ID, "details").text
    assert g.nodes[person]["label"] in details
    assert " ".join(g.nodes[person]["evidence"].split()) in " ".join(details.split())
    assert f"from {g.nodes[person]['source']}" in details

    panel = browser.find_element(By.ID, "panel")
    ActionChains(browser).move_to_element(panel).pause(0.3).perform()  # the tooltip goes
    browser.execute_script("kgNetwork.fit({animation: false})")
    screenshot(browser, tmp_path, "network.png")
    assert errors(browser) == []


def synthetic(n: int) -> nx.MultiDiGraph:
    """A connected network of ``n`` nodes and about 1.5 n edges, all four node types."""
    tree = nx.random_labeled_tree(n, seed=1)
    g = nx.MultiDiGraph()
    types = ("Person", "Organization", "Place", "Event")
    for i in tree:
        g.add_node(f"urn:n{i}", label=f"Node {i}", type=types[i % 4], documents=1)
    for u, v in tree.edges:
        g.add_edge(f"urn:n{u}", f"urn:n{v}", key="member of", label="member of")
    for i in range(0, n, 2):
        g.add_edge(f"urn:n{i}", f"urn:n{(i * 7 + 3) % n}", key="part of", label="part of")
    for node, degree in g.degree():
        g.nodes[node]["degree"] = degree
    return g


def test_a_large_network_is_drawn_in_seconds(browser, tmp_path):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    g = synthetic(3000)
    g.nodes["urn:n0"].update(statements=12, statement="Node 0 said it would wait.")
    page = tmp_path / "large.html"
    page.write_text(html_page(g, title="large"), encoding="utf-8")
    seconds = open_page(browser, page)
    print(f"3,000 nodes drawn in {seconds:.1f} s")
    assert seconds < 20, f"3,000 nodes took {seconds:.1f} s to draw"
    assert browser.execute_script("return kgNodes.length") == 3000
    assert browser.execute_script("return Number(document.body.dataset.drawnMs)") > 0
    assert painted_pixels(browser) > 5_000
    # No physics: every node stays where the layout computed in Python put it.
    time.sleep(0.5)
    moved = browser.execute_script(
        """
        const data = JSON.parse(document.getElementById('kg-data').textContent);
        const at = kgNetwork.getPositions();
        return data.nodes.filter(n => at[n.id].x !== n.x || at[n.id].y !== n.y).length;
        """
    )
    assert moved == 0
    start = time.monotonic()
    browser.execute_script("kgNetwork.moveTo({scale: 0.6}); kgNetwork.redraw()")
    assert time.monotonic() - start < 2

    # A click on a node where it is drawn fills the panel, and the page times its answer.
    browser.execute_script("kgNetwork.focus('urn:n0', {scale: 1.5, animation: false})")
    canvas = browser.find_element(By.CSS_SELECTOR, "#graph canvas")
    hit, x, y = browser.execute_script(
        "const at = kgNetwork.canvasToDOM(kgNetwork.getPosition('urn:n0'));"
        "return [kgNetwork.getNodeAt(at), at.x, at.y]"
    )
    offset = int(x - canvas.size["width"] / 2), int(y - canvas.size["height"] / 2)
    ActionChains(browser).move_to_element_with_offset(canvas, *offset).click().perform()
    assert browser.find_element(By.ID, "details").text.startswith(g.nodes[hit]["label"] + "\n")
    answered = "return document.body.dataset.answeredMs !== undefined"
    WebDriverWait(browser, 10).until(lambda driver: driver.execute_script(answered))
    browser.execute_script("kgShow('urn:n0')")
    details = browser.find_element(By.ID, "details").text
    assert "statements\n12" in details and "First of its 12 statements" in details
    assert "Node 0 said it would wait." in details
    screenshot(browser, tmp_path, "network-large.png")
    assert errors(browser) == []


def test_the_geo_layout_page(browser, tmp_path):
    from selenium.webdriver.common.by import By

    g = nx.MultiDiGraph()
    places = {"urn:baghdad": (33.3, 44.4), "urn:tehran": (35.7, 51.4)}
    for node, (latitude, longitude) in places.items():
        g.add_node(node, label=node[4:], type="Place", latitude=latitude, longitude=longitude)
    g.add_node("urn:ali", label="Ali", type="Person")
    g.add_edge("urn:ali", "urn:tehran", key="home", label="home")
    g.add_edge("urn:ali", "urn:baghdad", key="visit", label="visit")
    for node, degree in g.degree():
        g.nodes[node].update(documents=1, degree=degree)
    page = tmp_path / "geo.html"
    page.write_text(html_page(g, title="geo", layout="geo"), encoding="utf-8")
    open_page(browser, page)

    # The physics settled the others; the places stayed on the map where Python put them.
    data = browser.execute_script(
        "return JSON.parse(document.getElementById('kg-data').textContent)"
    )
    at = browser.execute_script("return kgNetwork.getPositions()")
    for node in data["nodes"]:
        if node["id"] in places:
            assert (at[node["id"]]["x"], at[node["id"]]["y"]) == (node["x"], node["y"])
    assert at["urn:tehran"]["x"] > at["urn:baghdad"]["x"]
    assert at["urn:tehran"]["y"] < at["urn:baghdad"]["y"]

    browser.execute_script("kgNetwork.fit({animation: false}); kgNetwork.redraw()")
    with_map = painted_pixels(browser)
    screenshot(browser, tmp_path, "network-geo.png")
    browser.execute_script("kgNetwork.off('beforeDrawing'); kgNetwork.redraw()")
    assert with_map > painted_pixels(browser) + 1_000  # the graticule is drawn under the nodes

    browser.execute_script("kgShow('urn:tehran')")
    assert "coordinates\n35.7, 51.4" in browser.find_element(By.ID, "details").text
    assert errors(browser) == []
