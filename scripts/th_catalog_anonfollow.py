"""Thai for follow-me (the facilitator brings everyone to a lane or a card) and anonymous mode."""

TH_ANONFOLLOW = {
    "Anonymous mode is off: authors are shown again.": "ปิดโหมดไม่ระบุชื่อแล้ว: แสดงชื่อผู้เขียนอีกครั้ง",
    "Anonymous mode is on: authors are hidden.": "เปิดโหมดไม่ระบุชื่อแล้ว: ซ่อนชื่อผู้เขียน",
    "Anonymous mode is on: participants do not see who wrote what; you still do.":
        "โหมดไม่ระบุชื่อเปิดอยู่: ผู้เข้าร่วมจะไม่เห็นว่าใครเขียนอะไร แต่คุณยังเห็นอยู่",
    "Anonymous mode is on: the timeline does not show who did what.":
        "โหมดไม่ระบุชื่อเปิดอยู่: ลำดับเหตุการณ์จะไม่แสดงว่าใครทำอะไร",
    "Anonymous mode: nobody sees who wrote what, except the facilitators.":
        "โหมดไม่ระบุชื่อ: ไม่มีใครเห็นว่าใครเขียนอะไร ยกเว้นผู้นำกิจกรรม",
    "Back to facilitator": "กลับไปหาผู้นำกิจกรรม",
    "Bring everyone here": "พาทุกคนมาที่นี่",
    "Bring everyone to": "พาทุกคนไปที่",
    "Bring everyone to a lane or to a card, not both.": "พาทุกคนไปที่ช่องหรือการ์ดอย่างใดอย่างหนึ่ง ไม่ใช่ทั้งสองอย่าง",
    "Everyone follows you to %(target)s.": "ทุกคนกำลังตามคุณไปที่%(target)s",
    "Follow the facilitator": "ตามผู้นำกิจกรรม",
    "Following the facilitator: %(target)s.": "กำลังตามผู้นำกิจกรรม: %(target)s",
    "On a card, the F key brings everyone to it.": "เมื่ออยู่บนการ์ด กดปุ่ม F เพื่อพาทุกคนมาที่การ์ดนั้น",
    "People here: %(count)s": "ผู้ที่อยู่บนบอร์ดตอนนี้: %(count)s คน",
    "Stop following": "เลิกตาม",
    "Stop leading": "เลิกนำ",
    "The card “%(title)s”": "การ์ด “%(title)s”",
    "The facilitator brought everyone to %(target)s.": "ผู้นำกิจกรรมพาทุกคนไปที่%(target)s",
    "The facilitator is at %(target)s.": "ผู้นำกิจกรรมอยู่ที่%(target)s",
    "The facilitator moved on to %(target)s. Choose “Back to facilitator” to follow.":
        "ผู้นำกิจกรรมไปที่%(target)sแล้ว เลือก “กลับไปหาผู้นำกิจกรรม” เพื่อตามไป",
    "The facilitator stopped leading: look around freely.": "ผู้นำกิจกรรมเลิกนำแล้ว: ดูส่วนอื่นได้ตามสบาย",
    "The lane %(lane)s": "ช่อง %(lane)s",
    "Turn anonymous mode off": "ปิดโหมดไม่ระบุชื่อ",
    "Turn anonymous mode off? Everyone will see again who wrote each card and comment, including what was written "
    "while it was on.": "ปิดโหมดไม่ระบุชื่อหรือไม่? ทุกคนจะเห็นอีกครั้งว่าใครเขียนการ์ดและความคิดเห็นแต่ละรายการ "
                       "รวมถึงสิ่งที่เขียนระหว่างที่โหมดนี้เปิดอยู่",
    "Turn anonymous mode on": "เปิดโหมดไม่ระบุชื่อ",
    "You": "คุณ",
    "You stopped following the facilitator.": "คุณเลิกตามผู้นำกิจกรรมแล้ว",
    "the card “%(title)s” in %(lane)s": "การ์ด “%(title)s” ในช่อง %(lane)s",
    "the lane %(lane)s": "ช่อง %(lane)s",
}
