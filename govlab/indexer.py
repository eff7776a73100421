"""The card indexer inside a server process: a background task that segments queued card text.

Started by `govlab run`. A commit that changed card text wakes it (services/card_index.py); it then
waits DEBOUNCE seconds, so that a burst of live typing — dozens of `card.text` ops — is segmented
once, and indexes the queue in chunks, yielding between them so the server keeps answering. Cards
queued by other processes are picked up at the next poll, and a search indexes its own board's
queue first in any case. Uses only Flask-SocketIO's background task, sleep and event, so it runs
alike under eventlet, gevent and threads.
"""
from __future__ import annotations

import logging

from flask import Flask

from .extensions import db, socketio

log = logging.getLogger(__name__)
DEBOUNCE = 1.0  # seconds to let a burst of typing end before its cards are segmented
POLL = 60.0  # seconds between passes when nothing wakes it (cards queued by other processes)
CHUNK = 10  # cards segmented between two yields: Thai costs ~1 ms a card, and the loop must keep answering
CHUNKS_PER_PASS = 2000  # 20,000 cards at most per pass; the next pass goes on


class CardIndexer:
    """One process's indexer loop."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.event = socketio.server.eio.create_event()
        self.running = True
        self.passes = 0  # completed passes (tests wait on it)
        self.task = None

    def wake(self) -> None:
        """Cards were queued by a commit in this process."""
        self.event.set()

    def stop(self) -> None:
        """End the loop after its current pass."""
        self.running = False
        self.event.set()

    def run_once(self) -> int:
        """Index what was queued when the pass began, chunk by chunk; returns how many cards were read."""
        from .models.base import utcnow
        from .services.card_index import index_queued

        done = 0
        # A card queued again during the pass waits for the next one: while people type, each of their
        # cards is requeued with every op, and a pass that took them too would segment the same cards
        # over and over, as fast as the loop runs (a tenth of the CPU with 50 people editing).
        began = utcnow()
        with self.app.app_context():
            try:
                for _chunk in range(CHUNKS_PER_PASS):
                    read = index_queued(limit=CHUNK, queued_by=began)
                    done += read
                    if read < CHUNK or not self.running:
                        break
                    socketio.sleep(0)  # let requests and sockets run between chunks
            finally:
                db.session.remove()
        return done

    def run(self) -> None:
        """The loop: never ends on an error (a broken database is logged, then retried)."""
        woken = True  # the first pass indexes what a migration or another process left queued
        while self.running:
            if woken:
                socketio.sleep(DEBOUNCE)
            self.event.clear()
            try:
                self.run_once()
            except Exception:
                log.exception("card indexer pass failed")
            self.passes += 1
            if self.running:
                woken = self.event.wait(timeout=POLL)


def start_indexer(app: Flask) -> CardIndexer:
    """Start this process's card indexer and return it."""
    indexer = CardIndexer(app)
    app.extensions["govlab_card_indexer"] = indexer
    indexer.task = socketio.start_background_task(indexer.run)
    return indexer
