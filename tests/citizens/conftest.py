"""Fixtures for the citizens' pages: a public challenge with open calls, and a helper that sends the form."""
from __future__ import annotations

import re

import pytest

from govlab.services import challenges

from ..conftest import csrf_from


@pytest.fixture
def challenge(app, factory):
    """A public project with both calls open, its facilitator, and its page address."""
    app.config["CONTRIBUTION_MIN_SECONDS"] = 0
    facilitator = factory.user()
    project = factory.project(facilitator, visibility="public", title="รอคิวโรงพยาบาล",
                              hmw="How might we shorten the wait at the hospital?")
    challenges.update_page(facilitator, project.id, {"slug": "hospital-wait", "idea_opens_on": "2020-01-01",
                                                     "experience_opens_on": "2020-01-01"})
    return {"project": project, "facilitator": facilitator, "slug": "hospital-wait"}


def form_fields(client, path: str) -> dict:
    """The hidden fields of the contribution form (CSRF token, signed timestamp)."""
    html = client.get(path).get_data(as_text=True)
    stamp = re.search(r'name="stamp" value="([^"]+)"', html).group(1)
    return {"csrf_token": csrf_from(html), "stamp": stamp}


def send(client, slug: str, text: str, kind: str = "idea", **extra):
    """Open the form of a call and send it with consent, like a person would."""
    path = f"/c/{slug}/{kind}"
    data = form_fields(client, path) | {"text": text, "consent": "yes"} | extra
    return client.post(path, data=data)


def private_link(response) -> str:
    """The private status path shown once on the thank-you page."""
    return re.search(r'href="https?://[^/"]+(/contribution/[^"]+)"', response.get_data(as_text=True)).group(1)
