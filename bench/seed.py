"""Seed a benchmark board: one facilitator, N participants (members) and a personal token each.

Run with the server's environment (same database); prints {"project": id, "tokens": [...]} as JSON.
The first token is the facilitator's.

    python bench/seed.py N
"""
from __future__ import annotations

import json
import sys

from govlab import create_app
from govlab.services import accounts, projects
from govlab.services.access import SYSTEM

PASSWORD = "bench-password"


def seed(participants: int) -> dict:
    """Create the people, the board and their tokens through the services."""
    app = create_app()
    with app.app_context():
        people = [accounts.create_user(SYSTEM, {"email": f"bench{n}@example.org", "name": f"Participant {n}",
                                                "password": PASSWORD}) for n in range(participants)]
        board = projects.create_project(people[0], {"title": "Bench board"})
        for person in people[1:]:
            projects.add_member(people[0], board.id, {"email": person.email, "role": "member"})
        tokens = [accounts.issue_token({"email": person.email, "password": PASSWORD}) for person in people]
        return {"project": board.id, "tokens": tokens}


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]))))
