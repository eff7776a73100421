"""Thai for the strings of invitations (and the trust findings' fixes); merged by th_catalog.py."""

TH_INVITE = {
    "%(actor)s invited someone to the project as %(role)s": "%(actor)s เชิญผู้หนึ่งเข้าร่วมโครงการในบทบาท%(role)s",
    "%(actor)s sent an invitation again": "%(actor)s ส่งคำเชิญอีกครั้ง",
    "%(actor)s withdrew an invitation": "%(actor)s ถอนคำเชิญ",
    "%(inviter)s invites you to take part in the project “%(title)s” on GovLab as %(role)s.":
        "%(inviter)s เชิญคุณเข้าร่วมโครงการ “%(title)s” บน GovLab ในบทบาท%(role)s",
    "%(member)s accepted an invitation and joined the project as %(role)s":
        "%(member)s ตอบรับคำเชิญและเข้าร่วมโครงการในบทบาท%(role)s",
    "%(name)s invites you to take part as %(role)s.": "%(name)s เชิญคุณเข้าร่วมในบทบาท%(role)s",
    "A prototype can be owned only by an organisation that a verified member of the project belongs to.":
        "ต้นแบบจะมีหน่วยงานเจ้าของได้เฉพาะหน่วยงานที่มีสมาชิกของโครงการซึ่งได้รับการยืนยันสังกัดแล้ว",
    "Accept and join the project": "ตอบรับและเข้าร่วมโครงการ",
    "An account already uses this e-mail address. Sign in to accept the invitation.":
        "อีเมลนี้มีบัญชีอยู่แล้ว กรุณาเข้าสู่ระบบเพื่อตอบรับคำเชิญ",
    "An invitation to this address is already waiting. Send it again or withdraw it from the list of invitations.":
        "มีคำเชิญถึงอีเมลนี้รอการตอบรับอยู่แล้ว ส่งอีกครั้งหรือถอนออกได้จากรายการคำเชิญ",
    "Ask the person who invited you to send a new invitation.": "ขอให้ผู้ที่เชิญคุณส่งคำเชิญใหม่",
    "Create my account and join": "สร้างบัญชีและเข้าร่วม",
    "Create your account to join": "สร้างบัญชีของคุณเพื่อเข้าร่วม",
    "Expired on %(date)s": "หมดอายุเมื่อ %(date)s",
    "Hello,": "สวัสดีค่ะ/ครับ",
    "If you accepted it, sign in to find the project under My projects.":
        "หากคุณตอบรับแล้ว เข้าสู่ระบบเพื่อดูโครงการในหน้า โครงการของฉัน",
    "If you do not know this project or did not expect this mail, ignore it: nothing happens without the link.":
        "หากคุณไม่รู้จักโครงการนี้หรือไม่ได้คาดว่าจะได้รับอีเมลนี้ ไม่ต้องดำเนินการใด ๆ หากไม่เปิดลิงก์จะไม่มีอะไรเกิดขึ้น",
    "Invitation": "คำเชิญ",
    "Invitation sent again.": "ส่งคำเชิญอีกครั้งแล้ว",
    "Invitation sent to %(email)s.": "ส่งคำเชิญถึง %(email)s แล้ว",
    "Invitation to %(title)s": "คำเชิญเข้าร่วม %(title)s",
    "Invitation withdrawn.": "ถอนคำเชิญแล้ว",
    "Invitations waiting for an answer": "คำเชิญที่รอการตอบรับ",
    "Invite anyone by e-mail, from any organisation. They get a link and join with the role you choose once they "
    "accept; someone without an account creates it from the link.":
        "เชิญใครก็ได้ทางอีเมล จากหน่วยงานใดก็ได้ ผู้ได้รับเชิญจะได้รับลิงก์และเข้าร่วมในบทบาทที่คุณเลือกเมื่อตอบรับ "
        "ผู้ที่ยังไม่มีบัญชีสร้างบัญชีได้จากลิงก์นั้น",
    "Invite someone": "เชิญผู้เข้าร่วม",
    "Mails sent: %(count)d, the last on %(date)s": "ส่งอีเมลแล้ว %(count)d ครั้ง ครั้งล่าสุดเมื่อ %(date)s",
    "No invitations are waiting.": "ไม่มีคำเชิญที่รอการตอบรับ",
    "No such invitation.": "ไม่พบคำเชิญนี้",
    "Only a waiting or expired invitation can be sent again.": "ส่งอีกครั้งได้เฉพาะคำเชิญที่รอการตอบรับหรือหมดอายุแล้ว",
    "Only the system can record a change in someone else's name.": "เฉพาะระบบเท่านั้นที่บันทึกการเปลี่ยนแปลงในนามผู้อื่นได้",
    "See the invitation": "ดูคำเชิญ",
    "Send invitation": "ส่งคำเชิญ",
    "Send again the invitation to %(email)s": "ส่งอีกครั้ง คำเชิญถึง %(email)s",  # holds the button's visible "Send again"
    "Sign in to accept": "เข้าสู่ระบบเพื่อตอบรับ",
    "Sign in with this e-mail address to accept.": "เข้าสู่ระบบด้วยอีเมลนี้เพื่อตอบรับคำเชิญ",
    "The invitation is for %(email)s and works until %(until)s.":
        "คำเชิญนี้สำหรับ %(email)s และใช้ได้ถึง %(until)s",
    "The invitation was sent a moment ago. You can send it again in %(minutes)d minutes.":
        "เพิ่งส่งคำเชิญไปเมื่อครู่ คุณส่งอีกครั้งได้ในอีก %(minutes)d นาที",
    "This invitation cannot be used": "ใช้คำเชิญนี้ไม่ได้",
    "This invitation has already been accepted.": "คำเชิญนี้ได้รับการตอบรับแล้ว",
    "This invitation has already been accepted. Remove the member instead.":
        "คำเชิญนี้ได้รับการตอบรับแล้ว หากต้องการ ให้นำสมาชิกออกจากโครงการแทน",
    "This invitation has been sent %(count)d times already. Withdraw it and invite the person again if they still "
    "need it.": "ส่งคำเชิญนี้ไปแล้ว %(count)d ครั้ง หากยังต้องการ ให้ถอนคำเชิญออกแล้วเชิญใหม่",
    "This invitation has expired.": "คำเชิญนี้หมดอายุแล้ว",
    "This invitation link is not valid. Use the whole link from the most recent invitation mail.":
        "ลิงก์คำเชิญนี้ไม่ถูกต้อง กรุณาใช้ลิงก์ทั้งหมดจากอีเมลคำเชิญฉบับล่าสุด",
    "This invitation was sent to another e-mail address than the one you are signed in with. Sign out, then open "
    "the link again.": "คำเชิญนี้ส่งถึงอีเมลอื่น ไม่ใช่อีเมลที่คุณใช้เข้าสู่ระบบอยู่ กรุณาออกจากระบบแล้วเปิดลิงก์อีกครั้ง",
    "This invitation was withdrawn by the project's facilitators.": "ผู้อำนวยความสะดวกของโครงการถอนคำเชิญนี้แล้ว",
    "This person is already a member of the project. Change their role in the list instead.":
        "บุคคลนี้เป็นสมาชิกของโครงการอยู่แล้ว เปลี่ยนบทบาทได้จากรายชื่อสมาชิก",
    "This project has %(count)d invitations waiting. Withdraw some before inviting more people.":
        "โครงการนี้มีคำเชิญรอการตอบรับ %(count)d รายการ กรุณาถอนบางรายการออกก่อนเชิญเพิ่ม",
    "This project is archived. Reopen it before inviting people.": "โครงการนี้ถูกเก็บถาวร กรุณาเปิดใหม่ก่อนเชิญผู้เข้าร่วม",
    "To accept, open this link. If you have no GovLab account yet, you can create one there with this e-mail "
    "address.": "เปิดลิงก์นี้เพื่อตอบรับ หากยังไม่มีบัญชี GovLab คุณสร้างบัญชีด้วยอีเมลนี้ได้ที่หน้านั้น",
    "Waiting until %(date)s": "รอการตอบรับถึง %(date)s",
    "Welcome to the project. You joined as %(role)s.": "ยินดีต้อนรับสู่โครงการ คุณเข้าร่วมในบทบาท%(role)s",
    "Withdraw the invitation to %(email)s": "ถอนออก คำเชิญถึง %(email)s",  # holds the button's visible "Withdraw" (ถอนออก)
    "You are invited to a project on GovLab": "คุณได้รับเชิญเข้าร่วมโครงการบน GovLab",
    "You are invited to take part as %(role)s.": "คุณได้รับเชิญให้เข้าร่วมในบทบาท%(role)s",
    "You are signed in with another e-mail address. To accept, sign out and open the link again, or ask the "
    "facilitator to invite the address you use.":
        "คุณเข้าสู่ระบบด้วยอีเมลอื่นอยู่ หากต้องการตอบรับ ให้ออกจากระบบแล้วเปิดลิงก์อีกครั้ง "
        "หรือขอให้ผู้อำนวยความสะดวกเชิญอีเมลที่คุณใช้",
    "You have sent %(count)d invitations in the last 24 hours. Please try again later.":
        "คุณส่งคำเชิญไปแล้ว %(count)d รายการใน 24 ชั่วโมงที่ผ่านมา กรุณาลองใหม่ภายหลัง",
    "Your account is ready and you joined the project.": "บัญชีของคุณพร้อมใช้งาน และคุณเข้าร่วมโครงการแล้ว",
    "Your e-mail address is confirmed by this link; choose your name and a password.":
        "ลิงก์นี้ยืนยันอีเมลของคุณแล้ว กรุณาตั้งชื่อและรหัสผ่าน",
}
