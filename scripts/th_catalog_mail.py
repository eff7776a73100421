"""Thai for the strings of the mail work (outbox, confirmation, password reset); merged by th_catalog.py."""

TH_MAIL = {
    "After the change, every other browser and app signed in to your account is signed out.":
        "หลังเปลี่ยนรหัสผ่าน เบราว์เซอร์และแอปอื่นทุกตัวที่เข้าสู่ระบบบัญชีของคุณอยู่จะถูกออกจากระบบ",
    "All": "ทั้งหมด",
    "Ask for a new link": "ขอลิงก์ใหม่",
    "Back to sign-in": "กลับไปหน้าเข้าสู่ระบบ",
    "Check your inbox": "ตรวจสอบกล่องจดหมายของคุณ",
    "Choose a new password": "ตั้งรหัสผ่านใหม่",
    "Confirm my address": "ยืนยันอีเมลของฉัน",
    "Confirm your e-mail address": "ยืนยันอีเมลของคุณ",
    "Confirm your e-mail address for GovLab": "ยืนยันอีเมลของคุณสำหรับ GovLab",
    "Enter the e-mail address of your account. We will send you a link to choose a new password.":
        "กรอกอีเมลของบัญชีของคุณ แล้วเราจะส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปให้",
    "Failed": "ส่งไม่สำเร็จ",
    "Filter by status": "กรองตามสถานะ",
    "Forgot your password?": "ลืมรหัสผ่าน?",
    "GOVLAB_BASE_URL is not set: links in mails use the address of the page that caused them.":
        "ยังไม่ได้ตั้งค่า GOVLAB_BASE_URL ลิงก์ในอีเมลจึงใช้ที่อยู่ของหน้าเว็บที่ทำให้เกิดอีเมลนั้น",
    "Go to sign-in": "ไปหน้าเข้าสู่ระบบ",
    "Hello %(name)s,": "สวัสดีคุณ %(name)s",
    "If a GovLab account uses %(email)s, we have sent a link to it to choose a new password.":
        "หากมีบัญชี GovLab ที่ใช้อีเมล %(email)s เราได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปที่อีเมลนั้นแล้ว",
    "If a GovLab account uses this address, we have sent a link to it to choose a new password.":
        "หากมีบัญชี GovLab ที่ใช้อีเมลนี้ เราได้ส่งลิงก์สำหรับตั้งรหัสผ่านใหม่ไปที่อีเมลนั้นแล้ว",
    "If it was not you, you can ignore this mail: your account and password stay as they are.":
        "หากไม่ใช่คุณ ไม่ต้องทำอะไรกับอีเมลนี้ บัญชีและรหัสผ่านของคุณยังคงเหมือนเดิม",
    "If it was you, sign in here:": "หากเป็นคุณ เข้าสู่ระบบได้ที่นี่:",
    "If the button does not work, copy this link into your browser:":
        "หากกดปุ่มไม่ได้ ให้คัดลอกลิงก์นี้ไปวางในเบราว์เซอร์:",
    "If this address already had a GovLab account, the message says so instead: sign in with that account, "
    "or set a new password.":
        "หากอีเมลนี้มีบัญชี GovLab อยู่แล้ว ข้อความจะแจ้งเรื่องนั้นแทน ให้เข้าสู่ระบบด้วยบัญชีนั้น หรือตั้งรหัสผ่านใหม่",
    "If you did not ask for this, ignore this mail: your password stays as it is.":
        "หากคุณไม่ได้ขอ ไม่ต้องทำอะไรกับอีเมลนี้ รหัสผ่านของคุณยังคงเหมือนเดิม",
    "If you did not register on GovLab, ignore this mail: without this link the account cannot be used.":
        "หากคุณไม่ได้สมัครใช้งาน GovLab ไม่ต้องทำอะไรกับอีเมลนี้ หากไม่เปิดลิงก์นี้ บัญชีจะใช้งานไม่ได้",
    "If you forgot your password, you can choose a new one here:": "หากคุณลืมรหัสผ่าน ตั้งรหัสผ่านใหม่ได้ที่นี่:",
    "If your account still needs confirming, a new link is on its way to your inbox.":
        "หากบัญชีของคุณยังต้องยืนยันอีเมล ลิงก์ใหม่กำลังส่งไปยังกล่องจดหมายของคุณ",
    "Last error": "ข้อผิดพลาดล่าสุด",
    "Next try: %(when)s": "ลองใหม่: %(when)s",
    "No SMTP server is set up (GOVLAB_SMTP_URL), so mails wait here. They are sent once it is set and the "
    "server restarts, or with the command \"govlab mail send\".":
        "ยังไม่ได้ตั้งค่าเซิร์ฟเวอร์ SMTP (GOVLAB_SMTP_URL) อีเมลจึงรออยู่ที่นี่ "
        "และจะถูกส่งเมื่อตั้งค่าแล้วเริ่มเซิร์ฟเวอร์ใหม่ หรือเมื่อใช้คำสั่ง \"govlab mail send\"",
    "No mail.": "ไม่มีอีเมล",
    "No message after a few minutes? Look in your spam or junk folder, and check that the address is "
    "spelled right.":
        "ผ่านไปสักครู่แล้วยังไม่ได้รับข้อความ? ลองดูในโฟลเดอร์สแปมหรือจดหมายขยะ และตรวจว่าพิมพ์อีเมลถูกต้อง",
    "One more step: confirm that this address is yours, and your account is ready.":
        "อีกขั้นเดียว: ยืนยันว่าอีเมลนี้เป็นของคุณ แล้วบัญชีของคุณก็พร้อมใช้งาน",
    "Only a mail that failed can be sent again.": "ส่งซ้ำได้เฉพาะอีเมลที่ส่งไม่สำเร็จ",
    "Outbox": "กล่องอีเมลขาออก",
    "Reset your GovLab password": "ตั้งรหัสผ่าน GovLab ใหม่",
    "Save the new password": "บันทึกรหัสผ่านใหม่",
    "Send again": "ส่งอีกครั้ง",
    "Send me a link": "ส่งลิงก์ให้ฉัน",
    "Send the confirmation mail again": "ส่งอีเมลยืนยันอีกครั้ง",
    "Sent": "ส่งแล้ว",
    "Sign in with your e-mail address and password: if your address still needs confirming, you can ask for "
    "a new link there.":
        "เข้าสู่ระบบด้วยอีเมลและรหัสผ่านของคุณ หากอีเมลยังต้องยืนยัน คุณขอลิงก์ใหม่ได้ที่หน้านั้น",
    "Someone just tried to register a new GovLab account with your e-mail address. This address already "
    "has an account, so nothing was changed.":
        "มีผู้พยายามสมัครบัญชี GovLab ใหม่ด้วยอีเมลของคุณ อีเมลนี้มีบัญชีอยู่แล้ว จึงไม่มีการเปลี่ยนแปลงใด ๆ",
    "Someone tried to register on GovLab with your e-mail address": "มีผู้พยายามสมัคร GovLab ด้วยอีเมลของคุณ",
    "Subject": "เรื่อง",
    "Thank you for registering on GovLab. To start using your account, confirm your e-mail address by "
    "opening this link:":
        "ขอบคุณที่สมัครใช้งาน GovLab กรุณายืนยันอีเมลของคุณโดยเปิดลิงก์นี้ เพื่อเริ่มใช้งานบัญชี:",
    "The SMTP URL is not valid.": "URL ของ SMTP ไม่ถูกต้อง",
    "The link works once, for one hour.": "ลิงก์ใช้ได้ครั้งเดียว ภายในหนึ่งชั่วโมง",
    "The link works once, until %(until)s.": "ลิงก์ใช้ได้ครั้งเดียว จนถึง %(until)s",
    "The mail will be sent again.": "ระบบจะส่งอีเมลนี้อีกครั้ง",
    "This account is disabled; enable it first.": "บัญชีนี้ถูกระงับอยู่ กรุณาเปิดใช้งานก่อน",
    "This link cannot be used": "ใช้ลิงก์นี้ไม่ได้",
    "This link has already been used.": "ลิงก์นี้ถูกใช้ไปแล้ว",
    "This link has expired.": "ลิงก์นี้หมดอายุแล้ว",
    "This link is not valid. Use the whole link from the most recent e-mail.":
        "ลิงก์นี้ไม่ถูกต้อง กรุณาใช้ลิงก์ทั้งหมดจากอีเมลฉบับล่าสุด",
    "This mail was sent automatically by GovLab. Please do not reply to it.":
        "อีเมลนี้ส่งโดยอัตโนมัติจาก GovLab กรุณาอย่าตอบกลับ",
    "To": "ถึง",
    "To finish creating your account, open the link in it within 48 hours.":
        "เปิดลิงก์ในข้อความนั้นภายใน 48 ชั่วโมง เพื่อสร้างบัญชีให้เสร็จ",
    "Tries": "จำนวนครั้งที่ลอง",
    "Waiting": "รอส่ง",
    "We have sent a message to %(email)s.": "เราได้ส่งข้อความไปที่ %(email)s แล้ว",
    "We have sent you a message.": "เราได้ส่งข้อความถึงคุณแล้ว",
    "We received a request to reset the password of your GovLab account. To choose a new password, open "
    "this link:":
        "เราได้รับคำขอตั้งรหัสผ่านใหม่สำหรับบัญชี GovLab ของคุณ เปิดลิงก์นี้เพื่อตั้งรหัสผ่านใหม่:",
    "Written": "เวลาที่สร้าง",
    "Your e-mail address is confirmed. You can sign in now.": "ยืนยันอีเมลเรียบร้อยแล้ว เข้าสู่ระบบได้เลย",
    "Your e-mail address is not confirmed yet. Follow the link in the mail we sent you, or ask for a new one.":
        "อีเมลของคุณยังไม่ได้ยืนยัน กรุณาเปิดลิงก์ในอีเมลที่เราส่งให้ หรือขอลิงก์ใหม่",
    "Your password has been changed, and every other browser and app was signed out.":
        "เปลี่ยนรหัสผ่านแล้ว และเบราว์เซอร์กับแอปอื่นทุกตัวถูกออกจากระบบแล้ว",
}
