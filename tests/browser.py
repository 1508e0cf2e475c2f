"""A real browser for the accessibility tests: Debian's Chromium, driven by Playwright.

Playwright for Python never downloads a browser here: it starts the system's Chromium
(``.ci/apt-packages``). axe-core comes from the ``axe-playwright-python`` package, which
ships ``axe.min.js``. Locally, a missing browser skips the tests; in CI it fails them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tests.programs import missing

# The network is closed and the browser is a test instrument: nothing in the background.
CHROMIUM_ARGS = [
    "--no-sandbox",  # as root
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]


def chromium_path() -> str:
    for name in ("chromium", "chromium-browser"):
        found = shutil.which(name)
        if found:
            return found
    missing("Chromium introuvable : installez le paquet Debian chromium")
    raise AssertionError  # unreachable: missing() skips or fails


def axe_script() -> str:
    try:
        from axe_playwright_python.base import AXE_FILE_PATH
    except ImportError:
        missing('axe-core absent : pip install -e ".[test]" (axe-playwright-python)')
        raise
    return Path(AXE_FILE_PATH).read_text(encoding="utf-8")


@contextmanager
def chromium() -> Iterator[Any]:
    """A headless Chromium for the whole test module; Playwright gives it a fresh profile."""
    executable = chromium_path()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing('Playwright absent : pip install -e ".[test]"')
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


def axe_violations(page: Any, script: str, rules: list[str] | None = None) -> list[str]:
    """axe-core's violations on the loaded page, one line per element: rule, impact, target."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(script)
    run_only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    results = page.evaluate(
        "options => axe.run(document, options)",
        {"runOnly": run_only, "resultTypes": ["violations"]},
    )
    lines = []
    for violation in results["violations"]:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(
                f"{violation['id']} ({violation['impact']}) sur {target} : "
                f"{violation['help']} — {summary}"
            )
    return lines


def reflow_problem(page: Any) -> str | None:
    """WCAG 1.4.10 at the viewport's width: a page that scrolls sideways, or is shrunk."""
    layout = page.evaluate(
        "() => ({width: window.innerWidth, client: document.documentElement.clientWidth,"
        " scroll: document.documentElement.scrollWidth})"
    )
    if layout["client"] != layout["width"]:
        return f"mise en page à {layout['client']} px au lieu de {layout['width']} (viewport ?)"
    if layout["scroll"] > layout["client"]:
        wide = page.evaluate(
            "w => [...document.body.querySelectorAll('*')]"
            ".filter(e => e.getBoundingClientRect().right > w + 0.5)"
            ".slice(-3).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')"
            " + (e.className && typeof e.className === 'string' ? '.' + e.className : ''))",
            layout["client"],
        )
        return (
            f"défilement horizontal : {layout['scroll']} px de large pour "
            f"{layout['client']} px ({', '.join(wide)})"
        )
    return None
