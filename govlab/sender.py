"""The mail sender inside a server process: a background task that drains the outbox.

Started by `govlab run` when GOVLAB_SMTP_URL is set. It uses only Flask-SocketIO's background task
and the event object of the configured async mode, so it runs alike under eventlet, gevent and
threads. It sleeps until the next mail is due (at most GOVLAB_MAIL_POLL seconds) or until a commit in
this process wrote mail; mails written by other processes are picked up at the next poll.
"""
from __future__ import annotations

import logging
import time

from flask import Flask

from .extensions import db, socketio

log = logging.getLogger(__name__)
MIN_WAIT = 0.05
DIGEST_EVERY = 60.0  # seconds between digest passes


class MailSender:
    """One process's sender loop."""

    def __init__(self, app: Flask) -> None:
        self.app = app
        self.event = socketio.server.eio.create_event()
        self.running = True
        self.passes = 0  # completed passes (tests wait on it)
        self.task = None
        self.digests_at = -DIGEST_EVERY  # the first pass writes the digests that are due

    def wake(self) -> None:
        """Look at the outbox now (a commit wrote mail)."""
        self.event.set()

    def stop(self) -> None:
        """End the loop after its current pass."""
        self.running = False
        self.event.set()

    def run_once(self) -> float:
        """Send what is due; return how long to wait before the next pass."""
        from .services import outbox

        poll = self.app.config.get("MAIL_POLL", 10.0)
        with self.app.app_context():
            try:
                self._digests()
                outbox.send_due()
                due = outbox.seconds_until_due()
            finally:
                db.session.remove()
        return poll if due is None else max(MIN_WAIT, min(due, poll))

    def _digests(self) -> None:
        """Write the daily digests that are due, at most once a minute (they are due once a day)."""
        from .services import digest

        now = time.monotonic()
        if now - self.digests_at < DIGEST_EVERY:
            return
        self.digests_at = now
        try:
            digest.send_digests()
        except Exception:  # the digest must never stop the outbox
            log.exception("daily digest pass failed")

    def run(self) -> None:
        """The loop: never ends on an error (a broken database or server is logged, then retried)."""
        while self.running:
            self.event.clear()
            try:
                wait = self.run_once()
            except Exception:
                log.exception("mail sender pass failed")
                wait = self.app.config.get("MAIL_POLL", 10.0)
            self.passes += 1
            if self.running:
                self.event.wait(timeout=wait)


def start_sender(app: Flask) -> MailSender | None:
    """Start this process's sender (only with GOVLAB_SMTP_URL set); returns it, or None."""
    if not app.config.get("SMTP_URL"):
        return None
    sender = MailSender(app)
    app.extensions["govlab_mail_sender"] = sender
    sender.task = socketio.start_background_task(sender.run)
    return sender
