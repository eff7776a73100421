"""A real SMTP server (aiosmtpd) for the mail tests, and an app that delivers to it."""
from __future__ import annotations

import email
import threading
from email import policy

import pytest
from aiosmtpd.controller import Controller

from govlab import create_app
from govlab.extensions import db as _db
from tests.conftest import IsolatedClient, make_config
from tests.servers import free_port


class Inbox:
    """What the SMTP server received: (envelope recipients, parsed message) pairs."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.EmailMessage]] = []
        self.condition = threading.Condition()

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = email.message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        with self.condition:
            self.messages.append((list(envelope.rcpt_tos), message))
            self.condition.notify_all()
        return "250 Message accepted for delivery"

    def wait_for(self, count: int = 1, timeout: float = 10.0) -> list:
        """Block until at least `count` messages have arrived (or fail); return them all."""
        with self.condition:
            assert self.condition.wait_for(lambda: len(self.messages) >= count, timeout), \
                f"{len(self.messages)} of {count} messages arrived"
            return list(self.messages)

    def to(self, address: str) -> list:
        """The messages received for one address."""
        return [message for rcpt, message in self.messages if address in rcpt]


class SmtpServer:
    """An aiosmtpd server on a fixed free port that a test can stop and start again."""

    def __init__(self) -> None:
        self.port = free_port()
        self.inbox = Inbox()
        self.controller: Controller | None = None

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"

    def start(self) -> "SmtpServer":
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port, enable_SMTPUTF8=True)
        self.controller.start()
        return self

    def stop(self) -> None:
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


@pytest.fixture
def smtp_server():
    """A real SMTP server, started; stopped at the end."""
    server = SmtpServer().start()
    yield server
    server.stop()


@pytest.fixture
def smtp_down():
    """An SMTP server that is not started yet (its port is closed): call .start() to bring it up."""
    server = SmtpServer()
    yield server
    server.stop()


def mail_app(tmp_path, smtp_url: str | None, **extra):
    """An app that delivers to `smtp_url`, with short retry waits."""
    config = make_config(tmp_path, SMTP_URL=smtp_url, MAIL_FROM="GovLab <noreply@govlab.test>",
                         BASE_URL="https://govlab.example.go.th", MAIL_RETRY_BASE=0.05, MAIL_POLL=5.0,
                         SMTP_TIMEOUT=5.0, **extra)
    application = create_app(config)
    application.test_client_class = IsolatedClient
    return application


@pytest.fixture
def app(tmp_path, request):
    """The shared `app` fixture, delivering to the test's SMTP server (when the test has one)."""
    server = None
    for name in ("smtp_server", "smtp_down"):
        if name in request.fixturenames:
            server = request.getfixturevalue(name)
    application = mail_app(tmp_path, server.url if server else None)
    with application.app_context():
        _db.create_all()
        yield application
        _db.session.remove()
        _db.engine.dispose()
