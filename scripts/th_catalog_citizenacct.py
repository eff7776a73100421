"""Thai for citizens' accounts ("My contributions", claiming earlier contributions) and the board's card search;
merged by th_catalog.py."""

TH_CITIZENACCT = {
    "(no title)": "(ไม่มีชื่อ)",
    "Add them to my account": "เพิ่มเข้าบัญชีของฉัน",
    "Add your earlier contributions": "เพิ่มความเห็นที่คุณเคยส่งไว้",
    "Added to your account: %(count)d contribution(s).": "เพิ่มเข้าบัญชีของคุณแล้ว: %(count)d ความเห็น",
    "All your data": "ข้อมูลทั้งหมดของคุณ",
    "Already have an account?": "มีบัญชีอยู่แล้วใช่ไหม",
    "An account is optional. It keeps your e-mail address, your name, your password (only in scrambled form) and "
    "your sign-ins, for as long as you have the account. Contributions you send while signed in are linked to it; "
    "those you sent before with the same address are linked only when you open the link we mail to that address.":
        "บัญชีเป็นทางเลือก บัญชีเก็บอีเมล ชื่อ รหัสผ่าน (เก็บเฉพาะในรูปที่เข้ารหัสแล้ว) และประวัติการเข้าสู่ระบบของคุณ "
        "ตราบเท่าที่คุณยังมีบัญชี ความเห็นที่ส่งขณะเข้าสู่ระบบจะผูกกับบัญชี ส่วนความเห็นที่เคยส่งไว้ก่อนด้วยอีเมลเดียวกัน "
        "จะผูกกับบัญชีก็ต่อเมื่อคุณเปิดลิงก์ที่เราส่งไปยังอีเมลนั้นเท่านั้น",
    "An account is optional: you can send ideas and experiences without one. With an account, everything you send "
    "is in one place, “My contributions”, with what became of it, and you support each idea once.":
        "บัญชีเป็นทางเลือก คุณส่งความคิดและประสบการณ์ได้โดยไม่ต้องมีบัญชี หากมีบัญชี ทุกอย่างที่คุณส่งจะอยู่รวมกันที่ "
        "“ความเห็นของฉัน” พร้อมบอกว่าเกิดอะไรขึ้นกับความเห็นนั้น และคุณสนับสนุนแต่ละความคิดได้ครั้งเดียว",
    "Cards found: %(count)d": "พบการ์ด: %(count)d ใบ",
    "Contributions sent with %(email)s can be added here. We send a link to that address; they are added only "
    "when you open it.":
        "ความเห็นที่เคยส่งด้วยอีเมล %(email)s เพิ่มไว้ที่นี่ได้ เราจะส่งลิงก์ไปที่อีเมลนั้น "
        "และจะเพิ่มให้ก็ต่อเมื่อคุณเปิดลิงก์เท่านั้น",
    "Create a citizen account": "สร้างบัญชีประชาชน",
    "Create my account": "สร้างบัญชีของฉัน",
    "Download everything (JSON)": "ดาวน์โหลดข้อมูลทั้งหมด (JSON)",
    "Erase all my contributions": "ลบความเห็นทั้งหมดของฉัน",
    "Erased: %(count)d contribution(s).": "ลบแล้ว: %(count)d ความเห็น",
    "History": "ประวัติ",
    "I want to erase all my contributions: names, contacts and texts. This cannot be undone.":
        "ฉันต้องการลบความเห็นทั้งหมดของฉัน ทั้งชื่อ ช่องทางติดต่อ และข้อความ ซึ่งย้อนกลับไม่ได้",
    "If you did not ask for this, ignore this mail: nothing changes without the link.":
        "หากคุณไม่ได้ขอ โปรดเพิกเฉยต่ออีเมลนี้ หากไม่เปิดลิงก์ จะไม่มีอะไรเปลี่ยนแปลง",
    "My contributions": "ความเห็นของฉัน",
    "No account needed. If you like, create one to follow everything you send in one place.":
        "ไม่ต้องมีบัญชีก็ร่วมได้ หากต้องการ สร้างบัญชีเพื่อติดตามทุกอย่างที่คุณส่งได้ในที่เดียว",
    "No card matches “%(query)s”. Try a shorter word, or part of one.":
        "ไม่พบการ์ดที่ตรงกับ “%(query)s” ลองใช้คำที่สั้นลง หรือเพียงบางส่วนของคำ",
    "On “My contributions” you see them all with what became of them, download everything as a file (JSON), and "
    "erase one contribution or all of them, exactly as with a private link. To close the account itself, ask the "
    "site’s administrators.":
        "ที่หน้า “ความเห็นของฉัน” คุณเห็นความเห็นทั้งหมดพร้อมผลที่เกิดขึ้น ดาวน์โหลดข้อมูลทั้งหมดเป็นไฟล์ (JSON) "
        "และลบความเห็นทีละรายการหรือทั้งหมดได้ เช่นเดียวกับลิงก์ส่วนตัว หากต้องการปิดบัญชี โปรดติดต่อผู้ดูแลระบบ",
    "Search cards": "ค้นหาการ์ด",
    "See it in My contributions": "ดูได้ที่ความเห็นของฉัน",
    "Send me the link": "ส่งลิงก์ให้ฉัน",
    "Sent something before you had an account?": "เคยส่งความเห็นก่อนมีบัญชีหรือไม่",
    "Sign in, and ask for a new link on the page “My contributions”.":
        "เข้าสู่ระบบ แล้วขอลิงก์ใหม่ที่หน้า “ความเห็นของฉัน”",
    "Signed in as %(email)s": "เข้าสู่ระบบด้วย %(email)s",
    "The contributions sent with %(email)s before this mail will be added to your account, and listed under “My "
    "contributions”.":
        "ความเห็นที่ส่งด้วยอีเมล %(email)s ก่อนอีเมลฉบับนี้ จะถูกเพิ่มเข้าบัญชีของคุณ และแสดงที่ “ความเห็นของฉัน”",
    "This link was sent to another account. Sign out, then open it again.":
        "ลิงก์นี้ส่งถึงบัญชีอื่น กรุณาออกจากระบบ แล้วเปิดลิงก์อีกครั้ง",
    "Tick the box to confirm that you want to erase all your contributions.":
        "กรุณาติ๊กช่องเพื่อยืนยันว่าต้องการลบความเห็นทั้งหมดของคุณ",
    "Titles and text of the cards on this board, in Thai or English. Deleted cards are not searched.":
        "ค้นจากชื่อและข้อความของการ์ดบนบอร์ดนี้ ได้ทั้งภาษาไทยและภาษาอังกฤษ ไม่รวมการ์ดที่ลบแล้ว",
    "To add them, open this link and press the button:": "หากต้องการเพิ่ม เปิดลิงก์นี้แล้วกดปุ่ม:",
    "Type a word to search for.": "พิมพ์คำที่ต้องการค้นหา",
    "Want to follow everything you send in one place? Create a citizen account: contributions you sent with the "
    "same e-mail address can be added to it.":
        "อยากติดตามทุกอย่างที่ส่งไว้ในที่เดียวไหม สร้างบัญชีประชาชน แล้วเพิ่มความเห็นที่เคยส่งด้วยอีเมลเดียวกันเข้าไปได้",
    "We have sent a mail to %(email)s. If contributions were sent with this address before, the link in it adds "
    "them here.":
        "เราส่งอีเมลไปที่ %(email)s แล้ว หากเคยมีความเห็นที่ส่งด้วยอีเมลนี้ ลิงก์ในอีเมลจะเพิ่มความเห็นเหล่านั้นไว้ที่นี่",
    "We will send you a mail to confirm your address. We keep your e-mail address, name and password (scrambled) "
    "while you have the account.":
        "เราจะส่งอีเมลเพื่อยืนยันที่อยู่อีเมลของคุณ เราเก็บอีเมล ชื่อ และรหัสผ่าน (ในรูปที่เข้ารหัสแล้ว) "
        "ไว้ตราบเท่าที่คุณยังมีบัญชี",
    "With a citizen account": "เมื่อมีบัญชีประชาชน",
    "Words to find": "คำที่ต้องการค้นหา",
    "You are signed in: this contribution goes to “My contributions”. Your name and address are filled in below; "
    "clear them if you prefer. They are never shown on the public page.":
        "คุณเข้าสู่ระบบอยู่ ความเห็นนี้จะอยู่ใน “ความเห็นของฉัน” ชื่อและอีเมลของคุณกรอกไว้ให้แล้วด้านล่าง "
        "ลบออกได้หากไม่ต้องการ ข้อมูลเหล่านี้ไม่แสดงบนหน้าสาธารณะ",
    "You asked to add to your GovLab account the contributions you sent before with this address. We found none "
    "that is not already in an account.":
        "คุณขอให้เพิ่มความเห็นที่เคยส่งด้วยอีเมลนี้เข้าบัญชี GovLab ของคุณ เราไม่พบความเห็นที่ยังไม่อยู่ในบัญชีใด",
    "You asked to add to your GovLab account the contributions you sent before with this address. We found: "
    "%(count)d.":
        "คุณขอให้เพิ่มความเห็นที่เคยส่งด้วยอีเมลนี้เข้าบัญชี GovLab ของคุณ เราพบ: %(count)d ความเห็น",
    "You have not sent anything with this account yet.": "คุณยังไม่ได้ส่งความเห็นใดด้วยบัญชีนี้",
    "You may see your data, download a copy, withdraw your consent and have your data erased, with the private "
    "link you received when you sent your contribution, or on “My contributions” when you have an account. You may "
    "also complain to the Personal Data Protection Committee.":
        "คุณดูข้อมูลของคุณ ดาวน์โหลดสำเนา ถอนความยินยอม และขอให้ลบข้อมูลได้ ด้วยลิงก์ส่วนตัวที่ได้รับเมื่อส่งความเห็น "
        "หรือที่หน้า “ความเห็นของฉัน” เมื่อมีบัญชี และยังร้องเรียนต่อคณะกรรมการคุ้มครองข้อมูลส่วนบุคคลได้",
    "Your contributions: %(link)s": "ความเห็นของคุณ: %(link)s",
    "Your data in it": "ข้อมูลของคุณในความเห็นนี้",
    "Your data in this contribution is erased.": "ลบข้อมูลของคุณในความเห็นนี้แล้ว",
    "Your earlier contributions on GovLab": "ความเห็นที่คุณเคยส่งไว้บน GovLab",
    "Your name is not shown on the public page; it is used in the mail we send you.":
        "ชื่อของคุณไม่แสดงบนหน้าสาธารณะ ใช้เฉพาะในอีเมลที่เราส่งถึงคุณ",
    "Your name, contact and details in this contribution are erased for good.":
        "ชื่อ ช่องทางติดต่อ และรายละเอียดของคุณในความเห็นนี้จะถูกลบอย่างถาวร",
    "Add confirm=all to erase all your contributions: there is no undo.":
        "ใส่ confirm=all เพื่อลบความเห็นทั้งหมดของคุณ การลบนี้ย้อนกลับไม่ได้",
    "Close my account": "ปิดบัญชีของฉัน",
    "Close your account": "ปิดบัญชีของคุณ",
    "Closing your account erases your name, e-mail address and password, and every contribution you sent with it, "
    "as its own erase button does. Every browser and app signed in to it is signed out. This cannot be undone; you "
    "can make a new account with the same address later.":
        "การปิดบัญชีจะลบชื่อ อีเมล และรหัสผ่านของคุณ รวมทั้งความเห็นทุกรายการที่คุณส่งด้วยบัญชีนี้ "
        "เช่นเดียวกับปุ่มลบของแต่ละความเห็น ทุกเบราว์เซอร์และแอปที่เข้าสู่ระบบด้วยบัญชีนี้จะถูกออกจากระบบ "
        "การปิดบัญชีย้อนกลับไม่ได้ แต่คุณสร้างบัญชีใหม่ด้วยอีเมลเดิมได้ในภายหลัง",
    "I understand that my account and all my contributions are erased for good.":
        "ฉันเข้าใจว่าบัญชีและความเห็นทั้งหมดของฉันจะถูกลบอย่างถาวร",
    "Its owner closed this account and its data is erased: it cannot be enabled again.":
        "เจ้าของปิดบัญชีนี้และข้อมูลถูกลบแล้ว จึงเปิดใช้บัญชีนี้อีกไม่ได้",
    "The password is not right.": "รหัสผ่านไม่ถูกต้อง",
    "Tick the box to confirm that you want to close your account.":
        "กรุณาติ๊กช่องเพื่อยืนยันว่าต้องการปิดบัญชีของคุณ",
    "You still take part in projects. Leave them, or ask their facilitators to remove you, then close your account.":
        "คุณยังร่วมอยู่ในโครงการ กรุณาออกจากโครงการ หรือขอให้ผู้อำนวยความสะดวกนำคุณออก แล้วจึงปิดบัญชี",
    "You take part in %(count)d project(s). Leave them, or ask their facilitators to remove you, before you close "
    "your account: your cards and comments belong to their boards.":
        "คุณร่วมอยู่ใน %(count)d โครงการ กรุณาออกจากโครงการ หรือขอให้ผู้อำนวยความสะดวกนำคุณออกก่อนปิดบัญชี "
        "เพราะการ์ดและความคิดเห็นของคุณเป็นส่วนหนึ่งของบอร์ดเหล่านั้น",
    "Your account is closed, and %(count)d contribution(s) were erased with it.":
        "ปิดบัญชีของคุณแล้ว และลบความเห็น %(count)d รายการไปพร้อมกัน",
    "Your password": "รหัสผ่านของคุณ",
    "You are the only administrator of this site. Make someone else an administrator first.":
        "คุณเป็นผู้ดูแลระบบเพียงคนเดียวของเว็บไซต์นี้ กรุณาตั้งผู้อื่นเป็นผู้ดูแลระบบก่อน",
    "Close your account: everything above is erased with it.": "ปิดบัญชีของคุณ: ทุกอย่างข้างบนจะถูกลบไปพร้อมกัน",
}
