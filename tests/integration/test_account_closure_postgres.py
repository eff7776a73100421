"""On PostgreSQL: closing one's account (its row locks are FOR UPDATE of the bare users row: PostgreSQL refuses
FOR UPDATE on the outer joins a User load makes), a signed-in submission and an accepted invitation taking the
same lock, and two administrators closing at once leaving one."""
from __future__ import annotations

import threading

import pytest
from sqlalchemy import select

from govlab import create_app
from govlab.domain.errors import Conflict, NotAuthenticated
from govlab.extensions import db
from govlab.models import Contribution, Membership, User
from govlab.services import account_closure, challenges, contributions, invitations
from tests.conftest import PASSWORD, Factory, make_config, mailed_link


@pytest.fixture
def app(postgres_url, tmp_path):
    application = create_app(make_config(tmp_path, SQLALCHEMY_DATABASE_URI=postgres_url.replace(
        "postgresql://", "postgresql+psycopg://"), CONTRIBUTION_MIN_SECONDS=0))
    with application.app_context():
        db.create_all()
        yield application
        db.session.remove()
        db.engine.dispose()


def _form(text: str) -> dict:
    return {"text": text, "consent": True, "contact": "somchai@example.org", "stamp": contributions.form_stamp()}


def test_closing_submitting_and_accepting_take_the_account_lock(app):
    factory = Factory()
    facilitator = factory.user("Facilitator")
    citizen = factory.user("Citizen")
    project = factory.project(facilitator, visibility="public", title="รอคิวโรงพยาบาล")
    challenges.update_page(facilitator, project.id, {"slug": "wait", "idea_opens_on": "2020-01-01"})
    sent, _token = contributions.submit(citizen, project.id, "idea", _form("จองคิวออนไลน์"), "1.2.3.4")
    assert sent.user_id == citizen.id
    other = factory.project(facilitator, title="Private")
    invitations.invite(facilitator, other.id, {"email": citizen.email, "role": "member"})
    link = mailed_link(citizen.email, "invitation").rsplit("/", 1)[-1]
    stale = db.session.get(User, citizen.id)
    assert account_closure.close_own_account(stale, {"password": PASSWORD, "confirm": True}) == 1
    with pytest.raises(NotAuthenticated):
        contributions.submit(stale, project.id, "idea", _form("อีกเรื่องหนึ่ง"), "1.2.3.4")
    with pytest.raises(NotAuthenticated):
        invitations.accept(stale, link)
    db.session.rollback()
    assert db.session.get(User, citizen.id).closed_at is not None
    assert db.session.get(Contribution, sent.id).erased_at is not None
    assert db.session.scalars(select(Membership).where(Membership.user_id == citizen.id)).all() == []


def test_two_administrators_closing_at_once_leave_one(app):
    factory = Factory()
    ids = [factory.user(f"Admin {n}", admin=True).id for n in range(2)]
    db.session.commit()
    start = threading.Barrier(2)
    outcomes: list[str] = []

    def close(user_id: int) -> None:
        with app.app_context():
            user = db.session.get(User, user_id)
            start.wait()
            try:
                account_closure.close_own_account(user, {"password": PASSWORD, "confirm": True})
                outcomes.append("closed")
            except Conflict:
                outcomes.append("refused")
            finally:
                db.session.remove()

    threads = [threading.Thread(target=close, args=(user_id,)) for user_id in ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["closed", "refused"]
    db.session.rollback()
    assert db.session.query(User).filter(User.is_admin.is_(True), User.is_disabled.is_(False)).count() == 1
