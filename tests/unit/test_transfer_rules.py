"""The project file's rules (pure): formats, whole-file validation, id rewriting, and safe CSV."""
from __future__ import annotations

import copy
import csv
import io

import pytest

from govlab.domain import tabular, transfer
from govlab.domain.errors import ValidationError
from govlab.domain.transfer_ids import IdMaps, remap_payload

ORG = {"id": 7, "name_th": "สำนักงานนวัตกรรม", "name_en": "Innovation Office", "sector": "government",
       "level": "central"}


def _card(card_id, stage, kind, title, **extra):
    return {"id": card_id, "project_id": 1, "stage": stage, "kind": kind, "title": title, "body": "", "color": "yellow",
            "position": f"a{card_id}", "version": 1, "author_id": 3, "author_name": "สมศรี", "deleted": False,
            "created_at": "2025-01-02T03:04:05.000006Z", "updated_at": "2025-01-02T03:04:05.000006Z", **extra}


def valid_file() -> dict:
    """A small but complete v2 file: insight → HMW ← idea ← prototype ← test, and a decision."""
    return {
        "format": "govlab.project.v2", "exported_at": "2025-01-03T00:00:00.000000Z",
        "project": {"id": 1, "title": "บัตรประชาชน", "hmw": "", "visibility": "public", "status": "active",
                    "stage": "test", "organisation": ORG, "seq": 2, "stall_days": 14,
                    "created_at": "2025-01-01T00:00:00.000000Z", "updated_at": "2025-01-01T00:00:00.000000Z"},
        "members": [{"name": "สมศรี", "organisation": ORG, "role": "facilitator"}],
        "stages": ["empathize", "ideate", "prototype", "test"],
        "cards": [
            _card(1, "empathize", "insight", "ต้องลางาน"), _card(2, "empathize", "hmw", "เราจะทำอย่างไร"),
            _card(3, "ideate", "idea", "LINE"),
            _card(4, "prototype", "prototype", "ต้นแบบ", prototype={
                "fidelity": "clickable", "status": "iterating", "owner_org_id": 7, "owner_organisation": ORG,
                "next_step": "ทดสอบอีกครั้ง", "due_date": "2025-02-01"}),
            _card(5, "test", "test", "ทดสอบ", test={
                "hypothesis": "h", "method": "pilot", "participants_count": 5, "participants_who": "w", "metric": "m",
                "target": "t", "result": "r", "verdict": "validated", "learnings": "l"}),
        ],
        "links": [{"id": 10, "project_id": 1, "from": 1, "to": 2, "type": "frames", "created_by": 3,
                   "created_at": None},
                  {"id": 11, "project_id": 1, "from": 5, "to": 4, "type": "tests", "created_by": 3, "created_at": None}],
        "decisions": [{"id": 20, "project_id": 1, "prototype_id": 4, "decision": "iterate", "rationale": "ทำต่อ",
                       "evidence": [5], "decided_by": 3, "decided_by_name": "สมศรี", "created_at": None}],
        "events": [{"seq": 1, "project_id": 1, "type": "project.create", "actor_id": 3, "actor_name": "สมศรี",
                    "payload": {"project": {"id": 1, "organisation": ORG}}, "created_at": None},
                   {"seq": 2, "project_id": 1, "type": "link.create", "actor_id": 3, "actor_name": "สมศรี",
                    "payload": {"link": {"id": 10, "from": 1, "to": 2, "type": "frames", "created_by": 3}},
                    "created_at": None}],
    }


def test_a_valid_file_reads_whole():
    content = transfer.read_project_file(valid_file())
    assert content.version == 2 and len(content.cards) == 5 and len(content.links) == 2
    assert content.cards[3]["prototype"]["owner_organisation"]["name_en"] == "Innovation Office"
    assert content.decisions[0]["evidence"] == [5]
    assert content.events[1]["actor_name"] == "สมศรี"
    assert [org["name_en"] for org in content.organisations()] == ["Innovation Office"]


def test_a_v1_file_reads_without_links_and_decisions_and_names_actors_from_members():
    document = valid_file()
    document["format"] = "govlab.project.v1"
    document["members"] = [{"user": {"id": 3, "name": "สมศรี", "organisation": None}, "role": "facilitator"}]
    for key in ("links", "decisions"):
        document.pop(key)
    del document["project"]["stall_days"]
    for card in document["cards"]:
        card.pop("prototype", None), card.pop("test", None)
    for event in document["events"]:
        event.pop("actor_name")
    content = transfer.read_project_file(document)
    assert content.version == 1 and content.links == [] and content.decisions == []
    assert content.project["stall_days"] == 14
    assert content.cards[3]["prototype"]["status"] == "planned" and content.cards[4]["test"]["verdict"] is None
    assert content.events[0]["actor_name"] == "สมศรี" and content.members[0] == {
        "name": "สมศรี", "organisation": None, "role": "facilitator"}


