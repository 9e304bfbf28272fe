"""The browser tests' network log: what a page asks of another host is listed and never
leaves this machine, and a stood-in site answers without being listed."""

from __future__ import annotations


def test_a_request_for_another_host_is_listed_and_fails(page, live_server, network):
    page.goto(live_server + "/fr/")
    assert any(url.startswith(live_server) for url in network.requests)
    # Not a page of Déclic's (its Content-Security-Policy would refuse the image at once).
    with page.expect_event("requestfailed") as failed:
        page.set_content('<img src="https://www.example.org/pixel.gif" alt="">')
    assert failed.value.url == "https://www.example.org/pixel.gif"
    assert network.blocked == ["https://www.example.org/pixel.gif"]


def test_a_stood_in_site_answers_and_is_not_listed(page, context, live_server, network):
    visits = network.stand_in(context, "https://www.meteofrance.com/", "Météo")
    page.goto(live_server + "/fr/")
    page.goto("https://www.meteofrance.com/")
    assert page.title() == "Météo"
    assert visits == ["https://www.meteofrance.com/"]
    assert network.blocked == []
