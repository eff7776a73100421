"""Builds a whole evidence chain on a project through the services (the one write path)."""
from __future__ import annotations

import itertools

from govlab.services import accounts, cards, details, gates, links, projects
from govlab.services.access import SYSTEM

_people = itertools.count(1)


def vouch_in(project_id: int, org) -> None:
    """Give the project a verified member of `org`, so a prototype may name it as its owner."""
    email = f"vouch{next(_people)}-{org.id}@example.org"
    accounts.create_user(SYSTEM, {"email": email, "name": f"Vouch {org.name_en}", "password": "correct horse battery",
                                  "org_id": org.id})
    projects.add_existing_member(SYSTEM, project_id, {"email": email, "role": "observer"})


def build_chain(project, facilitator, author=None, title="LINE bot", owner_org=None) -> dict:
    """insight + quote → HMW ← idea ← prototype ← two tests (validated, inconclusive) → an iterate decision."""
    author = author or facilitator
    made = {}
    for key, stage, kind, text in (
            ("insight", "empathize", "insight", "People trust the district office"),
            ("quote", "empathize", "quote", "“I closed my shop for three days”"),
            ("hmw", "empathize", "hmw", "How might we licence a shop in one visit?"),
            ("idea", "ideate", "idea", "Apply through LINE"),
            ("prototype", "prototype", "prototype", title),
            ("test1", "test", "test", "Usability test with 5 shops"),
            ("test2", "test", "test", "Pilot at the district office"),
            ("stray", "empathize", "insight", "An insight framing nothing")):
        made[key] = cards.create_card(author, project.id, {"stage": stage, "kind": kind, "title": text}).id
    for source, target, link_type in (("insight", "hmw", "frames"), ("quote", "hmw", "frames"),
                                      ("idea", "hmw", "answers"), ("prototype", "idea", "embodies"),
                                      ("test1", "prototype", "tests"), ("test2", "prototype", "tests")):
        links.create_link(author, project.id, {"from": made[source], "to": made[target], "type": link_type})
    fields = {"id": made["prototype"], "fidelity": "clickable", "status": "testing", "next_step": "Pilot in Lamphun",
              "due_date": "2030-01-31"}
    if owner_org is not None:
        vouch_in(project.id, owner_org)
        fields["owner_org_id"] = owner_org.id
    details.update_prototype(author, project.id, fields)
    details.update_test(author, project.id, {"id": made["test1"], "hypothesis": "Shops finish in one visit",
                                             "method": "usability", "participants_count": 5, "result": "4 of 5",
                                             "verdict": "validated"})
    details.update_test(author, project.id, {"id": made["test2"], "verdict": "inconclusive", "method": "pilot"})
    gates.decide(facilitator, project.id, {"prototype_id": made["prototype"], "decision": "iterate",
                                           "rationale": "Promising; fix the sign-up step.",
                                           "evidence": [made["test1"]]})
    return made
