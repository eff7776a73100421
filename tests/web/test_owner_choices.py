"""The board's owner menu is asked again when it opens: an affiliation removed while a board is open drops out
of it without a reload (the finding "an open board keeps showing an un-vouched owner until reload")."""
from __future__ import annotations

from govlab.services import affiliations
from tests.conftest import token_for
from tests.web.test_board_evidence import board_config


def _names(response):
    assert response.status_code == 200, response.get_json()
    return [org["name_en"] for org in response.get_json()["organisations"]]


def test_the_owner_menu_follows_affiliations_without_a_reload(client, world, factory):
    org = factory.org(name_en="District Office", name_th="สำนักงานเขต")
    pid = world["public"]["project"].id
    vouching = factory.member(world["public"]["project"], "observer", factory.user(org=org))
    headers = token_for(client, world["users"]["member"])
    page = client.get(f"/projects/{pid}/board", headers=headers)
    config = board_config(page.get_data(as_text=True))
    assert config["ownerChoicesUrl"] == f"/api/v1/projects/{pid}/owner-choices"
    assert "District Office" in [label for _id, label in config["organisations"]]
    assert _names(client.get(config["ownerChoicesUrl"], headers=headers)) == ["District Office"]
    affiliations.remove_member(world["users"]["admin"], vouching.id)  # a site admin removes the affiliation
    assert _names(client.get(config["ownerChoicesUrl"], headers=headers)) == []
    # A site admin may name any organisation.
    assert "District Office" in _names(client.get(config["ownerChoicesUrl"],
                                                  headers=token_for(client, world["users"]["admin"])))


def test_the_owner_menu_is_only_for_those_who_see_the_board(client, world):
    private = world["private"]["project"].id
    assert client.get(f"/api/v1/projects/{private}/owner-choices").status_code in (401, 404)
    outsider = token_for(client, world["users"]["outsider"])
    assert client.get(f"/api/v1/projects/{private}/owner-choices", headers=outsider).status_code == 404
    assert client.get(f"/api/v1/projects/{world['public']['project'].id}/owner-choices").status_code == 200
    for odd in ("²", "9999999999", str(2**64)):
        assert client.get(f"/api/v1/projects/{odd}/owner-choices").status_code in (404, 422)
