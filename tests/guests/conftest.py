"""Workshop guests: a project with a planned workshop and a facilitator who makes join codes."""
from __future__ import annotations

import pytest

from govlab.services import join_codes, workshops
from tests.conftest import csrf_from

AGENDA = [{"stage": "empathize", "instruction": "Write pain points, one per card.", "duration": 1800,
           "kind": "silent_brainstorm"},
          {"stage": "ideate", "instruction": "ลงคะแนน 3 จุด", "duration": 1800, "kind": "vote"}]


@pytest.fixture
def room(world):
    """The private project of `world` with a one-hour workshop and a live member code."""
    facilitator = world["users"]["facilitator"]
    project = world["private"]["project"]
    workshop = workshops.create_workshop(facilitator, project.id, {"title": "Service design sprint",
                                                                     "agenda": AGENDA})
    code = join_codes.create_code(facilitator, project.id, {"workshop_id": workshop.id})
    return {**world, "project": project, "workshop": workshop, "code": code, "facilitator": facilitator}


def join_as(client, code: str, name="Somchai Guest", organisation="Village health volunteers", sector="civil_society"):
    """Open the code's page and send the join form (as a phone would, CSRF included); returns the POST response."""
    page = client.get(f"/join/{code}")
    assert page.status_code == 200, page.get_data(as_text=True)[:500]
    return client.post(f"/join/{code}", data={"csrf_token": csrf_from(page.get_data(as_text=True)), "name": name,
                                              "organisation": organisation, "sector": sector})
