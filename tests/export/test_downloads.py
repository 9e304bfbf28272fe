"""The exports offered where the adults work: the saved session's page (presenter), the class
teacher's page and each lesson's facilitator page, each file under the naming rule, the
session's never stored by a cache; the packages hold what the issue lists."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from lxml import etree

from ..sessions import save, teacher_path

IMSCP = "{http://www.imsproject.org/xsd/imscp_rootv1p1p2}"
ADLCP = "{http://www.adlnet.org/xsd/adlcp_rootv1p2}"


@pytest.fixture(scope="module")
def presenter(real_app):
    return save(real_app.test_client(), tier="13-15", modules=["grooming", "images"], periods="2")


def links(html: str, marker: str) -> list[str]:
    return re.findall(rf'href="([^"]*/{marker}/[^"]+)"', html)


def test_the_presenter_and_the_teacher_see_every_export_and_each_downloads(real_app, presenter):
    client = real_app.test_client()
    page = client.get(presenter).get_data(as_text=True)
    assert "Pour la plateforme de l’établissement" in page
    teacher = client.get(teacher_path(page)).get_data(as_text=True)
    for html in (page, teacher):
        found = links(html, "moodle")
        names = [href.rsplit("/", 1)[1] for href in found]
        assert names == [
            "questions.gift",
            "questions.xml",
            "grooming.scorm.zip",
            "grooming.html.zip",
            "images.scorm.zip",
            "images.html.zip",
            "follow-ups.zip",
        ]
        assert 'download="declic-scorm-13-15-grooming-fr.zip"' in html
        for href in found[:3]:
            response = client.get(href)
            assert response.status_code == 200
            assert response.headers["Cache-Control"] == "no-store"


def test_the_follow_ups_slides_are_one_pdf_per_follow_up(real_app, presenter):
    response = real_app.test_client().get(presenter + "moodle/follow-ups.zip")
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    assert (
        'filename="declic-follow-ups-13-15-grooming-images-fr.zip"'
        in (response.headers["Content-Disposition"])
    )
    with zipfile.ZipFile(io.BytesIO(response.data)) as files:
        names = files.namelist()
        assert names == [
            f"declic-follow-ups-13-15-grooming-images-fr/follow-up-{n}.pdf" for n in (1, 2, 3)
        ]
        for name in names:
            assert files.read(name).startswith(b"%PDF-")


def test_a_lessons_facilitator_page_offers_its_module_without_follow_ups(real_client):
    html = real_client.get("/en/facilitate/15-18/images/").get_data(as_text=True)
    names = [href.rsplit("/", 1)[1] for href in links(html, "moodle")]
    assert names == ["questions.gift", "questions.xml", "images.scorm.zip", "images.html.zip"]
    assert 'download="declic-html-15-18-images-en.zip"' in html


def test_the_scorm_manifest_has_one_sco_listing_every_file_of_the_package(real_client):
    response = real_client.get("/fr/facilitate/13-15/grooming/moodle/grooming.scorm.zip")
    with zipfile.ZipFile(io.BytesIO(response.data)) as package:
        names = set(package.namelist())
        manifest = etree.fromstring(package.read("imsmanifest.xml"))
        page = package.read("index.html").decode()
        note = package.read("LISEZMOI-README.txt").decode()
    assert manifest.tag == IMSCP + "manifest"
    assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schema") == "ADL SCORM"
    assert manifest.findtext(f"{IMSCP}metadata/{IMSCP}schemaversion") == "1.2"
    organizations = manifest.find(IMSCP + "organizations")
    (organization,) = organizations.findall(IMSCP + "organization")
    assert organizations.get("default") == organization.get("identifier")
    (item,) = organization.findall(IMSCP + "item")
    (resource,) = manifest.findall(f"{IMSCP}resources/{IMSCP}resource")
    assert item.get("identifierref") == resource.get("identifier")
    assert resource.get(ADLCP + "scormtype") == "sco"
    assert resource.get("type") == "webcontent"
    assert resource.get("href") == "index.html"
    listed = {f.get("href") for f in resource.findall(IMSCP + "file")}
    assert listed == names - {"imsmanifest.xml"}
    # What the issue lists is in the one page: steps, situation, quiz, what to do, help.
    for part in ('id="steps"', 'id="situation"', 'id="quiz"', 'id="end"', 'id="help"'):
        assert part in page
    assert 'target="_top"' in page
    # Nothing from outside: every src and stylesheet is a file of the package.
    for ref in re.findall(r'(?:src|href)="([^"#]+)"', page):
        if ref.startswith(("http", "tel:", "sms:")):
            assert not re.search(rf'<(?:script|link|img)[^>]+"{re.escape(ref)}"', page)
        else:
            assert ref in names, ref
    assert "completed" in note and "jamais" in note


def test_the_packaged_page_is_valid_html(real_client, tmp_path):
    """The Nu Html Checker on a module's packaged page, in each language."""
    from ..html import html_problems

    pages = {}
    for lang, tier, module in (("fr", "13-15", "grooming"), ("en", "11-13", "images")):
        response = real_client.get(f"/{lang}/facilitate/{tier}/{module}/moodle/{module}.html.zip")
        with zipfile.ZipFile(io.BytesIO(response.data)) as package:
            (index,) = [name for name in package.namelist() if name.endswith("/index.html")]
            pages[index] = package.read(index)
    assert html_problems(pages, tmp_path, css=True) == []
