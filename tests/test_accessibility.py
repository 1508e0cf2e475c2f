"""Every HTML page rzn writes, checked in a real browser: axe-core and reflow at 320 px.

The pages are found by globbing what ``rzn render`` and ``rzn report`` wrote for every
example and for the events with registration and answer exports, plus the HTML part of
every mail draft: a new kind of page is checked as soon as rzn writes it. The standard is
WCAG 2.1 AA (RGAA 4), with axe-core's best practices; a failure names the page, the rule
and the element.
"""

from __future__ import annotations

import email
import re
import shutil
from email import policy
from pathlib import Path
from typing import Any

import pytest

from rzn.cli import main
from tests.browser import axe_script, axe_violations, chromium, reflow_problem
from tests.conftest import EXAMPLES, ROOT
from tests.report.test_consultation_report import export as consultation_export
from tests.report.test_consultation_report import from_tsv

EXPORTS = ROOT / "tests" / "data" / "exports"
EXAMPLE_NAMES = sorted(p.parent.name for p in EXAMPLES.glob("*/event.yaml"))
EXPORT_NAMES = sorted(p.stem for p in EXPORTS.glob("*.yaml"))
GROUPS = [f"exemple/{n}" for n in EXAMPLE_NAMES] + [f"export/{n}" for n in EXPORT_NAMES]
PHONE = {"width": 320, "height": 640}


def _html_pages(folder: Path) -> list[Path]:
    """The documents, not rzn's own copies under .rzn/."""
    return sorted(
        p
        for p in folder.rglob("*.html")
        if not any(part.startswith(".") for part in p.relative_to(folder).parts)
    )


def _mail_parts(folder: Path, into: Path) -> list[Path]:
    """The HTML part of every .eml, read back with the standard library's parser."""
    pages = []
    for eml in sorted(folder.rglob("*.eml")):
        if any(part.startswith(".") for part in eml.relative_to(folder).parts):
            continue
        message = email.message_from_bytes(eml.read_bytes(), policy=policy.default)
        html = message.get_body(("html",))
        assert html is not None, f"{eml.name} : pas de partie HTML"
        page = into / (eml.relative_to(folder).with_suffix("").as_posix() + ".html")
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(html.get_content(), encoding="utf-8")  # type: ignore[attr-defined]
        pages.append(page)
    return pages


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list[Path]]:
    """Each group's pages: rendered documents, report and mails, as a user gets them."""
    tmp = tmp_path_factory.mktemp("a11y")
    pages: dict[str, list[Path]] = {}
    for name in EXAMPLE_NAMES:
        out = tmp / "exemple" / name
        code = main(["render", str(EXAMPLES / name / "event.yaml"), "-o", str(out),
                     "--today", "2027-09-01"])  # fmt: skip
        assert code == 0, name
        pages[f"exemple/{name}"] = _html_pages(out) + _mail_parts(out, tmp / "mails" / name)
    exports = tmp / "exports"
    shutil.copytree(EXPORTS, exports)
    for name in EXPORT_NAMES:
        event = exports / f"{name}.yaml"
        out = tmp / "export" / name
        code = main(["render", str(event), "-o", str(out / "documents"), "--today", "2027-11-25"])
        assert code <= 1, name  # warnings about the exports are expected
        if re.search(r"(?m)^answers:", event.read_text("utf-8")):
            code = main(["report", str(event), "-o", str(out / "bilan"), "--today", "2027-11-25"])
            assert code == 0, name
            # The consultation's bilan, from an export of the survey file rendered above.
            survey = from_tsv((out / "documents" / "consultation.limesurvey.txt").read_bytes())
            answers = exports / f"{name}-consultation.csv"
            answers.write_text(consultation_export(survey, "labels"), encoding="utf-8")
            code = main(["report", str(event), "--consultation", str(answers), "--quote",
                         "-o", str(out / "consultation"), "--today", "2027-09-01"])  # fmt: skip
            assert code == 0, name
        pages[f"export/{name}"] = _html_pages(out) + _mail_parts(
            out, tmp / "mails" / f"export-{name}"
        )
    return pages