@pytest.mark.parametrize("document,needle", [
    ([], "JSON object"),
    ({"format": "csv"}, "not a GovLab project export"),
    ({"format": "govlab.project.v3"}, "newer GovLab"),
    ({"format": "govlab.project.v0"}, "not one GovLab can read"),
])
def test_wrong_formats_are_refused(document, needle):
    with pytest.raises(ValidationError) as caught:
        transfer.read_project_file(document)
    assert needle in str(caught.value)


def _set(path, value):
    def change(document):
        *parents, last = path
        target = document
        for part in parents:
            target = target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return change


BAD = {
    "missing project": (_set(("project",), KeyError), "project"),
    "missing cards": (_set(("cards",), KeyError), "cards"),
    "cards not a list": (_set(("cards",), {"a": 1}), "cards"),
    "title not text": (_set(("cards", 0, "title"), 5), "cards[0].title"),
    "title empty": (_set(("cards", 0, "title"), "   "), "cards[0].title"),
    "NUL in title": (_set(("cards", 0, "title"), "a\x00b"), "cards[0].title"),
    "control char in body": (_set(("cards", 0, "body"), "a\x07b"), "cards[0].body"),
    "NUL in a payload": (_set(("events", 0, "payload", "note"), "x\x00"), "events[0].payload"),
    "body too long": (_set(("cards", 0, "body"), "x" * 10_001), "cards[0].body"),
    "version a string": (_set(("cards", 0, "version"), "1"), "cards[0].version"),
    "version a bool": (_set(("cards", 0, "version"), True), "cards[0].version"),
    "id past 32 bits": (_set(("cards", 0, "id"), 2**40), "cards[0].id"),
    "unknown stage": (_set(("cards", 0, "stage"), "launch"), "cards[0].stage"),
    "kind not of the stage": (_set(("cards", 2, "kind"), "insight"), "cards[2].kind"),
    "bad position": (_set(("cards", 0, "position"), "!!"), "cards[0].position"),
    "duplicate card id": (_set(("cards", 1, "id"), 1), "cards[1].id"),
    "unknown colour": (_set(("cards", 0, "color"), "gold"), "cards[0].color"),
    "test fields on an idea": (_set(("cards", 2, "test"), {}), "cards[2].test"),
    "unknown fidelity": (_set(("cards", 3, "prototype", "fidelity"), "3d"), "cards[3].prototype.fidelity"),
    "due date not a date": (_set(("cards", 3, "prototype", "due_date"), "2025-02-30"), "cards[3].prototype.due_date"),
    "negative participants": (_set(("cards", 4, "test", "participants_count"), -1), "participants_count"),
    "unknown verdict": (_set(("cards", 4, "test", "verdict"), "maybe"), "cards[4].test.verdict"),
    "link to an unknown card": (_set(("links", 0, "to"), 99), "links[0].to"),
    "link to itself": (_set(("links", 0, "to"), 1), "links[0].type"),
    "link kinds that make no sense": (_set(("links", 0, "type"), "tests"), "links[0].type"),
    "unknown link type": (_set(("links", 0, "type"), "likes"), "links[0].type"),
    "duplicate link id": (_set(("links", 1, "id"), 10), "links[1].id"),
    "the same link twice": (lambda d: d["links"].append({**d["links"][0], "id": 12}), "links[2]"),
    "decision on a non-prototype": (_set(("decisions", 0, "prototype_id"), 3), "decisions[0].prototype_id"),
    "decision resting on a non-test": (_set(("decisions", 0, "evidence"), [3]), "decisions[0].evidence[0]"),
    "decision on an unknown card": (_set(("decisions", 0, "prototype_id"), 99), "decisions[0].prototype_id"),
    "unknown decision": (_set(("decisions", 0, "decision"), "ship"), "decisions[0].decision"),
    "empty rationale": (_set(("decisions", 0, "rationale"), " "), "decisions[0].rationale"),
    "event log with a gap": (_set(("events", 1, "seq"), 3), "events[1].seq"),
    "event type odd": (_set(("events", 0, "type"), "DROP TABLE"), "events[0].type"),
    "payload not an object": (_set(("events", 0, "payload"), []), "events[0].payload"),
    "project visibility unknown": (_set(("project", "visibility"), "secret"), "project.visibility"),
    "stall days zero": (_set(("project", "stall_days"), 0), "project.stall_days"),
    "bad time": (_set(("project", "created_at"), "yesterday"), "project.created_at"),
    "member without a name": (_set(("members", 0, "name"), ""), "members[0].name"),
    "member with an unknown role": (_set(("members", 0, "role"), "owner"), "members[0].role"),
    "organisation without a level": (_set(("project", "organisation", "level"), None), "project.organisation"),
    "unknown stage list": (_set(("stages",), ["empathize", "launch"]), "stages[1]"),
    "too many cards": (lambda d: d.__setitem__("cards", [d["cards"][0]] * (transfer.CARDS_MAX + 1)), "cards"),
}


