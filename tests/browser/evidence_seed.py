"""Seed a realistic Thai/English evidence chain on the demo's public project through the REST API (the ops)."""
from __future__ import annotations

import json
import urllib.error
import urllib.request

PASSWORD = "govlab-demo"


class Api:
    """A tiny REST client with a Bearer token."""

    def __init__(self, base: str, email: str):
        self.base = base
        self.token = self.call("POST", "/tokens", {"email": email, "password": PASSWORD}, auth=False)["token"]

    def call(self, method: str, path: str, body: dict | None = None, auth: bool = True):
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(self.base + "/api/v1" + path, data=data, method=method)
        request.add_header("Content-Type", "application/json")
        if auth:
            request.add_header("Authorization", f"Bearer {self.token}")
        with urllib.request.urlopen(request, timeout=15) as response:
            raw = response.read()
            return json.loads(raw) if raw else None

    def op(self, project_id: int, op_type: str, data: dict) -> dict:
        return self.call("POST", f"/projects/{project_id}/ops", {"type": op_type, "data": data})

    def link(self, project_id: int, source: int, target: int, link_type: str) -> None:
        """Link two cards unless the demo already did (409 means the same link exists)."""
        try:
            self.op(project_id, "link.create", {"from": source, "to": target, "type": link_type})
        except urllib.error.HTTPError as error:
            if error.code != 409:
                raise

    def card(self, project_id: int, stage: str, kind: str, title: str, body: str = "", color: str | None = None) -> int:
        data = {"stage": stage, "kind": kind, "title": title, "body": body}
        if color:
            data["color"] = color
        return self.op(project_id, "card.create", data)["card"]["id"]


def public_project(api: Api) -> dict:
    return next(p for p in api.call("GET", "/projects?scope=public")["projects"])


def seed_chain(base: str) -> dict:
    """Links, prototype and test fields and two decisions on the demo's public project; returns ids."""
    facilitator = Api(base, "facilitator@govlab.test")
    member = Api(base, "member@govlab.test")
    ngo = Api(base, "ngo@govlab.test")
    project = public_project(facilitator)
    pid = project["id"]
    board = facilitator.call("GET", f"/projects/{pid}/board")
    first = {}
    for card in board["cards"]:
        first.setdefault(card["kind"], []).append(card["id"])
    hmw, ideas, prototype, test = first["hmw"][0], first["idea"], first["prototype"][0], first["test"][0]
    line_idea = ideas[1] if len(ideas) > 1 else ideas[0]
    counter_idea = ideas[0]
    for source in first.get("pain_point", []) + first.get("quote", []) + first.get("insight", []):
        ngo.link(pid, source, hmw, "frames")
    member.link(pid, line_idea, hmw, "answers")
    member.link(pid, counter_idea, hmw, "answers")
    facilitator.link(pid, prototype, line_idea, "embodies")
    facilitator.link(pid, test, prototype, "tests")
    pilot = ngo.card(pid, "test", "test", "นำร่องที่ที่ว่าการอำเภอเมืองเชียงใหม่ · District office pilot",
                     "Two weeks, walk-in shop owners.", "purple")
    ngo.link(pid, pilot, prototype, "tests")
    member.op(pid, "prototype.update", {"id": prototype, "fidelity": "clickable", "status": "testing",
                                        "owner_org_id": 2, "next_step": "ทดสอบกับผู้สูงอายุ 10 คน · Test with 10 elders",
                                        "due_date": "2031-03-31"})
    facilitator.op(pid, "test.update", {
        "id": test, "hypothesis": "ร้านค้าได้ใบอนุญาตภายใน 7 วัน · Shops get a licence within 7 days",
        "method": "usability", "participants_count": 5, "participants_who": "ร้านค้าในตลาดวโรรส · Warorot market shops",
        "metric": "Days from application to licence", "target": "≤ 7 days", "result": "4 of 5 shops in one visit",
        "verdict": "validated", "learnings": "ต้องมีเจ้าหน้าที่ช่วยกรอกแบบฟอร์ม · A clerk must help with the form"})
    ngo.op(pid, "test.update", {"id": pilot, "method": "pilot", "participants_count": 32,
                                "result": "Half the visitors did not have LINE", "verdict": "inconclusive"})
    facilitator.op(pid, "gate.decide", {"prototype_id": prototype, "decision": "pivot",
                                        "rationale": "LINE alone misses older shop owners.", "evidence": [test]})
    facilitator.op(pid, "gate.decide", {
        "prototype_id": prototype, "decision": "iterate",
        "rationale": "ผลดีในตลาด แต่ต้องมีช่องทางสำหรับผู้ไม่มี LINE · Good in the market; add a walk-in path.",
        "evidence": [test, pilot]})
    counter = facilitator.card(pid, "prototype", "prototype", "จุดบริการเดียว · One-stop counter mock-up",
                               "Paper mock-up of the counter layout.", "green")
    facilitator.link(pid, counter, counter_idea, "embodies")
    facilitator.op(pid, "prototype.update", {"id": counter, "fidelity": "paper", "status": "building", "owner_org_id": 1,
                                             "next_step": "Book a room at the district office", "due_date": "2024-06-30"})
    title = next(card["title"] for card in board["cards"] if card["id"] == prototype)
    return {"project_id": pid, "prototype": prototype, "prototype_title": title, "test": test, "pilot": pilot, "counter": counter, "hmw": hmw,
            "idea": line_idea}
