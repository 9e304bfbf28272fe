"""A saved session's documents prepared ahead (issue 26): ready soon after the save, served
from memory, built again when what they print changes, gone with the session."""

from __future__ import annotations

import io
import time
import zipfile

import pytest

from workshop.facilitate.prepared import Prepared

from ..pdfs import pdf_text
from ..sessions import save

SESSION = {
    "lang": "fr",
    "tier": "13-15",
    "modules": "demo",
    "periods": "1",
    "school": "Collège Jean Moulin",
    "class_name": "4e B",
}


def wait_ready(client, path, timeout=300):
    began = time.monotonic()
    while time.monotonic() - began < timeout:
        ready = client.get(path + "documents.json").get_json()
        if all(ready.values()):
            return ready
        time.sleep(0.3)
    raise AssertionError(ready)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_documents_are_prepared_served_rebuilt_on_change_and_dropped(store_app):
    store_app.config["PREPARE_DOCUMENTS"] = True
    client = store_app.test_client()
    path = save(client, **SESSION)
    page = client.get(path).get_data(as_text=True)
    assert "kit.zip" in page and "data-documents" in page
    assert set(wait_ready(client, path)) == {"pack", "handout", "briefing", "slides", "pptx", "kit"}
    kit = client.get(path + "kit.zip")
    assert kit.status_code == 200 and kit.headers["Cache-Control"] == "no-store"
    assert any(n.endswith("/slides.html") for n in zipfile.ZipFile(io.BytesIO(kit.data)).namelist())
    store: Prepared = store_app.extensions["prepared_documents"]
    session_ids = {key[0] for key in store.items}
    assert len(session_ids) == 1
    # A change: the pack prints the new class, never the prepared copy of the old one.
    client.post(path + "edit", data={**SESSION, "class_name": "4e C"})
    assert "4e C" in pdf_text(client.get(path + "pack.pdf").data)
    wait_ready(client, path)
    client.post(path + "delete")
    assert not any(key[0] in session_ids for key in store.items)
    assert client.get(path + "kit.zip").status_code == 404


def test_a_click_during_preparation_waits_for_it_instead_of_building_twice():
    import threading

    store, built = Prepared(), []

    def make():
        built.append(1)
        time.sleep(0.3)
        return b"document"

    threads = [threading.Thread(target=store.build, args=(1, "pack", "f1", make)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert built == [1] and store.get(1, "pack", "f1") == b"document"
    assert store.get(1, "pack", "other fingerprint") is None
    store.drop(1)
    assert store.get(1, "pack", "f1") is None
