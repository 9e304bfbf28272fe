"""read_choices: the one check of a session, wherever its fields come from."""

from __future__ import annotations

import datetime as dt

import pytest
from werkzeug.datastructures import MultiDict

from workshop.planning import form_values, lessons_for, plan_session, read_choices
from workshop.planning.choices import clean_text, parse_date

VALID = {"lang": "fr", "tier": "13-15", "modules": "demo", "periods": "1"}
TWO = ["demo", "second"]  # two modules (the two_modules app): two periods, each filled


def fields(**changes) -> MultiDict:
    """The fields of a valid demo session, with some changed (None removes one)."""
    values = {**VALID, **changes}
    pairs = []
    for name, value in values.items():
        for one in value if isinstance(value, list) else [value]:
            if one is not None:
                pairs.append((name, one))
    return MultiDict(pairs)


def read_in_both(app, form: MultiDict, field: str):
    """The form read in English (what read_choices gives), and the field's message in
    English and in French."""
    catalog = app.extensions["catalog"]
    with app.test_request_context("/en/"):
        read = read_choices(form, catalog)
        english = str(read[1][field])
    with app.test_request_context("/fr/"):
        french = str(read_choices(form, catalog)[1][field])
    return read, english, french


def test_valid_fields_give_choices_and_no_errors(app):
    with app.test_request_context():
        choices, errors, _ = read_choices(
            fields(school="  Collège Jean Moulin  "), app.extensions["catalog"]
        )
    assert errors == {}
    assert (choices.lang, choices.tier, choices.modules, choices.periods) == (
        "fr",
        "13-15",
        ("demo",),
        1,
    )
    assert choices.school == "Collège Jean Moulin" and choices.minutes == 55


@pytest.mark.parametrize("periods", ["²", "٣", "0", "4", "-1", " 1", "1.0", "9" * 5000, ""])
def test_a_length_not_in_the_list_is_an_error_not_a_crash(app, periods):
    with app.test_request_context():
        choices, errors, values = read_choices(fields(periods=periods), app.extensions["catalog"])
    assert choices is None and set(errors) == {"periods"}
    assert values["periods"] == periods  # shown again as typed


@pytest.mark.parametrize(
    "changes, field",
    [
        ({"lang": "de"}, "lang"),
        ({"tier": "99-99"}, "tier"),
        ({"modules": None}, "modules"),
        ({"modules": ["demo", "demo"]}, "modules"),
        ({"modules": ["nope"]}, "modules"),
        ({"modules": ["a", "b", "c", "d"]}, "modules"),
        ({"date_1": "2026-02-30"}, "date_1"),
        ({"school": "x" * 121}, "school"),
        ({"presenter": "a\u202eb"}, "presenter"),
    ],
)
def test_each_invalid_field_is_named(app, changes, field):
    with app.test_request_context():
        choices, errors, _ = read_choices(fields(**changes), app.extensions["catalog"])
    assert choices is None and field in errors


def test_modules_that_do_not_fit_are_an_error_on_the_length(two_modules):
    catalog = two_modules.extensions["catalog"]
    with two_modules.test_request_context():
        _, errors, _ = read_choices(fields(modules=["demo", "second"]), catalog)
        choices, ok, _ = read_choices(fields(modules=["second", "demo"], periods="2"), catalog)
        assert "100 minutes" in str(errors["periods"])
    assert ok == {} and choices.modules == ("demo", "second")  # the catalog's order


@pytest.mark.parametrize("modules, periods, filled", [(["demo"], "1", 1), (TWO, "2", 2)])
def test_modules_that_fill_every_period_are_a_session(two_modules, modules, periods, filled):
    """One module in one period, two in two: every period holds activities, nothing is
    refused (three in three: the real content, below)."""
    catalog = two_modules.extensions["catalog"]
    with two_modules.test_request_context():
        choices, errors, _ = read_choices(fields(modules=modules, periods=periods), catalog)
        plan = plan_session(lessons_for(catalog, choices), choices.minutes)
    assert errors == {} and choices.periods == int(periods)
    assert plan.filled == filled and all(activities for _, activities in plan.periods)


