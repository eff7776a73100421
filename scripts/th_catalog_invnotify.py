"""Thai for "Invitations for you", declining an invitation, and the invitation's bell; merged by th_catalog.py."""

TH_INVNOTIFY = {
    "A former member of the project": "อดีตสมาชิกของโครงการ",
    "Accept and join": "ตอบรับและเข้าร่วม",
    "An invitation to a project always comes by e-mail whatever you choose here, because the mail is the "
    "invitation; it also shows under the bell, and it is not mailed a second time.":
        "คำเชิญเข้าร่วมโครงการจะส่งทางอีเมลเสมอไม่ว่าคุณเลือกแบบใดไว้ที่นี่ เพราะอีเมลนั้นคือคำเชิญ "
        "คำเชิญจะแสดงใต้กระดิ่งด้วย และจะไม่ส่งทางอีเมลซ้ำอีก",
    "Decline": "ปฏิเสธ",
    "Declined on %(date)s": "ปฏิเสธเมื่อ %(date)s",
    "Invitations for you": "คำเชิญถึงคุณ",
    "Invitations for you (%(count)d)": "คำเชิญถึงคุณ (%(count)d)",
    "Invited by": "ผู้เชิญ",
    "It can no longer be accepted here.": "ไม่สามารถตอบรับคำเชิญนี้ได้อีกแล้ว",
    "Mentions, comments on your cards and replies to you, news of prototypes you follow, decisions on your "
    "affiliation, and invitations to projects.":
        "การกล่าวถึงคุณ ความคิดเห็นในการ์ดของคุณและคำตอบถึงคุณ ความคืบหน้าของต้นแบบที่คุณติดตาม "
        "ผลการยืนยันสังกัดของคุณ และคำเชิญเข้าร่วมโครงการ",
    "No invitations are waiting for you.": "ไม่มีคำเชิญที่รอคุณตอบรับ",
    "Open until": "ตอบรับได้ถึง",
    "Projects that invited you by your e-mail address %(email)s. Accept to join with the role shown, or decline "
    "to let the facilitators know.":
        "โครงการที่เชิญคุณทางอีเมล %(email)s ตอบรับเพื่อเข้าร่วมในบทบาทที่แสดงไว้ "
        "หรือปฏิเสธเพื่อแจ้งให้ผู้อำนวยความสะดวกทราบ",
    "Someone declined an invitation to the project as %(role)s":
        "มีผู้ปฏิเสธคำเชิญเข้าร่วมโครงการในบทบาท%(role)s",
    "Take off the list": "นำออกจากรายการ",
    "Take off the list: the declined invitation to %(email)s": "นำออกจากรายการ: คำเชิญถึง %(email)s ที่ถูกปฏิเสธ",
    "The declined invitation is off the list.": "นำคำเชิญที่ถูกปฏิเสธออกจากรายการแล้ว",
    "The person declined this invitation. Invite them again if they should still join.":
        "ผู้รับปฏิเสธคำเชิญนี้แล้ว หากยังควรให้เข้าร่วม ให้ส่งคำเชิญใหม่",
    "This invitation is not for your e-mail address, or it no longer exists.":
        "คำเชิญนี้ไม่ได้ส่งถึงอีเมลของคุณ หรือไม่มีอยู่แล้ว",
    "This invitation was declined.": "คำเชิญนี้ถูกปฏิเสธแล้ว",
    "You declined the invitation to %(title)s.": "คุณปฏิเสธคำเชิญเข้าร่วม %(title)s แล้ว",
}
