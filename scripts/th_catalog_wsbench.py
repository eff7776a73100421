"""Thai for choosing the cards of a dot vote and for locking one lane (issue #11, items 5 and 8)."""

TH_WSBENCH = {
    "Choose": "เลือก",
    "Choose at most %(max)s cards.": "เลือกได้ไม่เกิน %(max)s การ์ด",
    "Choose cards for a vote": "เลือกการ์ดเพื่อลงคะแนน",
    "Choose “%(title)s” for the vote": "เลือก “%(title)s” สำหรับการลงคะแนน",
    "Cards chosen: %(count)s": "เลือกการ์ดแล้ว: %(count)s",
    "Clear the choice": "ล้างการเลือก",
    "Lock": "ล็อก",
    "Locked": "ล็อกอยู่",
    "Open a vote on the chosen cards": "เปิดลงคะแนนการ์ดที่เลือก",
    "Stop choosing cards": "เลิกเลือกการ์ด",
    "The facilitator locked %(lane)s: its cards cannot be added or changed for now.":
        "ผู้นำกิจกรรมล็อก %(lane)s แล้ว: ตอนนี้ยังเพิ่มหรือแก้ไขการ์ดในช่องนี้ไม่ได้",
    "Tick the cards to vote on, on the board, then open the vote.":
        "ติ๊กเลือกการ์ดที่จะให้ลงคะแนนบนบอร์ด แล้วกดเปิดการลงคะแนน",
    "Unlock": "ปลดล็อก",
    "Unlock %(lane)s": "ปลดล็อก %(lane)s",
}
