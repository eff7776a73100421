"""Thai for comments, @mentions and notifications (the bell, the list, e-mail settings, mails); merged by th_catalog.py."""

TH_COMMENTS = {
    "%(actor)s changed the status of the prototype “%(card)s” in %(project)s to %(status)s.":
        "%(actor)s เปลี่ยนสถานะของต้นแบบ “%(card)s” ในโครงการ %(project)s เป็น %(status)s",
    "%(actor)s commented on your card “%(card)s” in %(project)s.":
        "%(actor)s แสดงความคิดเห็นในการ์ด “%(card)s” ของคุณ ในโครงการ %(project)s",
    "%(actor)s invited you to the project %(project)s as %(role)s.":
        "%(actor)s เชิญคุณเข้าร่วมโครงการ %(project)s ในบทบาท %(role)s",
    "%(actor)s mentioned you on the card “%(card)s” in %(project)s.":
        "%(actor)s กล่าวถึงคุณในการ์ด “%(card)s” ในโครงการ %(project)s",
    "%(actor)s recorded the decision “%(decision)s” on the prototype “%(card)s” in %(project)s.":
        "%(actor)s บันทึกการตัดสินใจ “%(decision)s” สำหรับต้นแบบ “%(card)s” ในโครงการ %(project)s",
    "%(actor)s replied to your comment on the card “%(card)s” in %(project)s.":
        "%(actor)s ตอบความคิดเห็นของคุณในการ์ด “%(card)s” ในโครงการ %(project)s",
    "(edited)": "(แก้ไขแล้ว)",
    "A comment can mention at most %(max)d people.": "ความคิดเห็นหนึ่งกล่าวถึงได้ไม่เกิน %(max)d คน",
    "A facilitator hid this comment: it cannot be edited.": "ผู้อำนวยการกระบวนการซ่อนความคิดเห็นนี้แล้ว จึงแก้ไขไม่ได้",
    "A facilitator hid this comment: only its author and the facilitators see it.":
        "ผู้อำนวยการกระบวนการซ่อนความคิดเห็นนี้แล้ว มีเพียงผู้เขียนและผู้อำนวยการกระบวนการที่เห็น",
    "A reply must be on the same card as the comment it answers.": "คำตอบต้องอยู่ในการ์ดเดียวกับความคิดเห็นที่ตอบ",
    "All notifications are marked read.": "ทำเครื่องหมายว่าอ่านการแจ้งเตือนทั้งหมดแล้ว",
    "All your notifications": "การแจ้งเตือนทั้งหมดของคุณ",
    "All your notifications:": "การแจ้งเตือนทั้งหมดของคุณ:",
    "Cancel the reply": "ยกเลิกการตอบ",
    "Choose a time zone from the list.": "เลือกเขตเวลาจากรายการ",
    "Comment deleted.": "ลบความคิดเห็นแล้ว",
    "Comment hidden by a facilitator.": "ความคิดเห็นนี้ถูกซ่อนโดยผู้อำนวยการกระบวนการ",
    "Comment hidden.": "ซ่อนความคิดเห็นแล้ว",
    "Comment posted.": "โพสต์ความคิดเห็นแล้ว",
    "Comment saved.": "บันทึกความคิดเห็นแล้ว",
    "Comments": "ความคิดเห็น",
    "Comments: %(count)s": "ความคิดเห็น: %(count)s",
    "Delete this comment?": "ลบความคิดเห็นนี้หรือไม่?",
    "E-mail me about notifications": "ส่งอีเมลแจ้งเตือนถึงฉัน",
    "E-mail settings": "ตั้งค่าอีเมล",
    "Each mention must be text of the comment that starts with @.":
        "การกล่าวถึงแต่ละครั้งต้องเป็นข้อความในความคิดเห็นที่ขึ้นต้นด้วย @",
    "Each one at once": "ทันทีทุกครั้ง",
    "Edit your comment": "แก้ไขความคิดเห็นของคุณ",
    "Follow": "ติดตาม",
    "Following": "กำลังติดตาม",
    "GovLab: %(summary)s": "GovLab: %(summary)s",
    "Here is what happened for you on GovLab on %(day)s:": "สิ่งที่เกิดขึ้นเกี่ยวกับคุณบน GovLab เมื่อวันที่ %(day)s:",
    "Hide": "ซ่อน",
    "Mark all read": "ทำเครื่องหมายว่าอ่านทั้งหมด",
    "Members to mention": "สมาชิกที่จะกล่าวถึง",
    "Mentions, comments on your cards and replies to you, news of prototypes you follow, and decisions on your "
    "affiliation.":
        "การกล่าวถึงคุณ ความคิดเห็นในการ์ดของคุณและคำตอบถึงคุณ ความคืบหน้าของต้นแบบที่คุณติดตาม "
        "และผลการยืนยันสังกัดของคุณ",
    "New": "ใหม่",
    "No comments yet.": "ยังไม่มีความคิดเห็น",
    "No e-mail": "ไม่ต้องส่งอีเมล",
    "No member has this name.": "ไม่มีสมาชิกชื่อนี้",
    "No such comment.": "ไม่พบความคิดเห็นนี้",
    "No such notification.": "ไม่พบการแจ้งเตือนนี้",
    "Nothing yet. When someone mentions you or answers you, you will see it here.":
        "ยังไม่มีอะไร เมื่อมีคนกล่าวถึงหรือตอบคุณ คุณจะเห็นที่นี่",
    "Notifications": "การแจ้งเตือน",
    "Notifications (unread: %(count)s)": "การแจ้งเตือน (ยังไม่อ่าน: %(count)s)",
    "Notifications by e-mail": "การแจ้งเตือนทางอีเมล",
    "Observers cannot comment in this project.": "ผู้สังเกตการณ์แสดงความคิดเห็นในโครงการนี้ไม่ได้",
    "Observers may comment on cards": "ผู้สังเกตการณ์แสดงความคิดเห็นในการ์ดได้",
    "One daily digest": "สรุปวันละครั้ง",
    "Only members of this project can comment.": "เฉพาะสมาชิกของโครงการนี้เท่านั้นที่แสดงความคิดเห็นได้",
    "Open it in GovLab": "เปิดใน GovLab",
    "Open it in GovLab:": "เปิดใน GovLab:",
    "Please sign in to comment.": "กรุณาเข้าสู่ระบบเพื่อแสดงความคิดเห็น",
    "Post comment": "โพสต์ความคิดเห็น",
    "Reply": "ตอบ",
    "Replying to %(name)s.": "กำลังตอบ %(name)s",
    "This card belongs to another project.": "การ์ดนี้อยู่ในโครงการอื่น",
    "This comment has been deleted: it cannot be answered.": "ความคิดเห็นนี้ถูกลบแล้ว จึงตอบไม่ได้",
    "This comment is hidden already.": "ความคิดเห็นนี้ถูกซ่อนอยู่แล้ว",
    "This comment was changed meanwhile. Reload and try again.": "ความคิดเห็นนี้เพิ่งถูกแก้ไข กรุณาโหลดใหม่แล้วลองอีกครั้ง",
    "Time zone of the daily digest": "เขตเวลาของสรุปประจำวัน",
    "Type @ and part of a name to mention a member. Ctrl+Enter posts.":
        "พิมพ์ @ ตามด้วยบางส่วนของชื่อเพื่อกล่าวถึงสมาชิก กด Ctrl+Enter เพื่อโพสต์",
    "Write a comment": "เขียนความคิดเห็น",
    "Write something first: the comment is empty.": "กรุณาเขียนข้อความก่อน ความคิดเห็นยังว่างอยู่",
    "You always see your notifications under the bell. Choose whether GovLab also mails them: each one at once, "
    "or one digest each morning with the day before.":
        "คุณเห็นการแจ้งเตือนได้เสมอที่รูปกระดิ่ง เลือกได้ว่าจะให้ GovLab ส่งอีเมลด้วยหรือไม่: ส่งทันทีทุกครั้ง "
        "หรือส่งสรุปของวันก่อนหน้าทุกเช้า",
    "You can only change your own comments.": "คุณแก้ไขหรือลบได้เฉพาะความคิดเห็นของตัวเอง",
    "You follow this card: you will be told of its status changes, decisions and comments.":
        "คุณติดตามการ์ดนี้แล้ว คุณจะได้รับแจ้งเมื่อสถานะเปลี่ยน มีการตัดสินใจ หรือมีความคิดเห็น",
    "You have a new notification.": "คุณมีการแจ้งเตือนใหม่",
    "You no longer follow this card.": "คุณเลิกติดตามการ์ดนี้แล้ว",
    "You receive this daily digest because of your e-mail setting. Change it on your profile page.":
        "คุณได้รับสรุปประจำวันนี้ตามการตั้งค่าอีเมลของคุณ เปลี่ยนได้ที่หน้าโปรไฟล์",
    "You receive this mail because you chose e-mail for each notification. Change it on your profile page.":
        "คุณได้รับอีเมลนี้เพราะเลือกให้ส่งอีเมลทุกครั้งที่มีการแจ้งเตือน เปลี่ยนได้ที่หน้าโปรไฟล์",
    "Your GovLab digest for %(day)s": "สรุป GovLab ของคุณประจำวันที่ %(day)s",
    "Your affiliation with %(organisation)s was not verified. %(reason)s":
        "สังกัด %(organisation)s ของคุณไม่ได้รับการยืนยัน %(reason)s",
    "Your affiliation with %(organisation)s was verified.": "สังกัด %(organisation)s ของคุณได้รับการยืนยันแล้ว",
    "Your notification settings have been saved.": "บันทึกการตั้งค่าการแจ้งเตือนแล้ว",
    "Someone": "บางคน",
}