@pytest.mark.parametrize("periods", ["2", "3"])
def test_one_module_over_more_periods_is_an_error_on_the_length(two_modules, periods):
    """One module fills one period: the later ones would be empty (a class would get only
    the closing help slide), so the length field says so, in the user's language, and
    asks for a choice."""
    one = fields(modules="demo", periods=periods)
    (choices, errors, _), english, french = read_in_both(two_modules, one, "periods")
    assert choices is None and set(errors) == {"periods"}
    assert english == (
        "This module fills one period of 55 minutes: the other periods would show the class "
        "nothing but the help numbers. Choose a single period, or add a module."
    )
    assert french == (
        "Ce module remplit une séance de 55 minutes : les autres séances ne montreraient à "
        "la classe que les numéros d’aide. Choisissez une seule séance, ou ajoutez un module."
    )


def test_two_modules_over_three_periods_is_an_error_on_the_length(two_modules):
    """Two modules fill two periods: a third would be empty, refused the same way."""
    three = fields(modules=TWO, periods="3", date_1="2027-03-14")
    (choices, errors, values), english, french = read_in_both(two_modules, three, "periods")
    assert choices is None and set(errors) == {"periods"}
    assert values["periods"] == "3" and values["date_1"] == "2027-03-14"  # shown again
    assert english.startswith("These modules fill 2 periods of 55 minutes, not 3: ")
    assert english.endswith("Choose 2 periods, or add a module.")
    assert french.startswith("Ces modules remplissent 2 séances de 55 minutes, pas 3 : ")
    assert french.endswith("Choisissez 2 séances, ou ajoutez un module.")


@pytest.mark.parametrize("tier", ["11-13", "13-15", "15-18"])
def test_on_the_real_content_each_module_fills_one_period(real_app, tier):
    """On the real lessons, at each level: n modules fill exactly n periods; one period
    more is refused by the length, one fewer does not fit."""
    catalog = real_app.extensions["catalog"]
    chosen = list(catalog.modules)
    with real_app.test_request_context("/en/"):
        for count in (1, 2, 3):
            modules = chosen[:count]
            for periods in (1, 2, 3):
                _, errors, _ = read_choices(
                    fields(tier=tier, modules=modules, periods=str(periods)), catalog
                )
                message = str(errors.get("periods", ""))
                if periods == count:
                    assert errors == {}, (modules, periods)
                elif periods > count:
                    assert "fill" in message and "or add a module" in message, (modules, periods)
                else:
                    assert "more than the" in message, (modules, periods)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("  Mme Durand \r\n", "Mme Durand"),
        ("ligne 1\r\nligne 2", "ligne 1\nligne 2"),
    ],
)
def test_clean_text_trims_and_keeps_lines_where_allowed(app, value, expected):
    with app.test_request_context():
        assert clean_text(value, 100, multiline=True) == (expected, None)


@pytest.mark.parametrize("value", ["a\nb", "tab\there", "zero\u200bwidth", "bidi\u202e"])
def test_clean_text_refuses_control_and_format_characters(app, value):
    with app.test_request_context():
        _, error = clean_text(value, 100, multiline=False)
    assert error is not None


def test_clean_text_counts_what_was_typed(app):
    with app.test_request_context():
        _, error = clean_text("é" * 61, 60, multiline=False)
    assert "61" in str(error) and "60" in str(error)


@pytest.mark.parametrize(
    "value, expected",
    [
        ("", None),
        ("  ", None),
        ("2026-03-14", dt.date(2026, 3, 14)),
    ],
)
def test_parse_date_accepts_a_real_date_or_nothing(app, value, expected):
    with app.test_request_context():
        assert parse_date(value) == (expected, None)


@pytest.mark.parametrize(
    "value",
    [
        "2026-02-30",
        "14/03/2026",
        "2026-3-14",
        "1999-01-01",
        "2101-01-01",
        "２０２６-03-14",
        "2026-03-14T10:00",
    ],
)
def test_parse_date_refuses_anything_else(app, value):
    with app.test_request_context():
        date, error = parse_date(value)
    assert date is None and error is not None


