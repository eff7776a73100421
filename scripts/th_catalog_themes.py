"""Thai for affinity themes: groups in a lane, the theme picker, suggested themes, summary and timeline."""

TH_THEMES = {
    "%(actor)s grouped cards of %(stage)s into the theme “%(name)s”":
        "%(actor)s จัดกลุ่มการ์ดในขั้น %(stage)s เป็นธีม “%(name)s”",
    "%(actor)s put “%(title)s” in the theme “%(name)s”": "%(actor)s จัด “%(title)s” เข้าธีม “%(name)s”",
    "%(actor)s removed the theme “%(name)s” from %(stage)s; its cards stay in the lane":
        "%(actor)s ลบธีม “%(name)s” ออกจากขั้น %(stage)s การ์ดในธีมยังอยู่ในขั้นเดิม",
    "%(actor)s renamed a theme of %(stage)s to “%(name)s”": "%(actor)s เปลี่ยนชื่อธีมในขั้น %(stage)s เป็น “%(name)s”",
    "%(actor)s took “%(title)s” out of its theme": "%(actor)s นำ “%(title)s” ออกจากธีม",
    "%(count)s cards": "%(count)s การ์ด",
    "%(count)s suggestions from %(cards)s ungrouped cards.":
        "ข้อเสนอ %(count)s กลุ่ม จากการ์ดที่ยังไม่อยู่ในธีม %(cards)s ใบ",
    "%(name)s must name a theme of the file in the card's lane.":
        "%(name)s ต้องอ้างถึงธีมในไฟล์ที่อยู่ในขั้นเดียวกับการ์ด",
    "A lane can have at most %(max)d themes.": "แต่ละขั้นมีธีมได้ไม่เกิน %(max)d ธีม",
    "A theme can hold at most %(max)d cards.": "แต่ละธีมมีการ์ดได้ไม่เกิน %(max)d ใบ",
    "Accept": "รับข้อเสนอ",
    "Cards of a lane that share words, grouped for you. Accept a suggestion as it is, rename it first, or "
    "dismiss it. Cards already in a theme are left out.":
        "ระบบจัดกลุ่มการ์ดในขั้นที่ใช้คำเดียวกันไว้ให้ คุณรับข้อเสนอได้ทันที เปลี่ยนชื่อก่อนรับ หรือปัดทิ้งก็ได้ "
        "การ์ดที่อยู่ในธีมแล้วจะไม่ถูกนำมาจัดกลุ่ม",
    "Cards: %(count)s": "การ์ด: %(count)s ใบ",
    "Close": "ปิด",
    "Delete the theme “%(name)s”": "ลบธีม “%(name)s”",
    "Delete the theme “%(name)s”? Its cards stay in the lane.": "ลบธีม “%(name)s” หรือไม่ การ์ดในธีมจะยังอยู่ในขั้นเดิม",
    "Dismiss": "ปัดทิ้ง",
    "Find a theme, or type a new theme's name": "ค้นหาธีม หรือพิมพ์ชื่อธีมใหม่",
    "Its theme now": "ธีมปัจจุบัน",
    "Looking for shared words…": "กำลังหาคำที่การ์ดใช้ร่วมกัน…",
    "Move to theme…": "จัดเข้าธีม…",
    "New name": "ชื่อใหม่",
    "New theme “%(name)s”": "ธีมใหม่ “%(name)s”",
    "No cards were grouped into themes in this workshop.": "เวิร์กช็อปนี้ยังไม่มีการจัดกลุ่มการ์ดเป็นธีม",
    "No such theme.": "ไม่พบธีมนี้",
    "No suggestions: the ungrouped cards of this lane share too few words.":
        "ไม่มีข้อเสนอ: การ์ดที่ยังไม่อยู่ในธีมของขั้นนี้ใช้คำร่วมกันน้อยเกินไป",
    "No theme (take the card out of its theme)": "ไม่อยู่ในธีม (นำการ์ดออกจากธีม)",
    "Not in a theme": "ยังไม่อยู่ในธีม",
    "Only the first %(count)s ungrouped cards of the lane were read.":
        "ระบบอ่านเฉพาะการ์ดที่ยังไม่อยู่ในธีม %(count)s ใบแรกของขั้นนี้",
    "Put in this theme": "จัดเข้าธีมนี้",
    "Put “%(title)s” in a theme": "จัด “%(title)s” เข้าธีม",
    "Rename": "เปลี่ยนชื่อ",
    "Rename the theme “%(name)s”": "เปลี่ยนชื่อธีม “%(name)s”",
    "Shared words: %(words)s": "คำที่ใช้ร่วมกัน: %(words)s",
    "Some of these cards are not in this lane.": "การ์ดบางใบไม่ได้อยู่ในขั้นนี้",
    "Suggest": "เสนอธีม",
    "Suggest themes": "เสนอธีมให้",
    "Suggested themes": "ธีมที่ระบบเสนอ",
    "Suggestions were asked for too often. Wait a minute and try again.":
        "ขอข้อเสนอธีมถี่เกินไป กรุณารอหนึ่งนาทีแล้วลองใหม่",
    "T puts the focused card in a theme of its lane.": "ปุ่ม T จัดการ์ดที่เลือกอยู่เข้าธีมในขั้นเดียวกัน",
    "The name must be text.": "ชื่อต้องเป็นข้อความ",
    "The theme needs a name.": "กรุณาตั้งชื่อธีม",
    "Theme %(name)s, %(count)s cards": "ธีม %(name)s มี %(count)s การ์ด",
    "Theme name": "ชื่อธีม",
    "Theme renamed to “%(name)s”.": "เปลี่ยนชื่อธีมเป็น “%(name)s” แล้ว",
    "Theme “%(name)s” created with %(count)s cards.": "สร้างธีม “%(name)s” พร้อมการ์ด %(count)s ใบแล้ว",
    "Theme “%(name)s” created.": "สร้างธีม “%(name)s” แล้ว",
    "Theme “%(name)s” deleted; its cards stay in the lane.": "ลบธีม “%(name)s” แล้ว การ์ดในธีมยังอยู่ในขั้นเดิม",
    "Themes": "ธีม",
    "Themes of this lane": "ธีมในขั้นนี้",
    "This lane has no themes yet: type a name to make one.": "ขั้นนี้ยังไม่มีธีม พิมพ์ชื่อเพื่อสร้างธีมใหม่",
    "This theme is in another lane. Move the card to that lane first.":
        "ธีมนี้อยู่ในขั้นอื่น กรุณาย้ายการ์ดไปที่ขั้นนั้นก่อน",
    "and %(count)s more": "และอีก %(count)s ใบ",
    "“%(title)s” is no longer in a theme.": "“%(title)s” ไม่อยู่ในธีมแล้ว",
    "“%(title)s” is now in the theme “%(name)s”.": "“%(title)s” อยู่ในธีม “%(name)s” แล้ว",
}
