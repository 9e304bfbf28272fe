"""The `workshop` command: check, pack and serve, as a person runs them."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest
from click.testing import CliRunner

from workshop.cli import main

from .conftest import FIXTURE_CONTENT
from .pdfs import pdf_text, reader


@pytest.fixture
def run():
    """Run `workshop ARGS` on the demo content; return click's result."""

    def invoke(*args, content=FIXTURE_CONTENT):
        env = {"WORKSHOP_CONTENT_DIR": str(content)}
        return CliRunner().invoke(main, list(args), env=env, catch_exceptions=False)

    return invoke


def test_check_revisions_lists_every_lesson_with_its_revision(run):
    result = run("check", "--revisions")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(
        line.startswith("demo/fr/13-15: revision ") and "reading ease" in line for line in lines
    )
    assert any(
        line.startswith("demo/en/13-15: revision ") and ", follows " in line for line in lines
    )


def test_accept_translation_records_the_source_revision(run, content_tree):
    source = content_tree / "modules/demo/fr/13-15.md"
    source.write_text(
        source.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8"
    )
    stale = run("check", content=content_tree)
    assert stale.exit_code == 1 and "stale translation" in stale.output
    translation = content_tree / "modules/demo/en/13-15.md"
    before = translation.read_text(encoding="utf-8")
    accepted = run("check", "--accept-translation", "demo/en/13-15", content=content_tree)
    assert accepted.exit_code == 0, accepted.output
    assert "demo/en/13-15: now follows revision" in accepted.output
    after = translation.read_text(encoding="utf-8")
    changed = [
        (a, b) for a, b in zip(before.splitlines(), after.splitlines(), strict=True) if a != b
    ]
    assert len(changed) == 1 and changed[0][1].startswith('source_revision = "')


@pytest.mark.parametrize("key", ["demo/fr/13-15", "demo/en", "nope/en/13-15"])
def test_accept_translation_refuses_what_is_not_a_translation(run, key):
    result = run("check", "--accept-translation", key)
    assert result.exit_code == 2


def test_pack_writes_the_facilitator_pack_for_a_session(run, tmp_path):
    target = tmp_path / "pack.pdf"
    result = run(
        "pack", "--lang", "en", "--tier", "13-15", "--module", "demo", "--out", str(target)
    )
    assert result.exit_code == 0, result.output
    pdf = target.read_bytes()
    assert reader(pdf).trailer["/Root"]["/Lang"] == "en"
    assert "Facilitator pack" in pdf_text(pdf)


def test_pack_all_writes_every_standard_pack_and_handout(run, tmp_path):
    result = run("pack", "--all", "--out", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "declic-handout-13-15-demo-en.pdf",
        "declic-handout-13-15-demo-fr.pdf",
        "declic-pack-13-15-demo-en.pdf",
        "declic-pack-13-15-demo-fr.pdf",
    ]


@pytest.mark.parametrize(
    "args, message",
    [
        ((), "give --tier and at least one --module"),
        (("--tier", "99-99", "--module", "demo"), "tier:"),
        (("--tier", "13-15", "--module", "nope"), "modules:"),
        (("--lang", "de", "--tier", "13-15", "--module", "demo"), "lang:"),
    ],
)
def test_pack_refuses_a_session_the_form_would_refuse(run, args, message):
    result = run("pack", *args)
    assert result.exit_code == 2
    assert message in result.output


def test_serve_refuses_an_invalid_tree_with_the_errors(run, content_tree):
    (content_tree / "tiers.toml").write_text("not toml =", encoding="utf-8")
    result = run("serve", content=content_tree)
    assert result.exit_code == 1
    assert "tiers.toml" in result.output and "invalid TOML" in result.output


def free_port() -> int:
    """A port nothing listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_serve_starts_the_app_and_answers_pages(tmp_path):
    port = free_port()
    workshop = shutil.which("workshop", path=os.path.dirname(sys.executable))
    env = {**os.environ, "WORKSHOP_CONTENT_DIR": str(FIXTURE_CONTENT)}
    server = subprocess.Popen(
        [workshop, "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        page = None
        for _ in range(100):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/fr/", timeout=2) as answer:
                    page = answer.read().decode("utf-8")
                break
            except OSError:
                time.sleep(0.1)
        assert page is not None, "workshop serve did not answer"
        assert '<html lang="fr"' in page
    finally:
        server.terminate()
        server.wait(timeout=10)
