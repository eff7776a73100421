"""Thai for the strings of workshop guests and join codes; merged by th_catalog.py."""

TH_GUESTS = {
    "%(actor)s made a join code for workshop guests": "%(actor)s สร้างรหัสเข้าร่วมสำหรับแขกของเวิร์กช็อป",
    "%(actor)s withdrew a join code; its guests can no longer take part":
        "%(actor)s ถอนรหัสเข้าร่วม แขกที่ใช้รหัสนั้นจะร่วมต่อไม่ได้",
    "%(member)s joined the workshop with a code, as a guest (%(role)s)":
        "%(member)s เข้าร่วมเวิร์กช็อปด้วยรหัส ในฐานะแขก (%(role)s)",
    "A code has %(count)d characters.": "รหัสมี %(count)d ตัวอักษร",
    "A code uses only the letters A to Z and the digits 2 to 9.":
        "รหัสใช้เฉพาะตัวอักษรภาษาอังกฤษ A ถึง Z และตัวเลข 2 ถึง 9",
    "A guest account can only take part in its workshop's project.":
        "บัญชีแขกใช้ได้เฉพาะในโครงการของเวิร์กช็อปที่เข้าร่วมเท่านั้น",
    "A workshop guest can be a member or an observer, not a facilitator. Invite them with their e-mail address "
    "instead.":
        "แขกของเวิร์กช็อปเป็นได้เพียงสมาชิกหรือผู้สังเกตการณ์ ไม่ใช่ผู้อำนวยความสะดวก "
        "หากต้องการ ให้เชิญด้วยอีเมลของเขาแทน",
    "Anyone with the code joins this project as a guest with a name, organisation and sector — no account or "
    "e-mail needed. Their access ends when the code expires or you withdraw it.":
        "ใครก็ตามที่มีรหัสจะเข้าร่วมโครงการนี้ในฐานะแขกได้ด้วยชื่อ หน่วยงาน และภาคส่วน โดยไม่ต้องมีบัญชีหรืออีเมล "
        "สิทธิ์ของแขกจะสิ้นสุดเมื่อรหัสหมดอายุหรือเมื่อคุณถอนรหัสออก",
    "By default a code lasts from the workshop’s start (or now) for the length of its agenda, plus "
    "%(minutes)s minutes.":
        "โดยปกติรหัสจะใช้ได้ตั้งแต่เวิร์กช็อปเริ่ม (หรือตั้งแต่ตอนนี้) ตลอดความยาวของกำหนดการ และต่อไปอีก "
        "%(minutes)s นาที",
    "Choose a sector from the list.": "กรุณาเลือกภาคส่วนจากรายการ",
    "Choose one from the list or type its name.": "เลือกจากรายการ หรือพิมพ์ชื่อหน่วยงาน",
    "Choose…": "เลือก…",
    "Citizen or no organisation": "ประชาชน หรือไม่สังกัดหน่วยงาน",
    "Code": "รหัส",
    "Code %(code)s": "รหัส %(code)s",
    "Codes": "รหัสทั้งหมด",
    "Codes have no 0, 1, I or O. Check the code on the screen and try again.":
        "รหัสไม่มีเลข 0, 1 และตัว I หรือ O กรุณาตรวจดูรหัสบนจออีกครั้งแล้วลองใหม่",
    "Continue": "ต่อไป",
    "Could not make a new code. Please try again.": "สร้างรหัสใหม่ไม่สำเร็จ กรุณาลองอีกครั้ง",
    "Go to %(address)s and type:": "ไปที่ %(address)s แล้วพิมพ์รหัส:",
    "Guest": "แขก",
    "Guest access ended on %(date)s": "สิทธิ์แขกสิ้นสุดเมื่อ %(date)s",
    "Guest until %(date)s": "เป็นแขกถึง %(date)s",
    "Guests join as": "แขกเข้าร่วมในบทบาท",
    "Guests join by code": "แขกเข้าร่วมด้วยรหัส",
    "In 1 hour": "ใน 1 ชั่วโมง",
    "In 3 hours": "ใน 3 ชั่วโมง",
    "In a day": "ใน 1 วัน",
    "In a week": "ใน 1 สัปดาห์",
    "Join %(title)s": "เข้าร่วม %(title)s",
    "Join a workshop": "เข้าร่วมเวิร์กช็อป",
    "Join at %(address)s with the code": "เข้าร่วมที่ %(address)s ด้วยรหัส",
    "Join the workshop": "เข้าร่วมเวิร์กช็อป",
    "Join this workshop": "เข้าร่วมเวิร์กช็อปนี้",
    "Joined": "เข้าร่วมแล้ว",
    "Joining here ends your guest place in the other workshop on this device.":
        "การเข้าร่วมที่นี่จะสิ้นสุดการเป็นแขกในเวิร์กช็อปอื่นบนอุปกรณ์นี้",
    "Let guests join a workshop with a code": "ให้แขกเข้าร่วมเวิร์กช็อปด้วยรหัส",
    "Live until %(date)s": "ใช้ได้ถึง %(date)s",
    "Make a join code": "สร้างรหัสเข้าร่วม",
    "Make the code": "สร้างรหัส",
    "No account is needed: you take part as a guest of this one workshop, until it ends.":
        "ไม่ต้องมีบัญชี: คุณเข้าร่วมในฐานะแขกของเวิร์กช็อปนี้เท่านั้น จนกว่าเวิร์กช็อปจะจบ",
    "No codes yet.": "ยังไม่มีรหัส",
    "No such code.": "ไม่พบรหัสนี้",
    "Organisation (optional)": "หน่วยงาน (ไม่บังคับ)",
    "Plan a workshop on the board first: a code lets guests into one workshop.":
        "วางแผนเวิร์กช็อปบนบอร์ดก่อน: รหัสหนึ่งรหัสใช้เข้าร่วมได้หนึ่งเวิร์กช็อป",
    "QR code as PNG": "คิวอาร์โค้ดแบบ PNG",
    "QR code as SVG": "คิวอาร์โค้ดแบบ SVG",
    "QR code that opens the page to join this workshop": "คิวอาร์โค้ดที่เปิดหน้าเข้าร่วมเวิร์กช็อปนี้",
    "QR code that opens the page to join with the code %(code)s":
        "คิวอาร์โค้ดที่เปิดหน้าเข้าร่วมด้วยรหัส %(code)s",
    "The code %(code)s is ready.": "รหัส %(code)s พร้อมใช้แล้ว",
    "The code %(code)s was withdrawn; its guests can no longer take part.":
        "ถอนรหัส %(code)s แล้ว แขกที่เข้าร่วมด้วยรหัสนี้จะร่วมต่อไม่ได้",
    "The code expires": "รหัสหมดอายุ",
    "The code is made of English letters and digits. Switch the keyboard to English and type it again.":
        "รหัสประกอบด้วยตัวอักษรภาษาอังกฤษและตัวเลข กรุณาเปลี่ยนแป้นพิมพ์เป็นภาษาอังกฤษแล้วพิมพ์อีกครั้ง",
    "The organisation must be text.": "ชื่อหน่วยงานต้องเป็นข้อความ",
    "The organisation's name is too long (at most %(max)d characters).":
        "ชื่อหน่วยงานยาวเกินไป (ไม่เกิน %(max)d ตัวอักษร)",
    "The workshop board": "บอร์ดของเวิร์กช็อป",
    "There is no workshop with this code. Check the code on the screen and try again.":
        "ไม่มีเวิร์กช็อปที่ใช้รหัสนี้ กรุณาตรวจดูรหัสบนจออีกครั้งแล้วลองใหม่",
    "This code has been used as often as it may be. Ask the facilitator for a new one.":
        "รหัสนี้ถูกใช้ครบจำนวนแล้ว กรุณาขอรหัสใหม่จากผู้อำนวยความสะดวก",
    "This code has expired. Ask the facilitator for a new one.":
        "รหัสนี้หมดอายุแล้ว กรุณาขอรหัสใหม่จากผู้อำนวยความสะดวก",
    "This code was withdrawn by the facilitator. Ask them for a new one.":
        "ผู้อำนวยความสะดวกถอนรหัสนี้แล้ว กรุณาขอรหัสใหม่",
    "This project has %(count)d live codes already. Withdraw one first.":
        "โครงการนี้มีรหัสที่ใช้ได้อยู่ %(count)d รหัสแล้ว กรุณาถอนรหัสหนึ่งออกก่อน",
    "This project is archived and takes no new guests.": "โครงการนี้ถูกเก็บถาวรแล้ว และไม่รับแขกใหม่",
    "This project is archived. Reopen it before letting guests in.":
        "โครงการนี้ถูกเก็บถาวรแล้ว กรุณาเปิดโครงการอีกครั้งก่อนให้แขกเข้าร่วม",
    "Type the code shown on the screen, or scan its QR code with your phone’s camera.":
        "พิมพ์รหัสที่แสดงบนจอ หรือสแกนคิวอาร์โค้ดด้วยกล้องโทรศัพท์",
    "Type the code shown on the screen.": "กรุณาพิมพ์รหัสที่แสดงบนจอ",
    "Welcome, %(name)s. You joined as a guest.": "ยินดีต้อนรับ %(name)s คุณเข้าร่วมในฐานะแขกแล้ว",
    "When the workshop ends, plus the grace period": "เมื่อเวิร์กช็อปจบ บวกเวลาเผื่อ",
    "Withdraw the code %(code)s": "ถอนออก รหัส %(code)s",  # holds the button's visible "Withdraw" (ถอนออก)
    "Withdrawn on %(date)s": "ถอนออกเมื่อ %(date)s",
    "Works until %(until)s. Guests join as %(role)s.": "ใช้ได้ถึง %(until)s แขกเข้าร่วมในบทบาท%(role)s",
    "Workshop code": "รหัสเวิร์กช็อป",
    "Workshop code %(code)s": "รหัสเวิร์กช็อป %(code)s",
    "You are signed in with your own account. Ask the facilitator to add you to the project, or sign out to join "
    "as a guest.":
        "คุณเข้าสู่ระบบด้วยบัญชีของคุณเองอยู่ ขอให้ผู้อำนวยความสะดวกเพิ่มคุณเข้าโครงการ "
        "หรือออกจากระบบเพื่อเข้าร่วมในฐานะแขก",
    "You take part as a guest (%(role)s) in this project only, until %(until)s.":
        "คุณเข้าร่วมในฐานะแขก (%(role)s) เฉพาะในโครงการนี้ จนถึง %(until)s",
    "Your time as a guest of this workshop has ended.": "เวลาการเป็นแขกของเวิร์กช็อปนี้สิ้นสุดแล้ว",
    "%(actor)s gave a join code more time; its guests keep taking part":
        "%(actor)s ขยายเวลาของรหัสเข้าร่วม แขกที่ใช้รหัสนั้นร่วมต่อได้",
    "15 minutes more": "อีก 15 นาที",
    "30 minutes more": "อีก 30 นาที",
    "1 hour more": "อีก 1 ชั่วโมง",
    "2 hours more": "อีก 2 ชั่วโมง",
    "A code can work for at most %(days)d days from now.": "รหัสใช้ได้นานที่สุด %(days)d วันนับจากตอนนี้",
    "Extend": "ขยายเวลา",
    "Extend the code %(code)s": "ขยายเวลารหัส %(code)s",
    "More time for the code %(code)s": "เวลาที่เพิ่มให้รหัส %(code)s",
    "The code %(code)s now works until %(until)s; its guests keep taking part.":
        "รหัส %(code)s ใช้ได้ถึง %(until)s แล้ว แขกที่ใช้รหัสนั้นร่วมต่อได้",
    "This code no longer works. Make a new one for the guests.": "รหัสนี้ใช้ไม่ได้แล้ว กรุณาสร้างรหัสใหม่ให้แขก",
}
