"""Thai for verified affiliations: claims, organisation admins, e-mail domains."""

TH_AFFILIATIONS = {
    "%(name)s is now a verified member.": "%(name)s เป็นสมาชิกที่ยืนยันแล้ว",
    "%(name)s no longer belongs to the organisation.": "%(name)s ไม่ได้สังกัดองค์กรนี้แล้ว",
    "%(name)s now manages the organisation's members.": "%(name)s ดูแลสมาชิกขององค์กรนี้แล้ว",
    "A person whose confirmed address is at one of these domains (or a subdomain) is verified at once. "
    "Free-mail providers cannot be registered.":
        "ผู้ที่ยืนยันอีเมลในโดเมนเหล่านี้ (หรือโดเมนย่อย) จะได้รับการยืนยันสังกัดทันที ลงทะเบียนโดเมนอีเมลฟรีไม่ได้",
    "Account since": "เป็นสมาชิกตั้งแต่",
    "Add domain": "เพิ่มโดเมน",
    "Affiliation claims": "คำขอยืนยันสังกัด",
    "Affiliations": "การยืนยันสังกัด",
    "Another reason (see the note).": "เหตุผลอื่น (ดูหมายเหตุ)",
    "Anyone can get an address at %(domain)s, so it cannot verify members.":
        "ใคร ๆ ก็สมัครอีเมลที่ %(domain)s ได้ จึงใช้ยืนยันสมาชิกไม่ได้",
    "Appoint admin": "แต่งตั้งผู้ดูแล",
    "Approve": "อนุมัติ",
    "Choose a reason for refusing.": "โปรดเลือกเหตุผลที่ปฏิเสธ",
    "Choosing another organisation starts a new claim, which its admins approve again.":
        "หากเลือกองค์กรอื่น จะเป็นคำขอใหม่ที่ผู้ดูแลขององค์กรนั้นต้องอนุมัติอีกครั้ง",
    "Confirmed addresses at %(domain)s are now verified members.":
        "ผู้ที่ยืนยันอีเมลที่ %(domain)s แล้วเป็นสมาชิกที่ยืนยันแล้ว",
    "E-mail address": "อีเมล",
    "E-mail domain": "โดเมนอีเมล",
    "E-mail domains": "โดเมนอีเมล",
    "End admin role": "สิ้นสุดบทบาทผู้ดูแล",
    "Enter a domain such as dga.or.th.": "โปรดระบุโดเมน เช่น dga.or.th",
    "Managed organisation": "องค์กรที่มีผู้ดูแล",
    "Members and domains": "สมาชิกและโดเมน",
    "No claims are waiting.": "ไม่มีคำขอที่รออยู่",
    "No domains yet.": "ยังไม่มีโดเมน",
    "No such claim.": "ไม่พบคำขอนี้",
    "No such domain.": "ไม่พบโดเมนนี้",
    "No verified members yet.": "ยังไม่มีสมาชิกที่ยืนยันแล้ว",
    "Note to the person (optional)": "หมายเหตุถึงผู้ขอ (ไม่บังคับ)",
    "Only this organisation's admins can do this.": "เฉพาะผู้ดูแลขององค์กรนี้เท่านั้นที่ทำได้",
    "Organisation admin": "ผู้ดูแลองค์กร",
    "Organisation admins": "ผู้ดูแลองค์กร",
    "Organisation admins approve or refuse claims and remove members. Appointing someone verifies their affiliation.":
        "ผู้ดูแลองค์กรอนุมัติหรือปฏิเสธคำขอและนำสมาชิกออกได้ การแต่งตั้งผู้ใดจะยืนยันสังกัดของผู้นั้นด้วย",
    "Organisations you manage:": "องค์กรที่คุณดูแล:",
    "People who say they belong to an organisation you manage. Until you approve them they show as unverified "
    "and cannot open projects under its name.":
        "ผู้ที่แจ้งว่าสังกัดองค์กรที่คุณดูแล จนกว่าคุณจะอนุมัติ จะแสดงว่ายังไม่ยืนยัน และเปิดโครงการในนามองค์กรไม่ได้",
    "Reason": "เหตุผล",
    "Refuse the claim": "ปฏิเสธคำขอ",
    "Refuse…": "ปฏิเสธ…",
    "Remove from the organisation": "นำออกจากองค์กร",
    "Say why in the note when the reason is \"other\".": "เมื่อเลือกเหตุผล \"อื่น ๆ\" โปรดอธิบายในหมายเหตุ",
    "The admin role ended.": "สิ้นสุดบทบาทผู้ดูแลแล้ว",
    "The claim of %(name)s was refused.": "ปฏิเสธคำขอของ %(name)s แล้ว",
    "The domain was removed.": "ลบโดเมนแล้ว",
    "This affiliation is already verified.": "สังกัดนี้ได้รับการยืนยันแล้ว",
    "This affiliation is already verified: remove the member instead.":
        "สังกัดนี้ได้รับการยืนยันแล้ว หากต้องการ ให้นำสมาชิกออกแทน",
    "This domain is already registered to an organisation.": "โดเมนนี้ลงทะเบียนกับองค์กรหนึ่งแล้ว",
    "This person belongs to another organisation or unit.": "ผู้นี้สังกัดองค์กรหรือหน่วยงานอื่น",
    "This person belongs to another organisation.": "ผู้นี้สังกัดองค์กรอื่น",
    "This person does not work for the organisation.": "ผู้นี้ไม่ได้ทำงานให้องค์กรนี้",
    "This person is not an admin of the organisation.": "ผู้นี้ไม่ใช่ผู้ดูแลขององค์กรนี้",
    "Unverified": "ยังไม่ยืนยัน",
    "Verified": "ยืนยันแล้ว",
    "Verified members": "สมาชิกที่ยืนยันแล้ว",
    "Verified on": "ยืนยันเมื่อ",
    "Waiting for approval": "รออนุมัติ",
    "We could not confirm this person's role.": "เราไม่สามารถยืนยันบทบาทของผู้นี้ได้",
    "You can put a project under an organisation only once your affiliation with it is verified.":
        "คุณจะเปิดโครงการในนามองค์กรได้เมื่อสังกัดของคุณกับองค์กรนั้นได้รับการยืนยันแล้วเท่านั้น",
    "You speak for %(org)s: you can open projects under its name.":
        "คุณเป็นตัวแทนของ %(org)s และเปิดโครงการในนามองค์กรนี้ได้",
    "Your affiliation with %(org)s waits for its admins to approve it. Until then you appear as unverified "
    "and cannot open projects under its name.":
        "สังกัดของคุณกับ %(org)s รอผู้ดูแลอนุมัติ ระหว่างนี้คุณจะแสดงว่ายังไม่ยืนยัน และเปิดโครงการในนามองค์กรนี้ไม่ได้",
}
