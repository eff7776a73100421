"""Seed the workshop benchmark: four organisations (one per sector), one facilitator and N participants
(members, spread over the organisations), each with a personal token, on one board.

Run with the server's environment (same database); prints {"project", "tokens"} as JSON, the
facilitator's token first. Passwords are hashed with the cheapest Argon2 profile: seeding 200 people
should not take minutes, and nobody signs in with them (the sockets use the tokens).

    python bench/workshop_seed.py N
"""
from __future__ import annotations

import json
import sys

from govlab import create_app
from govlab.services import accounts, organisations, projects
from govlab.services.access import SYSTEM

PASSWORD = "bench-password"
SECTORS = (("government", "central", "กรมทดลอง", "Test Department"),
           ("private", None, "บริษัททดลอง", "Test Company"),
           ("civil_society", None, "มูลนิธิทดลอง", "Test Foundation"),
           ("academia", None, "มหาวิทยาลัยทดลอง", "Test University"))


def seed(participants: int) -> dict:
    """Organisations, people, the board, memberships and tokens, all through the services."""
    app = create_app({"PASSWORD_HASHER": "test"})
    with app.app_context():
        orgs = [organisations.create_organisation(SYSTEM, {"name_th": th, "name_en": en, "sector": sector,
                                                           **({"level": level} if level else {})})
                for sector, level, th, en in SECTORS]
        facilitator = accounts.create_user(SYSTEM, {"email": "facilitator@bench.example", "name": "ผู้ดำเนินการ",
                                                    "password": PASSWORD, "org_id": orgs[0].id})
        board = projects.create_project(facilitator, {"title": "เวิร์กช็อป 200 คน / 200-person workshop"})
        people = [facilitator]
        for n in range(participants):
            person = accounts.create_user(SYSTEM, {"email": f"p{n}@bench.example", "name": f"ผู้เข้าร่วม {n}",
                                                   "password": PASSWORD, "org_id": orgs[n % len(orgs)].id})
            projects.add_existing_member(SYSTEM, board.id, {"email": person.email, "role": "member"})
            people.append(person)
        tokens = [accounts.issue_token({"email": person.email, "password": PASSWORD})[0] for person in people]
        return {"project": board.id, "tokens": tokens}


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]))))