@pytest.mark.parametrize("value, expected", [("", None), (" 24 ", 24), ("1", 1), ("200", 200)])
def test_the_class_size_is_optional_and_read_as_a_number(app, value, expected):
    with app.test_request_context():
        choices, errors, _ = read_choices(fields(class_size=value), app.extensions["catalog"])
    assert errors == {} and choices.class_size == expected


@pytest.mark.parametrize("value", ["0", "201", "²", "٣", "-3", "2.5", "24 pupils", "9" * 5000])
def test_a_class_size_out_of_range_or_not_in_digits_is_named(app, value):
    with app.test_request_context():
        choices, errors, values = read_choices(fields(class_size=value), app.extensions["catalog"])
        message = str(errors.get("class_size", ""))
    assert choices is None and set(errors) == {"class_size"}
    assert "de 1 à 200" in message and values["class_size"] == value


def test_form_values_give_back_the_fields_that_made_the_choices(two_modules):
    typed = fields(
        modules=TWO,
        class_size="24",
        date_1="2027-03-14",
        date_2="2027-03-21",
        school="Collège",
        periods="2",
    )
    with two_modules.test_request_context():
        choices, _, _ = read_choices(typed, two_modules.extensions["catalog"])
        again, errors, _ = read_choices(
            MultiDict([(k, v) for k, vs in form_values(choices).items() for v in _listed(vs)]),
            two_modules.extensions["catalog"],
        )
    assert errors == {} and again == choices
    assert choices.dates == (dt.date(2027, 3, 14), dt.date(2027, 3, 21))


TODAY = dt.date(2027, 1, 10)


def test_each_period_has_its_date_and_only_the_periods_chosen_keep_one(two_modules):
    catalog = two_modules.extensions["catalog"]
    typed = fields(modules=TWO, periods="2", date_1="2027-03-14", date_2="", date_3="2027-03-28")
    with two_modules.test_request_context():
        choices, errors, _ = read_choices(typed, catalog, today=TODAY)
    assert errors == {}
    assert choices.dates == (dt.date(2027, 3, 14), None)  # period 3: not chosen, dropped
    assert (choices.first_date, choices.last_date) == (dt.date(2027, 3, 14),) * 2


def test_a_later_period_before_an_earlier_one_is_named_on_its_field(two_modules):
    typed = fields(modules=TWO, periods="3", date_1="2027-03-14", date_2="", date_3="2027-03-07")
    with two_modules.test_request_context():
        choices, errors, _ = read_choices(typed, two_modules.extensions["catalog"], today=TODAY)
        message = str(errors.get("date_3", ""))
    assert choices is None and set(errors) == {"date_3"}
    assert "avant" in message


def test_a_past_date_is_refused_unless_it_is_the_one_already_saved(two_modules):
    """A new past date is refused, in the user's language, next to its field; an old
    session whose dates have passed is still edited without retyping them."""
    catalog = two_modules.extensions["catalog"]
    past = dt.date(2026, 12, 1)
    typed = fields(modules=TWO, periods="2", date_1="2026-12-01", date_2="2027-01-10")
    with two_modules.test_request_context("/en/"):
        choices, errors, _ = read_choices(typed, catalog, today=TODAY)
        message = str(errors.get("date_1", ""))
    assert choices is None and set(errors) == {"date_1"} and "past" in message
    with two_modules.test_request_context():
        kept, errors, _ = read_choices(typed, catalog, today=TODAY, kept=(past, None))
        assert errors == {} and kept.dates == (past, TODAY)
        moved, errors, _ = read_choices(
            fields(modules=TWO, periods="2", date_1="2026-11-30"),
            catalog,
            today=TODAY,
            kept=(past, None),
        )
        assert moved is None and "passée" in str(errors["date_1"])
        # Without `today` (the slides' query string, the pack command) nothing is refused.
        assert read_choices(typed, catalog)[1] == {}


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]
