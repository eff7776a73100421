"""Thai for the timeline's sentences about citizens' contributions and the public challenge page."""

TH_TIMELINE = {
    "%(actor)s changed the public challenge page": "%(actor)s แก้ไขหน้าโจทย์สาธารณะ",
    "%(actor)s changed whether “%(title)s” shows on the public page": "%(actor)s เปลี่ยนการแสดง “%(title)s” บนหน้าสาธารณะ",
    "A citizen sent a contribution": "ประชาชนส่งความเห็นเข้ามาหนึ่งรายการ",
    "Someone supported a citizen's idea": "มีผู้สนับสนุนไอเดียของประชาชน",
    "Someone reported a citizen's contribution": "มีผู้แจ้งรายงานความเห็นของประชาชน",
    "%(actor)s published a citizen's contribution": "%(actor)s เผยแพร่ความเห็นของประชาชน",
    "%(actor)s turned a citizen's contribution into a card": "%(actor)s นำความเห็นของประชาชนขึ้นเป็นการ์ดบนบอร์ด",
    "%(actor)s merged a citizen's contribution into another": "%(actor)s รวมความเห็นของประชาชนเข้ากับรายการอื่น",
    "%(actor)s declined a citizen's contribution": "%(actor)s ไม่รับความเห็นของประชาชน",
    "%(actor)s recorded what became of a citizen's contribution": "%(actor)s บันทึกผลลัพธ์ของความเห็นของประชาชน",
    "The public status of a citizen's contribution changed": "สถานะสาธารณะของความเห็นของประชาชนเปลี่ยนไป",
    "A citizen's personal data was erased at their request": "ลบข้อมูลส่วนบุคคลของประชาชนตามคำขอแล้ว",
    "%(actor)s planned a workshop": "%(actor)s วางแผนเวิร์กช็อป",
    "%(actor)s ran or changed the workshop": "%(actor)s ดำเนินหรือปรับเวิร์กช็อป",
    "%(actor)s revealed the cards of the silent brainstorm": "%(actor)s เปิดเผยการ์ดจากการระดมความคิดแบบเงียบ",
    "%(actor)s added or removed a hidden card in the silent brainstorm":
        "%(actor)s เพิ่มหรือลบการ์ดที่ซ่อนอยู่ในการระดมความคิดแบบเงียบ",
    "%(actor)s opened a dot vote": "%(actor)s เปิดการโหวตด้วยจุด",
    "%(actor)s voted": "%(actor)s โหวตแล้ว",
    "%(actor)s closed the dot vote": "%(actor)s ปิดการโหวตด้วยจุด",
    "%(actor)s locked or unlocked the board": "%(actor)s ล็อกหรือปลดล็อกบอร์ด",
}
