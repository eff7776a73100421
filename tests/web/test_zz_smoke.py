from tests.web.evidence_helpers import build_chain
from tests.conftest import login

def test_smoke(app, client, world):
    fac = world["users"]["facilitator"]
    p = world["public"]["project"]
    made = build_chain(p, fac, world["users"]["member"])
    login(client, fac)
    for url in (f"/projects/{p.id}/chain/{made['prototype']}", f"/projects/{p.id}/chain/{made['prototype']}?fragment=1",
                f"/projects/{p.id}/tracker", f"/projects/{p.id}/tracker?fragment=1", f"/projects/{p.id}/chains",
                f"/projects/{p.id}/timeline", f"/projects/{p.id}/timeline?after=3&fragment=1",
                f"/projects/{p.id}/participation", "/portfolio", f"/projects/{p.id}/board"):
        r = client.get(url)
        print(url, r.status_code)
        if r.status_code != 200:
            print(r.get_data(as_text=True)[:3000])
        assert r.status_code == 200
    open("/tmp/pg/chain.html","w").write(client.get(f"/projects/{p.id}/chain/{made['prototype']}").get_data(as_text=True))
