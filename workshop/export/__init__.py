"""Exports for the school's own platform (Éléa / Moodle, issue 29): the quizzes as a question
bank (GIFT, Moodle XML), each pupil module as a SCORM 1.2 package or a plain HTML zip, the
follow-ups' slides as files. Nothing here collects anything about pupils: the SCORM package
reports only that the module was finished (see scorm.py).
"""

from .download import export_links, export_response
from .gift import question_bank_gift
from .html_zip import module_html_zip
from .moodle_xml import question_bank_xml
from .questions import bank_for
from .scorm import module_scorm

__all__ = [
    "bank_for",
    "export_links",
    "export_response",
    "module_html_zip",
    "module_scorm",
    "question_bank_gift",
    "question_bank_xml",
]
