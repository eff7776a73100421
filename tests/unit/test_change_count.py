"""govlab.change_count: what group commit reads to tell whether a refused op changed anything."""
from __future__ import annotations

import threading

from govlab.change_count import changes
from govlab.extensions import db
from govlab.models import Card


def test_every_kind_of_change_counts_on_its_own_thread_only(app, world):
    card = db.session.get(Card, world["private"]["card"].id)
    before = changes()
    card.title = "A new title"
    assert changes() == before + 1
    seen_elsewhere = []

    def another_thread_changes_a_card():
        start = changes()
        card.body = "changed on another thread"
        seen_elsewhere.append(changes() - start)

    thread = threading.Thread(target=another_thread_changes_a_card)
    thread.start()
    thread.join()
    assert seen_elsewhere == [1]  # counted there ...
    assert changes() == before + 1  # ... not here
    reading = changes()
    assert card.title == "A new title" and db.session.get(Card, card.id) is card  # reads change nothing
    assert changes() == reading
    db.session.rollback()
