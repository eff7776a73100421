"""A bilingual demo: three organisations, a facilitator and members, a public and a private challenge."""
from __future__ import annotations

from sqlalchemy import func, select

from ..extensions import db
from ..models import User
from . import accounts, cards, organisations, projects
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
PUBLIC_CARDS = [
    ("empathize", "pain_point", "ต้องไปหลายหน่วยงานเพื่อขอใบอนุญาตเดียว",
     "Shop owners visit 4 offices and wait 30 days for one licence."),
    ("empathize", "quote", "“ผมปิดร้านไปสามวันเพื่อมายื่นเอกสาร”", "A noodle-shop owner in Chiang Mai."),
    ("empathize", "insight", "People trust the district office, not the website",
     "ชาวบ้านเชื่อใจเจ้าหน้าที่ที่อำเภอมากกว่าเว็บไซต์"),
    ("empathize", "hmw", "เราจะทำอย่างไรให้ขอใบอนุญาตได้ในที่เดียว?",
     "How might we let a shop owner get every licence in one visit?"),
    ("ideate", "idea", "One-stop licence counter", "จุดบริการเดียวที่อำเภอ ทุกหน่วยงานมาอยู่ด้วยกัน"),
    ("ideate", "idea", "ยื่นคำขอผ่าน LINE", "Apply through a LINE chat bot, track status by message."),
    ("prototype", "prototype", "Paper form + LINE bot mock-up", "ต้นแบบกระดาษ ทดลองกับร้านค้า 5 ร้าน"),
    ("test", "test", "ทดสอบกับร้านค้า 5 ร้านในตลาดวโรรส",
     "Hypothesis: time to licence drops below 7 days. Result: 4 of 5 shops finished in one visit."),
]
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
    for project, rows in ((public, PUBLIC_CARDS), (private, PRIVATE_CARDS)):
        for email, _name, _org, role, _admin in PEOPLE:
            if role and role != "facilitator":
                projects.add_member(facilitator, project.id, {"email": email, "role": role})
        colors = {"empathize": "yellow", "ideate": "blue", "prototype": "green", "test": "purple"}
        for index, (stage, kind, title, body) in enumerate(rows):
            author = facilitator if index % 2 == 0 else users["member@govlab.test"]
            cards.create_card(author, project.id, {"stage": stage, "kind": kind, "title": title, "body": body,
                                                   "color": "pink" if kind == "pain_point" else colors[stage]})
    return [(email, DEMO_PASSWORD, "admin" if admin else role) for email, _n, _o, role, admin in PEOPLE]
