"""The class teacher's link lived end to end: the presenter saves a 4e session with two
modules and copies the teacher's link; a fresh browser (no storage) opens it, sees the
preparation, three follow-ups with slides and notes, the re-check, downloads the calendar
and the documents; 0 axe violations; a wrong or purged token is the helpful 404."""

from __future__ import annotations

import datetime as dt
import subprocess

import pytest
from axe_playwright_python.sync_playwright import Axe
from icalendar import Calendar

from ..pdfs import pdf_text, reader
from .test_accessibility import AXE_OPTIONS
from .test_saved_session import serving

pytestmark = pytest.mark.usefixtures("network")


def violations(page) -> list:
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        (v["id"], [n["target"] for n in v["nodes"]][:3]) for v in results.response["violations"]
    ]


def download(page, name: str, path) -> bytes:
    with page.expect_download() as started:
        page.get_by_role("link", name=name).click()
    started.value.save_as(path)
    return path.read_bytes()


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_teacher_lives_the_sequence_in_a_fresh_browser(browser, network, tmp_path, lang):
    from ..conftest import REAL_CONTENT

    database_url = f"sqlite:///{tmp_path / 'sessions.sqlite3'}"
    with serving(REAL_CONTENT, database_url) as (base, app):
        presenter = browser.new_context(viewport={"width": 1280, "height": 900})
        network.watch(presenter)
        page = presenter.new_page()
        page.goto(base + f"/{lang}/facilitate/session?tier=13-15&module=grooming&module=images")
        page.locator("#date_1").fill("2027-05-04")
        page.locator("#safeguarding_contact").fill("Mme Martin, CPE")
        page.locator("#periods-2").check()
        page.locator("button[formaction$='/session/save']").click()
        page.wait_for_url("**/facilitate/sessions/*/")
        presenter_url = page.url
        teacher_url = page.locator("#teacher-link").input_value()
        assert "/teach/" in teacher_url
        presenter.close()

        teacher = browser.new_context(
            viewport={"width": 1280, "height": 900}, accept_downloads=True
        )
        network.watch(teacher)
        page = teacher.new_page()
        page.goto(teacher_url)
        assert page.locator("html").get_attribute("lang") == lang
        assert violations(page) == []
        assert page.locator("form").count() == 0  # nothing to change, nothing to decide
        follow_ups = page.locator("a[href*='/follow-up/']")
        assert follow_ups.count() == 3
        page.screenshot(path=str(tmp_path / f"sequence-{lang}.png"), full_page=True)

        ics = download(
            page, page.locator("a[href$='calendar.ics']").inner_text(), tmp_path / "s.ics"
        )
        events = Calendar.from_ical(ics).walk("VEVENT")
        day = dt.date(2027, 5, 4)
        assert [e.decoded("DTSTART") for e in events] == [
            day - dt.timedelta(days=7),
            day,
            *(day + dt.timedelta(weeks=w) for w in (1, 2, 4, 6)),
        ]
        for name in ("preparation", "family"):
            link = page.locator(f"a[href$='/{name}.pdf']").first.inner_text()
            pdf = download(page, link, tmp_path / f"{name}.pdf")
            assert pdf_text(pdf).strip()
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "50",
                    str(tmp_path / f"{name}.pdf"),
                    str(tmp_path / name),
                ],
                check=True,
            )
            assert (tmp_path / f"{name}-1.png").stat().st_size > 1000
        assert len(reader((tmp_path / "family.pdf").read_bytes()).pages) == 1

        for number in (1, 2, 3):
            page.goto(teacher_url + f"follow-up/{number}")
            assert page.locator(".follow-up-slide").count() >= 5
            assert page.locator(".follow-up-plan li").count() == 4
            assert violations(page) == []
        page.set_viewport_size({"width": 360, "height": 740})
        page.screenshot(path=str(tmp_path / f"follow-up-phone-{lang}.png"), full_page=True)
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

        page.goto(teacher_url + "report")
        assert violations(page) == []
        assert teacher.cookies() == []

        missing = page.goto(base + f"/{lang}/teach/{'A' * 43}/")
        assert missing.status == 404
        assert violations(page) == []

        back = browser.new_context()
        network.watch(back)
        presenter_page = back.new_page()
        presenter_page.goto(presenter_url + "delete")
        presenter_page.locator("form[action$='/delete'] button[type=submit]").click()
        gone = page.goto(teacher_url)
        assert gone.status == 404
        back.close()
        teacher.close()
    assert network.blocked == []
