"""Several senders on PostgreSQL: rows are claimed with FOR UPDATE SKIP LOCKED, so no mail leaves twice."""
from __future__ import annotations

import threading

from govlab.extensions import db
from govlab.models import OutboxMail
from govlab.services import outbox
from govlab.services.unit_of_work import write_transaction
from tests.mail.conftest import SmtpServer, mail_app


def test_four_senders_on_postgres_send_each_mail_once(postgres_url, tmp_path):
    smtp = SmtpServer().start()
    app = mail_app(tmp_path, smtp.url,
                   SQLALCHEMY_DATABASE_URI=postgres_url.replace("postgresql://", "postgresql+psycopg://"))
    count = 60
    try:
        with app.app_context():
            db.create_all()
            with app.test_request_context("/"):
                with write_transaction() as unit:
                    for n in range(count):
                        outbox.enqueue(unit, f"pg{n}@example.org", "reset", "en", name=f"P{n}",
                                       link="https://x", expires="", hours=1)
            start = threading.Barrier(4)
            totals = []

            def sender():
                with app.app_context():
                    start.wait()
                    totals.append(outbox.send_due())
                    db.session.remove()

            threads = [threading.Thread(target=sender) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            smtp.inbox.wait_for(count)
            recipients = [rcpt[0] for rcpt, _message in smtp.inbox.messages]
            assert sum(total["sent"] for total in totals) == count == len(recipients) == len(set(recipients))
            assert db.session.query(OutboxMail).filter(OutboxMail.status != "sent").count() == 0
            db.session.remove()
            db.engine.dispose()
    finally:
        smtp.stop()
