"""Thousands of mutated paths, query strings and form bodies: no route ever answers 5xx."""

from __future__ import annotations

import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workshop import create_app

from .conftest import FIXTURE_CONTENT

TEXT = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
# Digits that are not ASCII ("²".isdigit() is true, int("²") fails), numbers beyond Python's
# int-string limit (4,300 digits), and separators a layout or a script could trip on.
ODD_DIGITS = st.text(st.sampled_from("0123²³¹٣۴७๓١𝟘𝟙⁵①"), min_size=1, max_size=6)
HUGE_NUMBERS = st.integers(4_000, 6_000).map(lambda n: "9" * n)
ODD_TEXT = st.one_of(
    TEXT,
    ODD_DIGITS,
    HUGE_NUMBERS,
    st.sampled_from(["\u2028", "\u2029", "x\u2028y", "W" * 300, "-1", "0x1f"]),
)
VALID = {
    "lang": ["fr", "en"],
    "tier": ["13-15"],
    "module": ["demo"],
    "node": ["start", "middle"],
    "number": ["1", "2", "4"],
    "choice": ["0", "1", "2"],
    "filename": ["css/site.css"],
}
QUERY_KEYS = [
    "answers",
    "choice",
    "lang",
    "tier",
    "modules",
    "module",
    "periods",
    "x",
    # url_for() keywords: a query must never reach url_for as arguments
    "_method",
    "_external",
    "_scheme",
    "_anchor",
    "_x",
    "__class__",
]
HOSTS = [
    "localhost",
    "127.0.0.1",
    "localhost:5000",
    "evil.example",
    "evil.example:80",
    "localhost.evil.example",
    "",
    "[::1]",
]


@pytest.fixture(scope="module")
def fuzz_client():
    return create_app({"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def rules(fuzz_client):
    return [rule for rule in fuzz_client.application.url_map.iter_rules()]


def value_for(name: str):
    """A known-good value or anything at all, for one URL variable."""
    return st.one_of(
        st.sampled_from(VALID.get(name, ["x"])), ODD_TEXT, st.integers(-(10**12), 10**12).map(str)
    )


@st.composite
def requests(draw, rules):
    """A request to any route with mutated path variables and query string."""
    rule = draw(st.sampled_from(rules))
    path = rule.rule
    for name in rule.arguments:
        value = quote(draw(value_for(name)), safe="")
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", lambda _, value=value: value or "x", path)
    query = draw(st.lists(st.tuples(st.sampled_from(QUERY_KEYS), ODD_TEXT), max_size=4))
    method = draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"}) + ["POST", "PUT"]))
    host = draw(st.sampled_from(HOSTS))
    return method, path + ("?" + urlencode(query) if query else ""), host


@pytest.mark.parametrize("seed", range(4))
def test_mutated_requests_never_answer_5xx(fuzz_client, rules, seed):
    @settings(
        max_examples=500, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
    )
    @given(request=requests(rules))
    def check(request):
        method, url, host = request
        with fuzz_client.open(url, method=method, headers={"Host": host}) as response:
            check_response(method, url, host, response)

    check()


def check_response(method, url, host, response):
    """No 5xx, no trace, an Allow header on 405s, never a link to a foreign host."""
    assert response.status_code < 500, (method, url, host, response.status_code)
    assert b"Traceback" not in response.data
    if response.status_code == 405:
        assert response.headers["Allow"], url
    for header in ("Location", "Content-Location"):  # never a foreign host
        assert "evil" not in response.headers.get(header, ""), (url, host)
    if host.startswith(("evil", "localhost.evil")):
        assert response.status_code == 400, (url, host)
    assert b"evil.example" not in response.data, (url, host)


FORM_FIELDS = {
    "lang": ["fr", "en"],
    "tier": ["13-15"],
    "modules": ["demo"],
    "periods": ["1", "2", "3"],
    "document": ["pack", "handout", "briefing"],
    "date_1": ["2026-03-14", ""],
    "school": ["Collège"],
    "class_name": ["4e B"],
    "presenter": [""],
    "role": [""],
    "safeguarding_contact": [""],
    "local_contacts": [""],
}


@settings(
    max_examples=400,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    form=st.fixed_dictionaries(
        {},
        optional={
            name: st.one_of(st.sampled_from(values), ODD_TEXT, st.lists(ODD_TEXT, max_size=3))
            for name, values in FORM_FIELDS.items()
        },
    )
)
def test_mutated_session_forms_answer_200_or_400(fuzz_client, form):
    response = fuzz_client.post("/en/facilitate/session", data=form)
    assert response.status_code in (200, 400), (form, response.status_code)
    if response.status_code == 200:
        assert response.mimetype == "application/pdf"
    else:
        assert b"field-error" in response.data or b"error-summary" in response.data
