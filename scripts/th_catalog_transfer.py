"""Thai for open export and import: the project file's errors, the CSV downloads and the export buttons."""

TH_TRANSFER = {
    "This file is not a GovLab project export (it must be a JSON object).":
        "ไฟล์นี้ไม่ใช่ไฟล์ส่งออกโครงการของ GovLab (ต้องเป็นออบเจ็กต์ JSON)",
    "This file is not a GovLab project export (no \"format\": \"%(format)s\").":
        "ไฟล์นี้ไม่ใช่ไฟล์ส่งออกโครงการของ GovLab (ไม่มี \"format\": \"%(format)s\")",
    "This file was made by a newer GovLab (format %(found)s); this one reads up to %(format)s. "
    "Update GovLab to import it.":
        "ไฟล์นี้สร้างจาก GovLab รุ่นใหม่กว่า (รูปแบบ %(found)s) ระบบนี้อ่านได้ถึง %(format)s "
        "โปรดอัปเดต GovLab ก่อนนำเข้า",
    "This file's format %(found)s is not one GovLab can read.": "GovLab อ่านไฟล์รูปแบบ %(found)s ไม่ได้",
    "The event log must be complete: event %(index)d must have seq %(seq)d.":
        "บันทึกเหตุการณ์ต้องครบถ้วน: เหตุการณ์ที่ %(index)d ต้องมีลำดับ (seq) %(seq)d",
    "%(name)s has too many items (at most %(max)d).": "%(name)s มีรายการมากเกินไป (ไม่เกิน %(max)d รายการ)",
    "%(name)s lists the same card twice.": "%(name)s ระบุการ์ดใบเดียวกันซ้ำสองครั้ง",
    "%(name)s refers to card %(id)d, which is not in the file.": "%(name)s อ้างถึงการ์ด %(id)d ซึ่งไม่มีอยู่ในไฟล์",
    "%(name)s: the id %(id)d is used twice.": "%(name)s: รหัส %(id)d ถูกใช้ซ้ำสองครั้ง",
    "The file is too large (at most %(max)d MB).": "ไฟล์ใหญ่เกินไป (ไม่เกิน %(max)d MB)",
    "The file is not valid JSON.": "ไฟล์นี้ไม่ใช่ JSON ที่ถูกต้อง",
    "Whole project (JSON)": "ทั้งโครงการ (JSON)",
    "Cards (CSV)": "การ์ด (CSV)",
    "Prototypes (CSV)": "ต้นแบบ (CSV)",
    "Tests (CSV)": "การทดสอบ (CSV)",
    "Decisions (CSV)": "การตัดสินใจ (CSV)",
    "Open data": "ข้อมูลเปิด",
    "Download this project for a spreadsheet or for another GovLab. CSV files open in Excel with Thai intact.":
        "ดาวน์โหลดโครงการนี้ไปใช้ในสเปรดชีตหรือใน GovLab อื่น ไฟล์ CSV เปิดใน Excel ได้โดยภาษาไทยไม่เพี้ยน",
    "As a facilitator, your files also list deleted cards, marked as deleted.":
        "ในฐานะผู้อำนวยความสะดวก ไฟล์ของคุณจะมีการ์ดที่ถูกลบด้วย โดยระบุว่าถูกลบแล้ว",
}
