"""The session plan: every core activity kept, optional ones added while time remains."""

from __future__ import annotations

import pytest

from workshop.planning import PlanDoesNotFit, plan_session


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
