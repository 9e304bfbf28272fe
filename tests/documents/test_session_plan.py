"""The session plan: every core activity kept, optional ones added while time remains."""

from __future__ import annotations

import shutil

import pytest

from workshop import create_app
from workshop.planning import PlanDoesNotFit, plan_session


@pytest.fixture
def two_modules(content_tree):
    """The demo tree with a second module, a copy of the first."""
    shutil.copytree(content_tree / "modules" / "demo", content_tree / "modules" / "second")
    (content_tree / "modules" / "second" / "module.toml").write_text(
        (content_tree / "modules" / "demo" / "module.toml").read_text().replace("order = 1", "order = 2"))
    return create_app({"CONTENT_DIR": content_tree, "TESTING": True})


def lessons(app, *modules):
    catalog = app.extensions["catalog"]
    return tuple(catalog.lesson(module, "13-15", "fr") for module in modules)


def test_one_period_keeps_everything_that_fits(two_modules):
    plan = plan_session(lessons(two_modules, "demo"), 55)
    assert [(a.start, a.end) for a in plan.activities] == [(0, 10), (10, 50), (50, 55)]
    assert plan.used == 55 and plan.left_out == ()


def test_core_that_does_not_fit_is_refused(two_modules):
    with pytest.raises(PlanDoesNotFit) as refused:
        plan_session(lessons(two_modules, "demo", "second"), 55)
    assert refused.value.core_minutes == 100 and refused.value.session_minutes == 55


def test_two_periods_keep_both_cores_and_add_optional_while_time_remains(two_modules):
    plan = plan_session(lessons(two_modules, "demo", "second"), 110)
    assert plan.used == 110
    assert [a.item.kind for a in plan.activities].count("core") == 4


def test_optional_activities_are_dropped_first(two_modules):
    plan = plan_session(lessons(two_modules, "demo", "second"), 104)
    assert plan.used == 100
    assert all(item.kind == "optional" for _, item in plan.left_out)
    assert len(plan.left_out) == 2


def test_the_form_explains_modules_that_do_not_fit(two_modules):
    client = two_modules.test_client()
    data = {"lang": "en", "tier": "13-15", "modules": ["demo", "second"], "periods": "1",
            "document": "pack"}
    response = client.post("/en/facilitate/session", data=data)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "take 100 minutes, more than the 55 minutes of the session" in page
    assert 'id="periods-error"' in page
    assert client.post("/en/facilitate/session", data={**data, "periods": "2"}).status_code == 200
