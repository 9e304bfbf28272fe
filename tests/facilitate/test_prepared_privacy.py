"""What the database keeps of a session's prepared documents opens nothing (issue 26): it is
sealed under the presenter's link, which the server does not keep; and even opened, every
kind that may be stored is built for a session whose start vote is open (a statement asked
on the phones, its code on the screen) and whose follow-up code is open, then the stored
bytes (and the text inside each PDF, PowerPoint and zip) are searched for the session's four
tokens, the screen token wrapped for the teacher, and every join or follow-up code the
session could have."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from sqlalchemy import select

from workshop.store import prepared as stored
from workshop.store import sessions
from workshop.store.codes import join_code
from workshop.store.tokens import head_token_for, screen_token_for, teacher_token_for

from ..conftest import app_with_database
from ..measure.conftest import DEMO_IDS, code_on, statements_tree
from ..measure.conftest import save as save_measured
from ..pdfs import pdf_text
from ..sessions import document_links


def readable(data: bytes) -> str:
    """Everything a search could find in a stored document: its bytes as text, the text of
    a PDF, and each member of a zip (the kit, a PowerPoint file) read the same way."""
    texts = [data.decode("latin-1")]
    if data.startswith(b"%PDF"):
        texts.append(pdf_text(data))
    elif data.startswith(b"PK"):
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            texts += [readable(archive.read(name)) for name in archive.namelist()]
    return "\n".join(texts)


@pytest.fixture
def measure_app(tmp_path):
    """The app on content with starter statements (what the byte search does not depend on
    the database: SQLite)."""
    app = app_with_database(statements_tree(tmp_path), f"sqlite:///{tmp_path / 'd.sqlite3'}")
    yield app
    app.extensions["store"].dispose()


def test_no_stored_document_holds_a_token_or_a_code(measure_app):
    client = measure_app.test_client()
    presenter = save_measured(client, safeguarding_contact="Mme Martin, CPE")
    token = presenter.rstrip("/").split("/")[-1]
    ask = f"{presenter}measure/start/ask/demo/{DEMO_IDS[0]}"
    assert client.post(ask, data={"class_size": "27"}).status_code == 303
    start_code = code_on(client.get(presenter + "measure").get_data(as_text=True))
    client.post(presenter + "measure/follow/open", data={"class_size": "27"})
    screen = screen_token_for(token)
    secrets = {
        "presenter": token,
        "head": head_token_for(token),
        "screen": screen,
        "teacher": teacher_token_for(token),
        "start code": start_code,
    }
    engine = measure_app.extensions["store"]
    with engine.connect() as connection:
        row = connection.execute(select(sessions.planned_session.c.teacher_screen)).one()
    secrets["wrapped screen"] = row.teacher_screen
    for phase in ("start", "end", "follow"):
        for generation in range(4):
            secrets[f"{phase} {generation}"] = join_code(screen, phase, generation)
    assert start_code in secrets.values()  # the code the page shows is one of those searched

    links = document_links(client.get(presenter).get_data(as_text=True))
    for kind, path in links.items():
        assert path.startswith(presenter), path
        answer = client.get(path)
        assert answer.status_code == 200, kind
    table = stored.prepared_document
    with engine.connect() as connection:
        kept = dict(connection.execute(select(table.c.kind, table.c.data)).all())
    assert set(kept) == set(links) == stored.STORABLE  # every kind that may be kept

    found = set()
    key = stored.document_key(token)
    for kind, sealed in kept.items():
        # As stored, the bytes are sealed: nothing of the document can be read from the
        # database, and only the presenter's link opens them.
        raw = readable(bytes(sealed))
        assert "Mme Martin" not in raw and not bytes(sealed).startswith((b"%PDF", b"PK")), kind
        assert stored.unseal(stored.document_key(secrets["head"]), bytes(sealed)) is None
        data = stored.unseal(key, bytes(sealed))
        assert data is not None, kind
        text = readable(data)
        squeezed = re.sub(r"\s+", "", text)  # a link broken across two lines
        assert "Mme Martin, CPE" in text, kind  # its text was really read
        for name, secret in secrets.items():
            if secret in text or secret in squeezed or secret[:16] in squeezed:
                found.add((kind, name))
    assert found == set()
