"""Seed a benchmark board: one facilitator, N participants (members) and a personal token each, and
optionally C cards (each a card.create Event, as if typed in by the facilitator).

Run with the server's environment (same database); prints {"project", "tokens", "seq_before_cards"} as
JSON. The first token is the facilitator's.

    python bench/seed.py N [C]
"""
from __future__ import annotations

import json
import sys

from govlab import create_app
from govlab.services import accounts, cards, projects
from govlab.services.access import SYSTEM

PASSWORD = "bench-password"
STAGES = ("empathize", "ideate", "prototype", "test")


def seed(participants: int, card_count: int = 0) -> dict:
    """Create the people, the board, their tokens and the cards through the services."""
    app = create_app()
    with app.app_context():
        people = [accounts.create_user(SYSTEM, {"email": f"bench{n}@example.org", "name": f"Participant {n}",
                                                "password": PASSWORD}) for n in range(participants)]
        board = projects.create_project(people[0], {"title": "Bench board"})
        for person in people[1:]:
            projects.add_existing_member(SYSTEM, board.id, {"email": person.email, "role": "member"})
        tokens = [accounts.issue_token({"email": person.email, "password": PASSWORD})[0] for person in people]
        seq_before_cards = projects.get_project(people[0], board.id)[0].last_seq
        for n in range(card_count):
            cards.create_card(people[0], board.id, {"stage": STAGES[n % 4], "title": f"Card {n} การ์ด",
                                                    "body": "ข้อความ " * 20})
        return {"project": board.id, "tokens": tokens, "seq_before_cards": seq_before_cards}


if __name__ == "__main__":
    print(json.dumps(seed(int(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 0)))
