"""A class of pupils answering on their phones at once, over HTTP on loopback: the helper
of the load test and of bench/measure.py. Threads with urllib, bounded in number and time."""

from __future__ import annotations

import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

USER_AGENT = "DeclicTestPhone/1.0 (pupil-agent-marker)"


def request(url: str, form: dict | None = None, timeout: float = 30) -> tuple[int, str, str]:
    """(status, final URL, body) of a GET or a POST (following redirects)."""
    data = urllib.parse.urlencode(form).encode() if form is not None else None
    ask = urllib.request.Request(url, data=data, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(ask, timeout=timeout) as answer:
            return answer.status, answer.geturl(), answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, url, error.read().decode("utf-8", "replace")


def save_session(base: str, **fields) -> str:
    """Save a session; the presenter page's path."""
    form = {
        "lang": "fr",
        "tier": "13-15",
        "modules": "demo",
        "periods": "1",
        "school": "Lycée Victor Hugo",
        "date_1": "2027-05-04",
        **fields,
    }
    _, url, _ = request(base + "/fr/facilitate/session/save", form)
    return urllib.parse.urlsplit(url).path


def code_of(base: str, presenter: str, phase: str) -> str:
    """The join code the measure page shows for a phase."""
    _, _, page = request(f"{base}{presenter}measure")
    section = page[page.index(f'id="phase-{phase}"') :]
    return re.search(r'class="join-code">([A-Z0-9]{6})<', section).group(1)


def open_vote(base: str, presenter: str, phase: str, class_size: int = 30) -> str:
    """Open a phase's vote on phones (the follow-up's form); its join code."""
    request(f"{base}{presenter}measure/{phase}/open", {"class_size": str(class_size)})
    return code_of(base, presenter, phase)


def ask(
    base: str, presenter: str, phase: str, statement: str, class_size: int = 30, module="demo"
) -> str:
    """Ask one statement (by its id) on the phones, as its slide's button does; the phase's
    join code."""
    request(
        f"{base}{presenter}measure/{phase}/ask/{module}/{statement}",
        {"class_size": str(class_size)},
    )
    return code_of(base, presenter, phase)


def ballot_page(base: str, code: str) -> tuple[str, str]:
    """(ballot, page) of a phone opening the code: the page's address holds its ballot.

    A 503 is tried again, as a pupil would: under gunicorn on PostgreSQL the workers share
    the master's connection pool until issue 31's fix lands, and a few requests fail."""
    for _ in range(3):
        status, url, page = request(f"{base}/fr/vote?code={code}")
        if status != 503:
            break
    found = urllib.parse.parse_qs(urllib.parse.urlsplit(url).query).get("ballot", [""])
    return found[0], page


def statement_fields(base: str, code: str) -> list[str]:
    """The names of the statements' radio groups on the pupil's page."""
    _, page = ballot_page(base, code)
    return list(dict.fromkeys(re.findall(r'name="(s-[a-z0-9-]+)"', page)))


def pupils_answer(
    base: str, code: str, sheets: list[dict], timeout: float = 60
) -> tuple[list[int], list[float]]:
    """Each sheet ({field: answer}) sent by its own thread at the same moment (a barrier):
    (statuses, seconds per submission). Every pupil first opens the page, as a phone does."""
    statuses: list[int] = [0] * len(sheets)
    seconds: list[float] = [0.0] * len(sheets)
    start = threading.Barrier(len(sheets))

    def pupil(index: int) -> None:
        ballot, _ = ballot_page(base, code)
        start.wait(timeout=timeout)
        began = time.perf_counter()
        statuses[index], _, _ = request(
            base + "/fr/vote", {"code": code, "ballot": ballot, **sheets[index]}, timeout=timeout
        )
        seconds[index] = time.perf_counter() - began

    threads = [threading.Thread(target=pupil, args=(i,), daemon=True) for i in range(len(sheets))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return statuses, seconds


def sheets_for(fields: list[str], pupils: int) -> list[dict]:
    """Answers that vary by pupil, reproducibly."""
    answers = ("true", "false", "unsure")
    return [
        {field: answers[(pupil + 2 * number) % 3] for number, field in enumerate(fields)}
        for pupil in range(pupils)
    ]


def expected_counts(sheets: list[dict]) -> dict:
    """{field: {answer: n}} of what was sent."""
    counts: dict = {}
    for sheet in sheets:
        for field, answer in sheet.items():
            counts.setdefault(field, {}).setdefault(answer, 0)
            counts[field][answer] += 1
    return counts
