"""A pupil module as a SCORM 1.2 package: one SCO, the module's page.

SCORM 1.2, not 2004: Moodle passes SCORM 1.2 conformance, its 2004 support is incomplete.
The SCO reports only cmi.core.lesson_status = "completed" (static/js/package.js): no
answer, score, time or text ever reaches the platform, so nothing about a pupil is kept
beyond what Moodle itself logs of a visit.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET

from ..catalog.models import Catalog, Lesson
from .package import module_files, teacher_note, zip_bytes

IMSCP = "http://www.imsproject.org/xsd/imscp_rootv1p1p2"
ADLCP = "http://www.adlnet.org/xsd/adlcp_rootv1p2"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = (
    f"{IMSCP} imscp_rootv1p1p2.xsd "
    "http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd "
    f"{ADLCP} adlcp_rootv1p2.xsd"
)
NOTE = "LISEZMOI-README.txt"


def manifest(identifier: str, title: str, files: list[str]) -> bytes:
    """imsmanifest.xml: one organization, one item, one SCO listing every file."""
    ET.register_namespace("", IMSCP)
    ET.register_namespace("adlcp", ADLCP)
    ET.register_namespace("xsi", XSI)
    root = ET.Element(
        f"{{{IMSCP}}}manifest",
        {"identifier": identifier, "version": "1.0", f"{{{XSI}}}schemaLocation": SCHEMA_LOCATION},
    )
    metadata = ET.SubElement(root, f"{{{IMSCP}}}metadata")
    ET.SubElement(metadata, f"{{{IMSCP}}}schema").text = "ADL SCORM"
    ET.SubElement(metadata, f"{{{IMSCP}}}schemaversion").text = "1.2"
    organizations = ET.SubElement(root, f"{{{IMSCP}}}organizations", {"default": "declic-org"})
    organization = ET.SubElement(
        organizations, f"{{{IMSCP}}}organization", {"identifier": "declic-org"}
    )
    ET.SubElement(organization, f"{{{IMSCP}}}title").text = title
    item = ET.SubElement(
        organization,
        f"{{{IMSCP}}}item",
        {"identifier": "declic-item", "identifierref": "declic-sco", "isvisible": "true"},
    )
    ET.SubElement(item, f"{{{IMSCP}}}title").text = title
    resources = ET.SubElement(root, f"{{{IMSCP}}}resources")
    resource = ET.SubElement(
        resources,
        f"{{{IMSCP}}}resource",
        {
            "identifier": "declic-sco",
            "type": "webcontent",
            f"{{{ADLCP}}}scormtype": "sco",
            "href": "index.html",
        },
    )
    for name in files:
        ET.SubElement(resource, f"{{{IMSCP}}}file", {"href": name})
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def module_scorm(catalog: Catalog, lesson: Lesson, identifier: str) -> bytes:
    """The SCORM 1.2 zip: imsmanifest.xml at its root, the module's files, the note."""
    files = module_files(catalog, lesson)
    files[NOTE] = teacher_note(lesson, "scorm")
    return zip_bytes(
        {"imsmanifest.xml": manifest(identifier, lesson.pupil.title, list(files)), **files}
    )
