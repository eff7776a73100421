"""Thai for the strings of the hardening work (sessions, tokens, accounts, input errors); merged by th_catalog.py."""

TH_HARDENING = {
    "%(browser)s on %(system)s": "%(browser)s บน %(system)s",
    "%(name)s can no longer sign in.": "%(name)s เข้าสู่ระบบไม่ได้อีกต่อไป",
    "%(name)s can sign in again.": "%(name)s เข้าสู่ระบบได้อีกครั้ง",
    "%(name)s has the wrong format.": "%(name)s มีรูปแบบไม่ถูกต้อง",
    "%(name)s is not valid.": "%(name)s ไม่ถูกต้อง",
    "%(name)s is out of range.": "%(name)s อยู่นอกช่วงที่รับได้",
    "%(name)s must be a list.": "%(name)s ต้องเป็นรายการ",
    "%(name)s must be a whole number written with the digits 0-9.": "%(name)s ต้องเป็นจำนวนเต็มที่เขียนด้วยเลข 0-9",
    "%(name)s must be a whole number.": "%(name)s ต้องเป็นจำนวนเต็ม",
    "%(name)s must be an object.": "%(name)s ต้องเป็นออบเจกต์",
    "%(name)s must be between %(low)d and %(high)d.": "%(name)s ต้องอยู่ระหว่าง %(low)d ถึง %(high)d",
    "%(name)s must be empty (null).": "%(name)s ต้องว่าง (null)",
    "%(name)s must be text.": "%(name)s ต้องเป็นข้อความ",
    "%(name)s must be true or false.": "%(name)s ต้องเป็น true หรือ false",
    "Accounts": "บัญชีผู้ใช้",
    "After the change, every other browser signed in to your account is signed out, and every personal API "
    "token stops working.":
        "หลังเปลี่ยนรหัสผ่าน เบราว์เซอร์อื่นทุกเครื่องที่เข้าสู่ระบบด้วยบัญชีของคุณจะถูกออกจากระบบ "
        "และโทเค็น API ส่วนตัวทุกอันจะใช้ไม่ได้อีก",
    "This text change depends on changes the server has not received. Open the card again to continue.":
        "การแก้ไขข้อความนี้ต้องอาศัยการแก้ไขก่อนหน้าที่เซิร์ฟเวอร์ยังไม่ได้รับ กรุณาเปิดการ์ดอีกครั้งเพื่อทำต่อ",
    "Change password": "เปลี่ยนรหัสผ่าน",
    "Create token": "สร้างโทเค็น",
    "Created %(date)s": "สร้างเมื่อ %(date)s",
    "Current password": "รหัสผ่านปัจจุบัน",
    "Disable": "ระงับ",
    "Disabled": "ถูกระงับ",
    "Enable": "เปิดใช้",
    "Expired": "หมดอายุแล้ว",
    "Expires": "วันหมดอายุ",
    "In 30 days": "ใน 30 วัน",
    "In 90 days": "ใน 90 วัน",
    "In a year": "ในหนึ่งปี",
    "Name (what the token is for)": "ชื่อ (ใช้โทเค็นนี้ทำอะไร)",
    "Never": "ไม่หมดอายุ",
    "New password (at least 8 characters)": "รหัสผ่านใหม่ (อย่างน้อย 8 ตัวอักษร)",
    "No account matches.": "ไม่พบบัญชีที่ตรงกัน",
    "No account uses this e-mail address.": "ไม่มีบัญชีที่ใช้อีเมลนี้",
    "No such token.": "ไม่พบโทเค็นนี้",
    "Personal API tokens": "โทเค็น API ส่วนตัว",
    "Revoke": "เพิกถอน",
    "Scripts use a token to read and change your boards as you (Authorization: Bearer …). Revoke a token you no longer use.":
        "สคริปต์ใช้โทเค็นเพื่ออ่านและแก้ไขบอร์ดในนามของคุณ (Authorization: Bearer …) "
        "เพิกถอนโทเค็นที่ไม่ได้ใช้แล้ว",
    "Search": "ค้นหา",
    "Search by name or e-mail": "ค้นหาด้วยชื่อหรืออีเมล",
    "Sign out everywhere else": "ออกจากระบบในที่อื่นทั้งหมด",
    "Signed in %(date)s from %(ip)s · last active %(seen)s":
        "เข้าสู่ระบบเมื่อ %(date)s จาก %(ip)s · ใช้งานล่าสุด %(seen)s",
    "Site admin": "ผู้ดูแลระบบ",
    "Thank you. If this e-mail address was new to GovLab, your account is ready: sign in with it below. "
    "If the address already had an account, sign in with that account's password.":
        "ขอบคุณ หากอีเมลนี้ยังไม่เคยใช้กับ GovLab บัญชีของคุณพร้อมใช้แล้ว เข้าสู่ระบบด้านล่างได้เลย "
        "หากอีเมลนี้มีบัญชีอยู่แล้ว กรุณาเข้าสู่ระบบด้วยรหัสผ่านของบัญชีนั้น",
    "That browser has been signed out.": "ออกจากระบบในเบราว์เซอร์นั้นแล้ว",
    "The JSON body is nested too deeply (at most %(max)d levels).": "JSON ซ้อนกันลึกเกินไป (ไม่เกิน %(max)d ชั้น)",
    "The current password is not right.": "รหัสผ่านปัจจุบันไม่ถูกต้อง",
    "The password cannot be only spaces.": "รหัสผ่านจะเป็นช่องว่างอย่างเดียวไม่ได้",
    "The project_id does not match the address.": "project_id ไม่ตรงกับที่อยู่ของคำขอ",
    "The token has been revoked.": "เพิกถอนโทเค็นแล้ว",
    "This browser": "เบราว์เซอร์นี้",
    "This field must be a single line of text.": "ช่องนี้ต้องเป็นข้อความบรรทัดเดียว",
    "This password is too easy to guess (it is common, or close to your name or e-mail). "
    "Try a longer phrase of a few unrelated words.":
        "รหัสผ่านนี้เดาง่ายเกินไป (เป็นรหัสที่ใช้กันทั่วไป หรือคล้ายชื่อหรืออีเมลของคุณ) "
        "ลองใช้วลีที่ยาวขึ้นจากคำที่ไม่เกี่ยวข้องกันหลายคำ",
    "This session has already ended.": "เซสชันนี้สิ้นสุดไปแล้ว",
    "This text contains control characters (such as NUL), which are not allowed.":
        "ข้อความนี้มีอักขระควบคุม (เช่น NUL) ซึ่งไม่อนุญาต",
    "Unknown browser": "เบราว์เซอร์ที่ไม่รู้จัก",
    "Unknown event.": "ไม่รู้จักเหตุการณ์นี้",
    "Unnamed token": "โทเค็นไม่มีชื่อ",
    "Where you are signed in": "ที่ที่คุณเข้าสู่ระบบอยู่",
    "You cannot disable your own account.": "คุณระงับบัญชีของตัวเองไม่ได้",
    "You have no tokens.": "คุณยังไม่มีโทเค็น",
    "You were signed out everywhere else (%(count)d).": "ออกจากระบบในที่อื่นทั้งหมดแล้ว (%(count)d แห่ง)",
    "Your new token. Copy it now: it will not be shown again.": "โทเค็นใหม่ของคุณ คัดลอกเก็บไว้ตอนนี้ ระบบจะไม่แสดงอีก",
    "Your password has been changed. You were signed out everywhere else (%(count)d).":
        "เปลี่ยนรหัสผ่านแล้ว และออกจากระบบในที่อื่นทั้งหมดแล้ว (%(count)d แห่ง)",
    "expires %(date)s": "หมดอายุ %(date)s",
    "last used %(date)s": "ใช้ล่าสุด %(date)s",
    "never expires": "ไม่หมดอายุ",
    "never used": "ยังไม่เคยใช้",
}
