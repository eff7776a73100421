"""The board page hands its scripts what the evidence chain needs: labels in the UI language, the choices
the server accepts, the organisations, the overdue rule and the chain address; editing rights per role."""
import json
import re
from datetime import date

import pytest

from govlab.domain import evidence
from tests.web.test_pages import ACTORS, as_actor


def board_config(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="board-config">(.*?)</script>', html, re.S)
    assert found, "no board-config"
    return json.loads(found.group(1))


@pytest.mark.parametrize("actor", ACTORS)
def test_board_config_carries_evidence_choices_for_every_viewer(client, world, factory, actor):
    org = factory.org(name_en="District Office", name_th="สำนักงานเขต")
    stranger = factory.org(name_en="Nobody Here")
    factory.member(world["public"]["project"], "observer", factory.user(org=org))  # a verified member vouches
    as_actor(client, world, actor)
    project = world["public"]["project"]
    response = client.get(f"/projects/{project.id}/board", headers={"Accept-Language": "en"})
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    config = board_config(html)
    assert config["canEdit"] is (actor in ("facilitator", "member", "admin"))
    assert [key for key, _label in config["verdicts"]] == list(evidence.VERDICTS)
    assert dict(config["verdicts"])["validated"] == "Validated"
    assert [key for key, _label in config["prototypeStatuses"]] == list(evidence.PROTOTYPE_STATUSES)
    assert [key for key, _label in config["fidelities"]] == list(evidence.FIDELITIES)
    assert [key for key, _label in config["testMethods"]] == list(evidence.TEST_METHODS)
    assert config["decisionLabels"]["iterate"] == "Iterate"
    assert config["linkLabels"] == {"frames": "frames", "answers": "answers", "embodies": "embodies",
                                    "tests": "tests", "relates": "relates to"}
    assert config["linkInverseLabels"]["tests"] == "tested by"
    assert config["linkUpstreamEnd"] == evidence.LINK_UPSTREAM_END
    assert [org.id, "District Office"] in config["organisations"]
    # Only owners the server accepts: organisations of the project's verified members (site admins: all).
    assert ([stranger.id, "Nobody Here"] in config["organisations"]) is (actor == "admin")
    assert config["overdueStatuses"] == ["planned", "building", "testing", "iterating"]
    assert config["today"] == date.today().isoformat()
    assert config["chainUrl"] == f"/projects/{project.id}/chain/{{id}}"
    assert config["decisionsUrl"] == f"/api/v1/projects/{project.id}/decisions"
    assert config["fieldLimits"] == {"short": evidence.SHORT_TEXT_MAX, "long": evidence.LONG_TEXT_MAX,
                                     "participants": evidence.PARTICIPANTS_MAX}
    # The keyboard help names the L shortcut only for people who can link.
    assert ("L links the card" in html) is config["canEdit"]
    assert 'id="link-dialog"' in html and 'id="cd-prototype"' in html and 'id="cd-test"' in html


def test_board_config_labels_and_organisations_in_thai(client, world, factory):
    office = factory.org(name_en="District Office", name_th="สำนักงานเขต")
    factory.member(world["private"]["project"], "observer", factory.user(org=office))
    as_actor(client, world, "member")
    project = world["private"]["project"]
    html = client.get(f"/projects/{project.id}/board", headers={"Accept-Language": "th"}).get_data(as_text=True)
    config = board_config(html)
    assert config["locale"] == "th"
    assert dict(config["verdicts"])["validated"] == "ผ่านการยืนยัน"
    assert config["linkLabels"]["frames"] == "ตั้งโจทย์"
    assert config["linkInverseLabels"]["frames"] == "ได้โจทย์จาก"
    assert any(name == "สำนักงานเขต" for _id, name in config["organisations"])
    assert "เชื่อมโยงกับ…" in html


def test_board_config_user_text_cannot_close_the_script(client, world, factory):
    hostile = factory.org(name_en="</script><script>alert(1)</script>", name_th="x")
    factory.member(world["public"]["project"], "observer", factory.user(org=hostile))
    as_actor(client, world, "facilitator")
    html = client.get(f"/projects/{world['public']['project'].id}/board").get_data(as_text=True)
    assert "</script><script>alert(1)" not in html
    assert ["</script><script>alert(1)</script>"] == [name for _id, name in board_config(html)["organisations"]
                                                       if "alert" in name]


def test_private_board_config_is_not_served_to_outsiders(client, world):
    as_actor(client, world, "outsider")
    response = client.get(f"/projects/{world['private']['project'].id}/board")
    assert response.status_code == 404
    assert "board-config" not in response.get_data(as_text=True)


def test_every_link_type_has_a_reverse_label_and_an_upstream_end():
    assert set(evidence.LINK_INVERSE_LABELS) == set(evidence.LINK_TYPES) == set(evidence.LINK_UPSTREAM_END)
    for link_type, end in evidence.LINK_UPSTREAM_END.items():
        from_kinds, to_kinds = evidence.LINK_RULES[link_type]
        assert (end is None) is (from_kinds is None)  # only the typed links have a direction in the chain
