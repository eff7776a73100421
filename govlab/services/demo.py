"""A bilingual demo: three organisations, a facilitator and members, a public challenge with a whole evidence
chain (insights → HMW → ideas → prototype → two tests → an `iterate` decision) and a private one."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import func, select

from ..extensions import db
from ..models import User
from . import accounts, cards, details, gates, links, organisations, projects
from .access import SYSTEM

DEMO_PASSWORD = "govlab-demo"

ORGS = [
    {"name_th": "สำนักงานนวัตกรรมภาครัฐ", "name_en": "Public Sector Innovation Office",
     "sector": "government", "level": "central"},
    {"name_th": "บริษัท สยามดิจิทัล จำกัด", "name_en": "Siam Digital Co., Ltd.", "sector": "private"},
    {"name_th": "มูลนิธิเพื่อนชุมชน", "name_en": "Community Friends Foundation", "sector": "civil_society"},
]
PEOPLE = [  # email, name, org index, role in the projects, admin
    ("admin@govlab.test", "ผู้ดูแลระบบ (Admin)", 0, None, True),
    ("facilitator@govlab.test", "สมศรี ใจดี (Somsri)", 0, "facilitator", False),
    ("member@govlab.test", "Anan Tech (อนันต์)", 1, "member", False),
    ("ngo@govlab.test", "มาลี รักถิ่น (Malee)", 2, "member", False),
    ("observer@govlab.test", "Observer ผู้สังเกตการณ์", 1, "observer", False),
]
# The public challenge shows the whole evidence chain: what people live through frames a "How might we"
# question, ideas answer it, a prototype embodies one, two tests test it, and a facilitator decides.
# key: (stage, kind, title, body); links and fields refer to the keys.
PUBLIC_CARDS = {
    "pain": ("empathize", "pain_point", "ต้องไปหลายหน่วยงานเพื่อขอใบอนุญาตเดียว",
             "เจ้าของร้านต้องไปติดต่อ 4 หน่วยงาน และรอเฉลี่ย 30 วันกว่าจะได้ใบอนุญาตประกอบกิจการหนึ่งใบ\n"
             "Shop owners visit 4 offices and wait 30 days for one licence."),
    "quote": ("empathize", "quote", "“ผมปิดร้านไปสามวันเพื่อมายื่นเอกสาร”",
              "เจ้าของร้านก๋วยเตี๋ยวในเชียงใหม่ · A noodle-shop owner in Chiang Mai."),
    "insight": ("empathize", "insight", "ชาวบ้านเชื่อใจเจ้าหน้าที่ที่อำเภอมากกว่าเว็บไซต์",
                "People trust the district officer they can talk to, not the website. "
                "ส่วนใหญ่ใช้ LINE ทุกวันอยู่แล้ว"),
    "queue": ("empathize", "pain_point", "ไม่รู้ว่าคำขอไปถึงขั้นไหนแล้ว",
              "ต้องโทรถามเอง ไม่มีใครแจ้งความคืบหน้า · Nobody tells them where their application is."),
    "hmw": ("empathize", "hmw", "เราจะทำอย่างไรให้ร้านค้าขอใบอนุญาตได้ครบในที่เดียว และรู้ความคืบหน้าทุกขั้น?",
            "How might we let a shop owner get every licence in one visit and follow each step?"),
    "counter": ("ideate", "idea", "จุดบริการเดียวที่อำเภอ (One-stop licence counter)",
                "ทุกหน่วยงานมานั่งโต๊ะเดียวกันสัปดาห์ละวัน · Every agency at one desk, one day a week."),
    "line": ("ideate", "idea", "ยื่นคำขอและติดตามสถานะผ่าน LINE",
             "แชตบอตรับเอกสาร แจ้งสถานะทุกขั้น และนัดวันรับใบอนุญาต · "
             "A LINE chat bot takes the documents, reports each step and books the pick-up."),
    "prototype": ("prototype", "prototype", "ต้นแบบ LINE OA ยื่นคำขอใบอนุญาต (คลิกได้)",
                  "ต้นแบบที่คลิกได้บน LINE Official Account: ถ่ายรูปเอกสาร เลือกวันนัด รับแจ้งสถานะ\n"
                  "A clickable LINE Official Account mock-up: photograph documents, pick a date, get status messages."),
    "test_market": ("test", "test", "ทดสอบกับร้านค้า 5 ร้านในตลาดวโรรส",
                    "ให้ร้านค้าลองยื่นคำขอจริงผ่านต้นแบบ · Five shops tried the prototype with real applications."),
    "test_elders": ("test", "test", "ทดสอบกับผู้ประกอบการสูงวัย 8 คน",
                    "Eight shop owners over 60 tried it with a volunteer beside them."),
}
PUBLIC_LINKS = [("pain", "hmw", "frames"), ("quote", "hmw", "frames"), ("insight", "hmw", "frames"),
                ("queue", "hmw", "frames"), ("counter", "hmw", "answers"), ("line", "hmw", "answers"),
                ("prototype", "line", "embodies"), ("test_market", "prototype", "tests"),
                ("test_elders", "prototype", "tests"), ("counter", "line", "relates")]
PUBLIC_TESTS = {
    "test_market": {"hypothesis": "ถ้ายื่นผ่าน LINE ได้ ร้านค้าจะได้ใบอนุญาตภายใน 7 วันโดยไม่ต้องไปสำนักงาน",
                    "method": "pilot", "participants_count": 5,
                    "participants_who": "ร้านค้ารายย่อยในตลาดวโรรส เชียงใหม่ · small shops at Warorot market",
                    "metric": "จำนวนวันจนได้ใบอนุญาต · days until the licence is issued",
                    "target": "≤ 7 วัน สำหรับ 4 ใน 5 ร้าน", "result": "4 ใน 5 ร้านได้ใบอนุญาตใน 5 วัน ไม่ต้องไปสำนักงานเลย",
                    "verdict": "validated",
                    "learnings": "ร้านค้าชอบการแจ้งสถานะมากที่สุด; เจ้าหน้าที่ต้องตอบแชตภายในวันเดียว"},
    "test_elders": {"hypothesis": "ผู้ประกอบการสูงวัยยื่นคำขอผ่าน LINE ได้เองโดยไม่ต้องมีคนช่วย",
                    "method": "usability", "participants_count": 8,
                    "participants_who": "ผู้ประกอบการอายุ 60 ปีขึ้นไป · shop owners aged 60+",
                    "metric": "สัดส่วนที่ยื่นสำเร็จเอง · share who finish alone",
                    "target": "≥ 6 ใน 8 คน", "result": "3 ใน 8 คนทำสำเร็จเอง อีก 5 คนติดที่ขั้นถ่ายรูปเอกสาร",
                    "verdict": "inconclusive",
                    "learnings": "ต้องมีทางเลือกให้ อสม. หรือเจ้าหน้าที่ช่วยถ่ายรูปเอกสาร; ตัวอักษรต้องใหญ่กว่านี้"},
}
PUBLIC_DECISION = ("iterate",
                   "ใช้ได้ดีกับร้านค้าทั่วไป (4 ใน 5) แต่ผู้สูงวัยยังทำเองไม่ได้: ปรับขั้นถ่ายรูปเอกสารและเพิ่มโหมดมีผู้ช่วย "
                   "แล้วทดสอบอีกครั้ง · Works for most shops; elders need an assisted mode. Iterate and test again.")
PRIVATE_CARDS = [
    ("empathize", "persona", "คุณยายสมร อายุ 78 ปี", "Lives alone, no smartphone, needs the elderly allowance."),
    ("empathize", "pain_point", "Registration needs a house-registration copy", "สำเนาทะเบียนบ้านหายบ่อย"),
    ("ideate", "idea", "อาสาสมัครสาธารณสุขช่วยลงทะเบียนที่บ้าน", "Village health volunteers register at home."),
    ("prototype", "prototype", "Volunteer checklist on paper", "รายการตรวจสอบสำหรับ อสม."),
    ("test", "test", "Pilot in one sub-district", "ทดลองใน 1 ตำบล 20 ครัวเรือน"),
]


def seed_demo() -> list[tuple[str, str, str]]:
    """Seed the demo on an empty database; return (email, password, role) rows, or [] if not empty."""
    if db.session.scalar(select(func.count()).select_from(User)):
        return []
    orgs = [organisations.create_organisation(SYSTEM, data) for data in ORGS]
    users = {}
    for email, name, org_index, _role, admin in PEOPLE:
        users[email] = accounts.create_user(SYSTEM, {"email": email, "name": name, "password": DEMO_PASSWORD,
                                                     "org_id": orgs[org_index].id, "is_admin": admin})
    facilitator = users["facilitator@govlab.test"]
    public = projects.create_project(facilitator, {
        "title": "ขอใบอนุญาตประกอบกิจการในวันเดียว · One-day business licence",
        "hmw": "เราจะทำอย่างไรให้ร้านค้ารายย่อยได้ใบอนุญาตภายในวันเดียว? "
               "How might we help small shops get their licence in a single day?",
        "visibility": "public", "stage": "prototype", "org_id": orgs[0].id})
    private = projects.create_project(facilitator, {
        "title": "ลงทะเบียนเบี้ยยังชีพผู้สูงอายุ · Elderly allowance sign-up",
        "hmw": "How might we register every eligible elder without a trip to the office?",
        "visibility": "private", "stage": "empathize", "org_id": orgs[0].id})
    member = users["member@govlab.test"]
    for project in (public, private):
        for email, _name, _org, role, _admin in PEOPLE:
            if role and role != "facilitator":
                projects.add_existing_member(SYSTEM, project.id, {"email": email, "role": role},
                                             recorded_as=facilitator.id)
    _build_chain(public, _add_cards(public, PUBLIC_CARDS, [facilitator, member]), facilitator, member, orgs[0])
    _add_cards(private, dict(enumerate(PRIVATE_CARDS)), [facilitator, member])
    return [(email, DEMO_PASSWORD, "admin" if admin else role) for email, _n, _o, role, admin in PEOPLE]


COLORS = {"empathize": "yellow", "ideate": "blue", "prototype": "green", "test": "purple"}


def _add_cards(project, rows: dict, authors: list) -> dict:
    """Create the cards of one project (authors take turns); return them by key."""
    made = {}
    for index, (key, (stage, kind, title, body)) in enumerate(rows.items()):
        made[key] = cards.create_card(authors[index % len(authors)], project.id, {
            "stage": stage, "kind": kind, "title": title, "body": body,
            "color": "pink" if kind == "pain_point" else COLORS[stage]})
    return made


def _build_chain(project, made: dict, facilitator, member, owner) -> None:
    """Links, prototype and test fields, and an `iterate` decision, each through its op (so each is an Event)."""
    for source, target, link_type in PUBLIC_LINKS:
        links.create_link(member if link_type == "relates" else facilitator, project.id,
                          {"from": made[source].id, "to": made[target].id, "type": link_type})
    details.update_prototype(member, project.id, {
        "id": made["prototype"].id, "fidelity": "clickable", "status": "testing", "owner_org_id": owner.id,
        "next_step": "เพิ่มโหมดมีผู้ช่วยถ่ายรูปเอกสาร แล้วทดสอบกับผู้สูงวัยอีก 8 คน",
        "due_date": (date.today() + timedelta(days=21)).isoformat()})
    for key, fields in PUBLIC_TESTS.items():
        details.update_test(member, project.id, {"id": made[key].id, **fields})
    decision, rationale = PUBLIC_DECISION
    gates.decide(facilitator, project.id, {"prototype_id": made["prototype"].id, "decision": decision,
                                           "rationale": rationale,
                                           "evidence": [made["test_market"].id, made["test_elders"].id]})
