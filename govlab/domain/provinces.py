"""Thailand's 77 provinces (76 changwat and Bangkok): a stable code, the Thai and the English name.

Codes are the ISO 3166-2:TH subdivision numbers, so they survive renamings of the English spelling.
"""
from __future__ import annotations

from typing import NamedTuple


class Province(NamedTuple):
    """One province: ISO 3166-2:TH code (without the "TH-"), Thai name, English name."""

    code: str
    name_th: str
    name_en: str


PROVINCES: tuple[Province, ...] = (
    Province("10", "กรุงเทพมหานคร", "Bangkok"),
    Province("11", "สมุทรปราการ", "Samut Prakan"),
    Province("12", "นนทบุรี", "Nonthaburi"),
    Province("13", "ปทุมธานี", "Pathum Thani"),
    Province("14", "พระนครศรีอยุธยา", "Phra Nakhon Si Ayutthaya"),
    Province("15", "อ่างทอง", "Ang Thong"),
    Province("16", "ลพบุรี", "Lopburi"),
    Province("17", "สิงห์บุรี", "Sing Buri"),
    Province("18", "ชัยนาท", "Chai Nat"),
    Province("19", "สระบุรี", "Saraburi"),
    Province("20", "ชลบุรี", "Chonburi"),
    Province("21", "ระยอง", "Rayong"),
    Province("22", "จันทบุรี", "Chanthaburi"),
    Province("23", "ตราด", "Trat"),
    Province("24", "ฉะเชิงเทรา", "Chachoengsao"),
    Province("25", "ปราจีนบุรี", "Prachinburi"),
    Province("26", "นครนายก", "Nakhon Nayok"),
    Province("27", "สระแก้ว", "Sa Kaeo"),
    Province("30", "นครราชสีมา", "Nakhon Ratchasima"),
    Province("31", "บุรีรัมย์", "Buriram"),
    Province("32", "สุรินทร์", "Surin"),
    Province("33", "ศรีสะเกษ", "Sisaket"),
    Province("34", "อุบลราชธานี", "Ubon Ratchathani"),
    Province("35", "ยโสธร", "Yasothon"),
    Province("36", "ชัยภูมิ", "Chaiyaphum"),
    Province("37", "อำนาจเจริญ", "Amnat Charoen"),
    Province("38", "บึงกาฬ", "Bueng Kan"),
    Province("39", "หนองบัวลำภู", "Nong Bua Lamphu"),
    Province("40", "ขอนแก่น", "Khon Kaen"),
    Province("41", "อุดรธานี", "Udon Thani"),
    Province("42", "เลย", "Loei"),
    Province("43", "หนองคาย", "Nong Khai"),
    Province("44", "มหาสารคาม", "Maha Sarakham"),
    Province("45", "ร้อยเอ็ด", "Roi Et"),
    Province("46", "กาฬสินธุ์", "Kalasin"),
    Province("47", "สกลนคร", "Sakon Nakhon"),
    Province("48", "นครพนม", "Nakhon Phanom"),
    Province("49", "มุกดาหาร", "Mukdahan"),
    Province("50", "เชียงใหม่", "Chiang Mai"),
    Province("51", "ลำพูน", "Lamphun"),
    Province("52", "ลำปาง", "Lampang"),
    Province("53", "อุตรดิตถ์", "Uttaradit"),
    Province("54", "แพร่", "Phrae"),
    Province("55", "น่าน", "Nan"),
    Province("56", "พะเยา", "Phayao"),
    Province("57", "เชียงราย", "Chiang Rai"),
    Province("58", "แม่ฮ่องสอน", "Mae Hong Son"),
    Province("60", "นครสวรรค์", "Nakhon Sawan"),
    Province("61", "อุทัยธานี", "Uthai Thani"),
    Province("62", "กำแพงเพชร", "Kamphaeng Phet"),
    Province("63", "ตาก", "Tak"),
    Province("64", "สุโขทัย", "Sukhothai"),
    Province("65", "พิษณุโลก", "Phitsanulok"),
    Province("66", "พิจิตร", "Phichit"),
    Province("67", "เพชรบูรณ์", "Phetchabun"),
    Province("70", "ราชบุรี", "Ratchaburi"),
    Province("71", "กาญจนบุรี", "Kanchanaburi"),
    Province("72", "สุพรรณบุรี", "Suphan Buri"),
    Province("73", "นครปฐม", "Nakhon Pathom"),
    Province("74", "สมุทรสาคร", "Samut Sakhon"),
    Province("75", "สมุทรสงคราม", "Samut Songkhram"),
    Province("76", "เพชรบุรี", "Phetchaburi"),
    Province("77", "ประจวบคีรีขันธ์", "Prachuap Khiri Khan"),
    Province("80", "นครศรีธรรมราช", "Nakhon Si Thammarat"),
    Province("81", "กระบี่", "Krabi"),
    Province("82", "พังงา", "Phang Nga"),
    Province("83", "ภูเก็ต", "Phuket"),
    Province("84", "สุราษฎร์ธานี", "Surat Thani"),
    Province("85", "ระนอง", "Ranong"),
    Province("86", "ชุมพร", "Chumphon"),
    Province("90", "สงขลา", "Songkhla"),
    Province("91", "สตูล", "Satun"),
    Province("92", "ตรัง", "Trang"),
    Province("93", "พัทลุง", "Phatthalung"),
    Province("94", "ปัตตานี", "Pattani"),
    Province("95", "ยะลา", "Yala"),
    Province("96", "นราธิวาส", "Narathiwat"),
)
BY_CODE: dict[str, Province] = {province.code: province for province in PROVINCES}
CODES: tuple[str, ...] = tuple(BY_CODE)


def name(code: str | None, locale: str) -> str:
    """The province's name in the locale (Thai for "th", else English); "" for an unknown code."""
    province = BY_CODE.get(code or "")
    if province is None:
        return ""
    return province.name_th if locale == "th" else province.name_en


def choices(locale: str) -> list[tuple[str, str]]:
    """(code, name) pairs sorted by the name as read in the locale."""
    return sorted(((p.code, name(p.code, locale)) for p in PROVINCES), key=lambda pair: pair[1])
