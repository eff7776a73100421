"""Shared fixtures: an app on a temporary SQLite file, clients, and factories."""
from __future__ import annotations

import contextvars
import itertools
import os

import pytest
from flask.globals import _cv_app
from flask.testing import FlaskClient

os.environ.setdefault("GOVLAB_ASYNC_MODE", "threading")

from govlab import create_app  # noqa: E402
from govlab.extensions import db as _db  # noqa: E402
from govlab.services import accounts, cards, organisations, projects  # noqa: E402
from govlab.services.access import SYSTEM  # noqa: E402

pytest_plugins = ["tests.run_guard"]

PASSWORD = "correct horse battery"
_counter = itertools.count(1)


def make_config(tmp_path, **extra) -> dict:
    """Test settings: a fresh SQLite file, no rate limits unless asked, English by default."""
    config = {
        "TESTING": True,
        "INSTANCE_PATH": str(tmp_path),
        "SECRET_KEY": "test-secret",
        "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'test.sqlite3'}",
        "RATELIMIT_ENABLED": False,
        "ASYNC_MODE": "threading",
        "BABEL_DEFAULT_LOCALE": "en",
        "PASSWORD_HASHER": "test",
        "LIVE_TICK": 0,  # commit and fan out at once in handler tests; end-to-end tests use the real tick
    }
    config.update(extra)
    return config


def pytest_collection_modifyitems(items):
    """Give every test its own node id: schemathesis 4 under pytest 9 names all its cases of one test alike,
    and pytest-xdist's file scheduler then runs one case per id (tests/run_guard.py fails such a run)."""
    for item in items:
        if item.nodeid.rsplit("::", 1)[-1] != item.name and item.parent is not None:
            item._id = type(item._id).parse(f"{item.parent.nodeid}::{item.name}")


class IsolatedClient(FlaskClient):
    """Each request runs in its own app context, as in production (own `g`, own DB session),
    even though the test itself holds an app context for its factories."""

    def open(self, *args, **kwargs):
        def run():
            _cv_app.set(None)
            return FlaskClient.open(self, *args, **kwargs)

        return contextvars.copy_context().run(run)


@pytest.fixture
def app(tmp_path):
    """An application with an empty schema."""
    application = create_app(make_config(tmp_path))
    application.test_client_class = IsolatedClient
    with application.app_context():
        _db.create_all()
        yield application
        _db.session.remove()
        _db.engine.dispose()


@pytest.fixture
def client(app):
    """A Flask test client."""
    return app.test_client()


class Factory:
    """Creates users, organisations, projects and cards through the services."""

    def org(self, sector="government", level="central", **fields):
        n = next(_counter)
        data = {"name_th": f"หน่วยงาน {n}", "name_en": f"Agency {n}", "sector": sector,
                "level": level if sector == "government" else None} | fields
        return organisations.create_organisation(SYSTEM, data)

    def user(self, name=None, admin=False, org=None, password=PASSWORD, locale=None):
        n = next(_counter)
        return accounts.create_user(SYSTEM, {"email": f"user{n}@example.org", "name": name or f"User {n}",
                                             "password": password, "org_id": org.id if org else None,
                                             "is_admin": admin, "locale": locale})

    def project(self, facilitator=None, visibility="private", **fields):
        facilitator = facilitator or self.user()
        return projects.create_project(facilitator, {"title": fields.pop("title", "Challenge"),
                                                     "visibility": visibility, **fields})

    def member(self, project, role="member", user=None):
        """Make an existing account a member at once, in the first facilitator's name (the system's direct
        path; facilitators themselves invite, see services/invitations.py)."""
        user = user or self.user()
        facilitator = next(m.user for m in project.memberships if m.role == "facilitator")
        projects.add_existing_member(SYSTEM, project.id, {"email": user.email, "role": role},
                                     recorded_as=facilitator.id)
        return user

    def card(self, project, author=None, stage="empathize", title="A card", **fields):
        author = author or next(m.user for m in project.memberships if m.role == "facilitator")
        return cards.create_card(author, project.id, {"stage": stage, "title": title, **fields})


@pytest.fixture
def factory(app):
    """Factories that write through the services."""
    return Factory()


def token_for(client, user, password=PASSWORD) -> dict:
    """Authorization headers with a fresh API token for the user."""
    response = client.post("/api/v1/tokens", json={"email": user.email, "password": password})
    assert response.status_code == 201, response.get_json()
    return {"Authorization": f"Bearer {response.get_json()['token']}"}


def login(client, user, password=PASSWORD):
    """Sign in through the real login form (CSRF token included)."""
    page = client.get("/login")
    token = csrf_from(page.get_data(as_text=True))
    return client.post("/login", data={"email": user.email, "password": password, "csrf_token": token})


def mailed_link(address: str, kind: str) -> str:
    """The path of the link in the newest outbox mail of this kind to this address (confirm, reset, invitation)."""
    import re
    from urllib.parse import urlsplit

    from govlab.models import OutboxMail

    _db.session.rollback()  # the test's own read snapshot may predate the mail
    mail = _db.session.query(OutboxMail).filter_by(to_addr=address, kind=kind).order_by(OutboxMail.id.desc()).first()
    assert mail is not None, f"no {kind} mail to {address}"
    url = re.search(r"https?://\S+/(?:confirm|password/reset|invitations)/\S+", mail.text_body).group(0)
    return urlsplit(url).path


def csrf_from(html: str) -> str:
    """The CSRF token printed in a page's meta tag."""
    marker = 'name="csrf-token" content="'
    start = html.index(marker) + len(marker)
    return html[start:html.index('"', start)]


@pytest.fixture
def world(factory):
    """A public and a private project with one user per role, plus an outsider and an admin."""
    facilitator = factory.user("Facilitator")
    member = factory.user("Member")
    observer = factory.user("Observer")
    outsider = factory.user("Outsider")
    admin = factory.user("Admin", admin=True)
    result = {"users": {"facilitator": facilitator, "member": member, "observer": observer,
                        "outsider": outsider, "admin": admin}}
    for visibility in ("public", "private"):
        project = factory.project(facilitator, visibility=visibility, title=f"{visibility} project")
        factory.member(project, "member", member)
        factory.member(project, "observer", observer)
        card = factory.card(project, member, title=f"{visibility} card")
        deleted = factory.card(project, member, title=f"{visibility} deleted card")
        cards.delete_card(member, deleted.id)
        result[visibility] = {"project": project, "card": card, "deleted": deleted}
    return result