@pytest.fixture(scope="module")
def browser() -> Any:
    with chromium() as launched:
        yield launched


@pytest.fixture(scope="module")
def axe() -> str:
    return axe_script()


@pytest.fixture(scope="module")
def phone(browser: Any) -> Any:
    """A page on a 320 px phone: a page without a viewport would lay out at 980 px."""
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()


def test_every_kind_of_page_is_found(site):
    """The glob finds every kind of page rzn writes, so none escapes the checks below."""
    names = {p.name for pages in site.values() for p in pages}
    parents = {p.parent.name for pages in site.values() for p in pages}
    assert {
        "checklist.html",
        "run-sheet.html",
        "attendance-sheet.html",
        "report.html",
        "consultation-bilan.html",
    } <= names
    assert {"workshops", "rosters", "mailings", "speakers"} <= parents | {
        p.parent.parent.name for pages in site.values() for p in pages
    }
    assert sum(len(pages) for pages in site.values()) > 100


@pytest.mark.parametrize("group", GROUPS)
def test_pages_have_no_axe_violation_and_reflow_at_320_px(site, phone, axe, group):
    problems = []
    for page in site[group]:
        phone.goto(page.as_uri())
        name = f"{group} : {page.parent.name}/{page.name}"
        reflow = reflow_problem(phone)
        if reflow:
            problems.append(f"{name} : {reflow}")
        problems += [f"{name} : {line}" for line in axe_violations(phone, axe)]
    assert not problems, "\n".join(problems)


def _mails(site: dict[str, list[Path]]) -> list[tuple[str, Path]]:
    """One mail of each kind (the same layout for every event): invitation, reminders…"""
    kinds: dict[str, tuple[str, Path]] = {}
    for group, pages in site.items():
        for page in pages:
            if page.parent.name == "mailings" or page.parent.parent.name == "speakers":
                kinds.setdefault(page.name, (group, page))
    return list(kinds.values())


def test_mails_are_legible_in_dark_mode(site, browser, axe):
    context = browser.new_context(viewport=PHONE, is_mobile=True, color_scheme="dark")
    page = context.new_page()
    problems = []
    mails = _mails(site)
    assert mails
    for group, mail in mails:
        page.goto(mail.as_uri())
        background = page.evaluate(
            "getComputedStyle(document.querySelector('.rzn-mail')).backgroundColor"
        )
        assert background == "rgb(27, 27, 27)", (mail, background)  # the dark style applies
        problems += [
            f"{group} : {mail.name} (sombre) : {line}"
            for line in axe_violations(page, axe, ["color-contrast", "link-in-text-block"])
        ]
    context.close()
    assert not problems, "\n".join(problems)


def _as_webmail_shows_it(html: str) -> str:
    """What a webmail keeps: the body's content, inside its own page that it darkens.

    Webmails drop the <head> (and so the <style> block) and the <body> tag's attributes;
    some then paint a dark background and a light default text colour around the mail.
    """
    body = re.search(r"<body[^>]*>(.*)</body>", html, re.DOTALL)
    assert body is not None
    return (
        '<!DOCTYPE html><html lang="fr"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Webmail</title></head>"
        '<body style="background:#121212;color:#e0e0e0;margin:0">'
        f"{body[1]}</body></html>"
    )


def test_mails_keep_their_colours_in_a_webmail_that_strips_the_body(site, browser, axe):
    context = browser.new_context(viewport=PHONE, is_mobile=True)
    page = context.new_page()
    problems = []
    for group, mail in _mails(site):
        page.set_content(_as_webmail_shows_it(mail.read_text("utf-8")))
        colours = page.evaluate(
            "() => { const s = getComputedStyle(document.querySelector('.rzn-mail'));"
            " return [s.backgroundColor, s.color, s.fontSize]; }"
        )
        assert colours == ["rgb(255, 255, 255)", "rgb(27, 27, 27)", "15px"], (mail, colours)
        problems += [
            f"{group} : {mail.name} (webmail) : {line}"
            for line in axe_violations(page, axe, ["color-contrast"])
        ]
    context.close()
    assert not problems, "\n".join(problems)