@pytest.mark.parametrize("name", BAD)
def test_each_bad_part_refuses_the_whole_file_and_names_the_place(name):
    change, where = BAD[name]
    document = copy.deepcopy(valid_file())
    change(document)
    with pytest.raises(ValidationError) as caught:
        transfer.read_project_file(document)
    assert where in (caught.value.field or ""), (caught.value.field, str(caught.value))


def test_ids_in_payloads_are_rewritten_by_what_they_name():
    maps = IdMaps(project=50, cards={1: 101, 2: 102, 4: 104, 5: 105}, links={10: 110}, decisions={20: 120},
                  organisations={("สำนักงานนวัตกรรม", "Innovation Office"): 9})
    payload = {
        "card": {"id": 4, "project_id": 1, "author_id": 3, "prototype": {"owner_org_id": 7, "owner_organisation": ORG}},
        "links": [{"id": 10, "from": 1, "to": 2, "created_by": 3}],
        "decision": {"id": 20, "prototype_id": 4, "evidence": [5, 77], "decided_by": 3},
        "user": {"id": 3, "name": "สมศรี", "organisation": ORG},
        "from": {"stage": "ideate", "position": "a1", "kind": "idea"},
        "project": {"id": 1, "organisation": {**ORG, "name_en": "Elsewhere"}},
    }
    result = remap_payload(payload, maps)
    assert result["card"]["id"] == 104 and result["card"]["project_id"] == 50 and result["card"]["author_id"] is None
    assert result["card"]["prototype"]["owner_org_id"] == 9 and result["card"]["prototype"]["owner_organisation"]["id"] == 9
    assert result["links"] == [{"id": 110, "from": 101, "to": 102, "created_by": None}]
    assert result["decision"] == {"id": 120, "prototype_id": 104, "evidence": [105, None], "decided_by": None}
    assert result["user"] == {"id": None, "name": "สมศรี", "organisation": {**ORG, "id": 9}}
    assert result["from"] == payload["from"]  # a card.move's origin is a place, not a card
    assert result["project"]["id"] == 50 and result["project"]["organisation"]["id"] is None
    assert payload["card"]["id"] == 4  # the input is not changed


@pytest.mark.parametrize("value,cell", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\tx", "'\tx"),
    ("\r=1", "'\r=1"), ("ปกติ", "ปกติ"), ("a=1", "a=1"), (None, ""), (True, "true"), (5, 5), ([3, 4], "3;4"),
])
def test_cells_that_look_like_formulas_are_quoted(value, cell):
    assert tabular.safe_cell(value) == cell


def test_csv_has_a_bom_quotes_properly_and_keeps_thai():
    content = tabular.csv_bytes(("id", "title", "body"), [{"id": 1, "title": "บัตร, \"ใหม่\"", "body": "=cmd\nสอง"}])
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows == [["id", "title", "body"], ["1", "บัตร, \"ใหม่\"", "'=cmd\nสอง"]]


def test_download_names_are_ascii_safe_with_a_utf8_twin():
    header = tabular.content_disposition(12, "บัตร/ประชาชน \"ใหม่\"\r\n;x", "cards.csv")
    assert header.startswith('attachment; filename="govlab-12-cards.csv"; filename*=UTF-8\'\'govlab-12-')
    assert header.isascii() and "\r" not in header and "\n" not in header and ";x" not in header.split("''")[1]
    assert tabular.download_names(3, "!!!", "tests.csv") == ("govlab-3-tests.csv", "govlab-3-tests.csv")
    assert tabular.download_names(3, "บัตร ประชาชน", "tests.csv")[1] == "govlab-3-บัตร-ประชาชน-tests.csv"
