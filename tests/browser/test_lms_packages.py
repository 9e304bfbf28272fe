"""The module packages for the school's Moodle in Chromium, with no network.

The SCORM 1.2 package runs inside a parent page that iframes it and provides a real SCORM
1.2 runtime (scorm-again, from npm) as window.API, the way Moodle's player does: a pupil
walks through the module, and the runtime sees LMSInitialize, lesson_status = completed,
LMSCommit, LMSFinish and nothing else. Every request is answered from the package (or the
parent page) by a route; anything else is refused and recorded. axe finds no violation.
The HTML zip opens from file://.
"""

from __future__ import annotations

import io
import os
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from ..sessions import save
from .test_accessibility import AXE_OPTIONS

ROOT = Path(__file__).resolve().parents[2]
RUNTIME = ROOT / "node_modules" / "scorm-again" / "dist" / "scorm12.js"
LMS = "http://lms.test"
PLAYER = """<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Moodle</title>
<script src="/scorm12.js"></script><script>
window.calls = [];
var api = new Scorm12API({ autocommit: false, logLevel: 5 });
["LMSInitialize", "LMSFinish", "LMSGetValue", "LMSSetValue", "LMSCommit",
 "LMSGetLastError", "LMSGetErrorString", "LMSGetDiagnostic"].forEach(function (name) {
  var call = api[name].bind(api);
  api[name] = function () {
    var args = Array.prototype.slice.call(arguments);
    window.calls.push([name].concat(args.map(String)));
    return call.apply(null, args);
  };
});
window.API = api;
</script></head><body><main><h1>Cours</h1>
<iframe title="SCO" src="/sco/index.html" style="width:100%;height:90vh"></iframe></main>
</body></html>"""


def unzip(data: bytes, folder: Path) -> Path:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        package.extractall(folder)
    return folder


@pytest.fixture(scope="module")
def packages(real_app, tmp_path_factory):
    """A saved 4e session (13-15) with two modules in French: each module's SCORM package
    and HTML zip, unzipped."""
    if not RUNTIME.exists():
        if os.environ.get("CI"):
            pytest.fail("scorm-again (npm ci) is required in CI")
        pytest.skip("scorm-again missing (npm ci)")
    client = real_app.test_client()
    presenter = save(client, tier="13-15", modules=["grooming", "images"], periods="2")
    found = {}
    for module in ("grooming", "images"):
        for kind in ("scorm", "html"):
            response = client.get(f"{presenter}moodle/{module}.{kind}.zip")
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "no-store"
            stem = f"declic-{kind}-13-15-{module}-fr"
            assert f'filename="{stem}.zip"' in response.headers["Content-Disposition"]
            found[module, kind] = unzip(response.data, tmp_path_factory.mktemp(stem))
    return found


@pytest.fixture
def lms(browser):
    """A context where the platform is a route: the player page, the runtime and the SCO's
    files; every other request is refused and recorded."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    state = {"sco": None, "refused": [], "served": []}

    def route(route):
        url = route.request.url
        if url == f"{LMS}/player.html":
            return route.fulfill(body=PLAYER, content_type="text/html; charset=utf-8")
        if url == f"{LMS}/scorm12.js":
            return route.fulfill(path=str(RUNTIME), content_type="text/javascript")
        if url.startswith(f"{LMS}/sco/"):
            target = state["sco"] / url.removeprefix(f"{LMS}/sco/").split("#")[0]
            if target.is_file():
                state["served"].append(url)
                return route.fulfill(path=str(target))
        state["refused"].append(url)
        return route.abort()

    context.route("**/*", route)
    yield context, state
    context.close()


@pytest.mark.parametrize("module", ["grooming", "images"])
def test_the_scorm_package_reports_completion_and_nothing_else(packages, lms, module):
    context, state = lms
    state["sco"] = packages[module, "scorm"]
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{LMS}/player.html")
    sco = page.frame_locator("iframe")
    sco.locator("h1").wait_for()
    page.wait_for_function("window.calls.length > 0")
    # The pupil walks through: the situation's first choice, every quiz option, the end.
    sco.locator("#situation details summary").first.click()
    for summary in sco.locator("#quiz details summary").all():
        summary.click()
    sco.get_by_role("button", name="J’ai fini ce module").click()
    sco.get_by_role("status").get_by_text("terminé").wait_for()
    calls = page.evaluate("window.calls")
    assert calls == [
        ["LMSInitialize", ""],
        ["LMSSetValue", "cmi.core.lesson_status", "completed"],
        ["LMSCommit", ""],
        ["LMSFinish", ""],
    ]
    cmi = page.evaluate(
        """() => ({status: API.cmi.core.lesson_status, score: API.cmi.core.score.raw,
        suspend: API.cmi.suspend_data, location: API.cmi.core.lesson_location,
        interactions: API.cmi.interactions.childArray.length,
        objectives: API.cmi.objectives.childArray.length})"""
    )
    assert cmi == {
        "status": "completed",
        "score": "",
        "suspend": "",
        "location": "",
        "interactions": 0,
        "objectives": 0,
    }
    assert state["refused"] == []
    assert any(
        url.endswith("/fonts/atkinson-hyperlegible-latin-400-normal.woff2")
        for url in state["served"]
    )


def test_the_quick_exit_leaves_the_whole_tab_not_the_frame(packages, lms):
    context, state = lms
    state["sco"] = packages["grooming", "scorm"]
    page = context.new_page()
    page.goto(f"{LMS}/player.html")
    exit_link = page.frame_locator("iframe").get_by_role("link", name="Sortie rapide")
    assert exit_link.get_attribute("target") == "_top"
    with page.expect_request(lambda request: "meteofrance" in request.url) as leaving:
        exit_link.click()
    # The tab's own page navigates away (its request refused here: no network), not the
    # frame alone: in Moodle the course page would stay on screen around a blank frame.
    assert leaving.value.is_navigation_request()
    assert leaving.value.frame == page.main_frame
    assert any("meteofrance" in url for url in state["refused"])


@pytest.mark.parametrize("module", ["grooming", "images"])
def test_no_axe_violation_inside_the_package_on_a_phone(packages, browser, module):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    refused = []

    def route(route):
        if route.request.url.startswith("file://"):
            return route.continue_()
        refused.append(route.request.url)
        return route.abort()

    context.route("**/*", route)
    page = context.new_page()
    (folder,) = packages[module, "html"].iterdir()
    page.goto((folder / "index.html").as_uri())  # the HTML zip, opened from file://
    page.wait_for_load_state("load")
    for summary in page.locator("details summary").all():
        summary.click()  # open every choice and option: their texts are checked too
    results = Axe().run(page, options=AXE_OPTIONS)
    violations = [
        (v["id"], v["help"], [n["target"] for n in v["nodes"]][:3])
        for v in results.response["violations"]
    ]
    assert violations == []
    assert refused == []
    # The page's own style and font are there: not the browser's default look.
    font = page.evaluate("getComputedStyle(document.body).fontFamily")
    assert "Atkinson" in font
    assert page.evaluate("document.fonts.check('16px \"Atkinson Hyperlegible\"')")
    context.close()
