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
VALID = {"lang": ["fr", "en"], "tier": ["13-15"], "module": ["demo"], "node": ["start", "middle"],
         "number": ["1", "2", "4"], "choice": ["0", "1", "2"], "filename": ["css/site.css"]}
QUERY_KEYS = ["answers", "choice", "lang", "tier", "modules", "module", "periods", "x"]


@pytest.fixture(scope="module")
def fuzz_client():
    return create_app({"CONTENT_DIR": FIXTURE_CONTENT, "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def rules(fuzz_client):
    return [rule for rule in fuzz_client.application.url_map.iter_rules()]


def value_for(name: str):
    """A known-good value or anything at all, for one URL variable."""
    return st.one_of(st.sampled_from(VALID.get(name, ["x"])), TEXT,
                     st.integers(-10**12, 10**12).map(str))


@st.composite
def requests(draw, rules):
    """A request to any route with mutated path variables and query string."""
    rule = draw(st.sampled_from(rules))
    path = rule.rule
    for name in rule.arguments:
        value = quote(draw(value_for(name)), safe="")
        path = re.sub(rf"<(?:[a-z]+:)?{name}>", lambda _: value or "x", path)
    query = draw(st.lists(st.tuples(st.sampled_from(QUERY_KEYS), TEXT), max_size=4))
    method = draw(st.sampled_from(sorted(rule.methods - {"HEAD", "OPTIONS"})))
    return method, path + ("?" + urlencode(query) if query else "")


@pytest.mark.parametrize("seed", range(4))
def test_mutated_requests_never_answer_5xx(fuzz_client, rules, seed):
    @settings(max_examples=500, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow])
    @given(request=requests(rules))
    def check(request):
        method, url = request
        response = fuzz_client.open(url, method=method)
        assert response.status_code < 500, (method, url, response.status_code)
        assert b"Traceback" not in response.data

    check()


FORM_FIELDS = {"lang": ["fr", "en"], "tier": ["13-15"], "modules": ["demo"],
               "periods": ["1", "2", "3"], "document": ["pack", "handout", "briefing"],
               "date": ["2026-03-14", ""], "school": ["Collège"], "class_name": ["4e B"],
               "presenter": [""], "role": [""], "safeguarding_contact": [""],
               "local_contacts": [""]}


@settings(max_examples=400, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(form=st.fixed_dictionaries({}, optional={
    name: st.one_of(st.sampled_from(values), TEXT, st.lists(TEXT, max_size=3))
    for name, values in FORM_FIELDS.items()}))
def test_mutated_session_forms_answer_200_or_400(fuzz_client, form):
    response = fuzz_client.post("/en/facilitate/session", data=form)
    assert response.status_code in (200, 400), (form, response.status_code)
    if response.status_code == 200:
        assert response.mimetype == "application/pdf"
    else:
        assert b"field-error" in response.data or b"error-summary" in response.data
