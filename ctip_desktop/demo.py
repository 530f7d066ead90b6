"""Fictional demo profiles: thousands of plausible organisations to try the app out on.

Every organisation, person and news outlet here is invented: names are put together from
made-up parts (a motif such as "Golden Lotus", a sector word, a legal form), never taken from
a real company. Web addresses and emails use the reserved example.org and example.com domains,
and the UK, US and Australian phone numbers sit in the ranges kept for drama.

The data is deterministic: a seed gives the same names and field values every time (only the
record ids and timestamps, which the change log makes, differ). Interviews with the
organisations come from ``demo_interviews``.
"""

from __future__ import annotations

import random
import unicodedata
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TypeVar

from ctip_desktop.demo_interviews import (
    INTERVIEWS_PER_ORGANISATION,
    DemoContact,
    DemoOrganisation,
    interview_count,
    plan_interviews,
    write_interviews,
)
from ctip_desktop.profiles.model import VOCABULARY, Contact, Headline, Organisation
from ctip_desktop.storage.changelog import Transaction
from ctip_desktop.storage.entities import CONTACT, HEADLINE, ORGANISATION
from ctip_desktop.workspace import Workspace

BATCH_SIZE = 200
CONTACTS_PER_ORGANISATION = 3
HEADLINES_PER_ORGANISATION = 5

FIRST_DAY = date(2019, 1, 1)
LAST_HEADLINE_DAY = date(2025, 12, 31)
LAST_DAY = date(2026, 12, 31)

T = TypeVar("T")

# Scripts of the local names: Thai, Khmer, Burmese, Vietnamese, Chinese (simplified and
# traditional). Latin-only countries have "".
TH, KM, MY, VI, HANS, HANT = "th", "km", "my", "vi", "hans", "hant"

Pair = tuple[str, str]  # (Latin or English, local script or "")


# ----- countries -------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Country:
    name: str
    weight: int
    adjective: str
    language: str
    script: str
    motifs: tuple[Pair, ...]
    forms: tuple[str, ...]
    cities: tuple[Pair, ...]
    given: tuple[Pair, ...]
    family: tuple[Pair, ...]
    phones: tuple[str, ...]
    strong: tuple[str, ...] = ()
    # Where its migrant workers come from (a destination), or "" for a country of origin.
    origins: tuple[str, ...] = ()
    family_first: bool = False
    chat: str = "WhatsApp"
    # Full names with their honorific (Myanmar has no family names): used instead of given+family.
    people: tuple[Pair, ...] = ()
    legal_prefix: str = ""


SEAFOOD = "Fishing and seafood"
AQUACULTURE = "Aquaculture"
AGRICULTURE = "Agriculture"
SUGAR = "Sugar"
PALM_OIL = "Palm oil"
CONSTRUCTION = "Construction"
DOMESTIC = "Domestic work"
HOSPITALITY = "Hospitality"
GARMENT = "Garment, apparel and footwear"
ELECTRONICS = "Electronics"
MEDICAL = "Medical supplies"
COMPONENTS = "Manufacturing components"
METALS = "Metals and minerals"
RECRUITMENT = "Recruitment and labour supply"
LOGISTICS = "Logistics and transport"
RETAIL = "Retail"
FOOD = "Food and beverage"
FINANCE = "Financial services"

_COUNTRIES: tuple[_Country, ...] = (
    _Country(
        name="Thailand",
        weight=14,
        adjective="Thai",
        language="Thai",
        script=TH,
        motifs=(
            ("Golden Lotus", "บัวทอง"),
            ("Golden Sea", "ทะเลทอง"),
            ("Siam Star", "ดาวสยาม"),
            ("Andaman Pearl", "ไข่มุกอันดามัน"),
            ("Rising Sun", "ตะวันรุ่ง"),
            ("Lanna Orchid", "กล้วยไม้ล้านนา"),
            ("Chao Phraya", "เจ้าพระยา"),
            ("Mahachai", "มหาชัย"),
            ("Silver Star", "ดาวเงิน"),
            ("Songkhla Bay", "อ่าวสงขลา"),
            ("Rungrueang", "รุ่งเรือง"),
            ("Emerald", "มรกต"),
            ("Sukjai", "สุขใจ"),
            ("Fah Sai", "ฟ้าใส"),
            ("Nam Thong", "น้ำทอง"),
            ("Saeng Arun", "แสงอรุณ"),
        ),
        forms=("Co., Ltd.", "Co., Ltd.", "Co., Ltd.", "Public Co., Ltd."),
        cities=(
            ("Samut Sakhon", "สมุทรสาคร"),
            ("Songkhla", "สงขลา"),
            ("Bangkok", "กรุงเทพฯ"),
            ("Chonburi", "ชลบุรี"),
            ("Rayong", "ระยอง"),
            ("Ranong", "ระนอง"),
            ("Pattani", "ปัตตานี"),
            ("Chiang Mai", "เชียงใหม่"),
            ("Kanchanaburi", "กาญจนบุรี"),
            ("Surat Thani", "สุราษฎร์ธานี"),
        ),
        given=(
            ("Somchai", "สมชาย"),
            ("Sudarat", "สุดารัตน์"),
            ("Nattapon", "ณัฐพล"),
            ("Wilaiwan", "วิไลวรรณ"),
            ("Preecha", "ปรีชา"),
            ("Kanchana", "กาญจนา"),
            ("Arunee", "อรุณี"),
            ("Thanakorn", "ธนากร"),
            ("Pimchanok", "พิมพ์ชนก"),
            ("Jiraporn", "จิราพร"),
            ("Anucha", "อนุชา"),
            ("Malee", "มาลี"),
        ),
        family=(
            ("Srisuk", "ศรีสุข"),
            ("Kaewmanee", "แก้วมณี"),
            ("Boonma", "บุญมา"),
            ("Thongdee", "ทองดี"),
            ("Sukcharoen", "สุขเจริญ"),
            ("Chanpen", "จันทร์เพ็ญ"),
            ("Promma", "พรหมมา"),
            ("Wongsakul", "วงศ์สกุล"),
            ("Rattanaporn", "รัตนาภรณ์"),
            ("Inthasorn", "อินทร์ศร"),
        ),
        phones=("+66 2 ### ####", "+66 8# ### ####", "+66 34 ### ###"),
        strong=(SEAFOOD, AQUACULTURE, SUGAR, AGRICULTURE, FOOD, ELECTRONICS, CONSTRUCTION),
        origins=("Myanmar", "Cambodian", "Lao"),
        chat="LINE",
    ),
    _Country(
        name="Vietnam",
        weight=12,
        adjective="Vietnamese",
        language="Vietnamese",
        script=VI,
        motifs=(
            ("Cuu Long", "Cửu Long"),
            ("Phuong Nam", "Phương Nam"),
            ("Ha Long", "Hạ Long"),
            ("Ben Tre", "Bến Tre"),
            ("Ca Mau", "Cà Mau"),
            ("Dong Nai", "Đồng Nai"),
            ("Song Hong", "Sông Hồng"),
            ("Truong Giang", "Trường Giang"),
            ("Anh Duong", "Ánh Dương"),
            ("Phu Quy", "Phú Quý"),
            ("Kim Lien", "Kim Liên"),
            ("Hong Phat", "Hồng Phát"),
            ("Thien Phuc", "Thiên Phúc"),
            ("Tan Phuoc", "Tân Phước"),
            ("Hai Dang", "Hải Đăng"),
            ("Sen Vang", "Sen Vàng"),
        ),
        forms=("Co., Ltd.", "Co., Ltd.", "JSC"),
        cities=(
            ("Ho Chi Minh City", "TP. Hồ Chí Minh"),
            ("Hai Phong", "Hải Phòng"),
            ("Binh Duong", "Bình Dương"),
            ("Dong Nai", "Đồng Nai"),
            ("Can Tho", "Cần Thơ"),
            ("Ca Mau", "Cà Mau"),
            ("Da Nang", "Đà Nẵng"),
            ("Bac Ninh", "Bắc Ninh"),
            ("Long An", "Long An"),
        ),
        given=(
            ("Thi Lan", "Thị Lan"),
            ("Van Hung", "Văn Hùng"),
            ("Minh Tuan", "Minh Tuấn"),
            ("Thu Ha", "Thu Hà"),
            ("Duc Anh", "Đức Anh"),
            ("Thi Huong", "Thị Hương"),
            ("Quoc Bao", "Quốc Bảo"),
            ("Thanh Hang", "Thanh Hằng"),
            ("Van Nam", "Văn Nam"),
            ("Thi Mai", "Thị Mai"),
            ("Hoang Yen", "Hoàng Yến"),
            ("Gia Huy", "Gia Huy"),
        ),
        family=(
            ("Nguyen", "Nguyễn"),
            ("Tran", "Trần"),
            ("Le", "Lê"),
            ("Pham", "Phạm"),
            ("Hoang", "Hoàng"),
            ("Vu", "Vũ"),
            ("Dang", "Đặng"),
            ("Bui", "Bùi"),
            ("Do", "Đỗ"),
            ("Ngo", "Ngô"),
            ("Duong", "Dương"),
            ("Huynh", "Huỳnh"),
        ),
        phones=("+84 28 #### ####", "+84 9# ### ## ##", "+84 225 ### ####"),
        strong=(GARMENT, AQUACULTURE, SEAFOOD, ELECTRONICS, AGRICULTURE, RECRUITMENT),
        family_first=True,
        chat="Zalo",
    ),
    _Country(
        name="Cambodia",
        weight=9,
        adjective="Cambodian",
        language="Khmer",
        script=KM,
        motifs=(
            ("Mekong", "មេគង្គ"),
            ("Angkor Gold", "អង្គរមាស"),
            ("Tonle Sap", "ទន្លេសាប"),
            ("Golden Lotus", "ឈូកមាស"),
            ("Sunrise", "ថ្ងៃរះ"),
            ("Kampot Pearl", "គុជកំពត"),
            ("Phnom Penh Star", "ផ្កាយភ្នំពេញ"),
            ("Bright Light", "ពន្លឺ"),
            ("Apsara", "អប្សរា"),
            ("Rumduol", "រំដួល"),
            ("Sovann", "សុវណ្ណ"),
            ("Koh Kong", "កោះកុង"),
        ),
        forms=("Co., Ltd.", "Co., Ltd.", "(Cambodia) Co., Ltd."),
        cities=(
            ("Phnom Penh", "ភ្នំពេញ"),
            ("Kandal", "កណ្ដាល"),
            ("Kampong Speu", "កំពង់ស្ពឺ"),
            ("Sihanoukville", "ក្រុងព្រះសីហនុ"),
            ("Svay Rieng", "ស្វាយរៀង"),
            ("Siem Reap", "សៀមរាប"),
            ("Kampot", "កំពត"),
            ("Koh Kong", "កោះកុង"),
        ),
        given=(
            ("Dara", "ដារ៉ា"),
            ("Sophea", "សុភា"),
            ("Sreymom", "ស្រីមុំ"),
            ("Vuthy", "វុទ្ធី"),
            ("Bopha", "បុប្ផា"),
            ("Sokha", "សុខា"),
            ("Rithy", "រិទ្ធី"),
            ("Chantha", "ចន្ថា"),
            ("Pisey", "ពិសី"),
            ("Vichet", "វិចិត្រ"),
        ),
        family=(
            ("Sok", "សុខ"),
            ("Chan", "ចាន់"),
            ("Kim", "គីម"),
            ("Heng", "ហេង"),
            ("Keo", "កែវ"),
            ("Meas", "មាស"),
            ("Chea", "ជា"),
            ("Ly", "លី"),
            ("Pov", "ពៅ"),
            ("Sun", "ស៊ុន"),
        ),
        phones=("+855 23 ### ###", "+855 1# ### ###", "+855 9# ### ###"),
        strong=(GARMENT, CONSTRUCTION, AGRICULTURE, SUGAR, RECRUITMENT),
        family_first=True,
        chat="Telegram",
    ),
    _Country(
        name="Myanmar",
        weight=7,
        adjective="Myanmar",
        language="Burmese",
        script=MY,
        motifs=(
            ("Shwe Myanmar", "ရွှေမြန်မာ"),
            ("Golden Lotus", "ရွှေကြာ"),
            ("Ayeyar Pearl", "ဧရာပုလဲ"),
            ("Yangon Star", "ရန်ကုန်ကြယ်"),
            ("Mandalay", "မန္တလေး"),
            ("Shwe Pyi", "ရွှေပြည်"),
            ("Myat Mon", "မြတ်မွန်"),
            ("Thiri", "သီရိ"),
            ("Aung Myin", "အောင်မြင်"),
            ("Padauk", "ပိတောက်"),
            ("Ngwe Zin", "ငွေစင်"),
            ("Taninthayi", "တနင်္သာရီ"),
        ),
        forms=("Co., Ltd.", "Company Limited"),
        cities=(
            ("Yangon", "ရန်ကုန်"),
            ("Hlaing Tharyar", "လှိုင်သာယာ"),
            ("Mandalay", "မန္တလေး"),
            ("Myeik", "မြိတ်"),
            ("Kawthaung", "ကော့သောင်း"),
            ("Mawlamyine", "မော်လမြိုင်"),
            ("Bago", "ပဲခူး"),
            ("Thilawa", "သီလဝါ"),
        ),
        given=(),
        family=(),
        people=(
            ("U Aung Kyaw", "ဦးအောင်ကျော်"),
            ("Daw Khin Mar", "ဒေါ်ခင်မာ"),
            ("Ko Zaw Min", "ကိုဇော်မင်း"),
            ("Ma Su Su", "မဆုဆု"),
            ("Daw Thida", "ဒေါ်သီတာ"),
            ("U Htet Aung", "ဦးထက်အောင်"),
            ("Ma Moe Moe", "မမိုးမိုး"),
            ("U Kyaw Zin", "ဦးကျော်ဇင်"),
            ("Daw Nilar", "ဒေါ်နီလာ"),
            ("Ko Min Thu", "ကိုမင်းသူ"),
            ("Ma Thu Zar", "မသူဇာ"),
            ("U Myo Win", "ဦးမျိုးဝင်း"),
            ("Daw Yin Yin", "ဒေါ်ယဉ်ယဉ်"),
            ("Ko Naing Lin", "ကိုနိုင်လင်း"),
        ),
        phones=("+95 1 ### ####", "+95 9 ### ### ###"),
        strong=(GARMENT, SEAFOOD, AGRICULTURE, RECRUITMENT),
        chat="Viber",
    ),
    _Country(
        name="China",
        weight=8,
        adjective="Chinese",
        language="Mandarin",
        script=HANS,
        motifs=(
            ("Golden Lotus", "金莲"),
            ("Pearl River", "珠江"),
            ("Eastern Star", "东星"),
            ("Rising Dragon", "腾龙"),
            ("Jade Harbour", "玉港"),
            ("Lasting Prosperity", "永盛"),
            ("Fortune Spring", "福源"),
            ("Auspicious Cloud", "祥云"),
            ("Red Phoenix", "红凤"),
            ("Silver Crane", "银鹤"),
            ("Green Bamboo", "翠竹"),
            ("Sea Breeze", "海风"),
            ("Morning Sun", "朝阳"),
            ("Bright Moon", "明月"),
        ),
        forms=("Co., Ltd.",),
        cities=(
            ("Guangzhou", "广州"),
            ("Dongguan", "东莞"),
            ("Shenzhen", "深圳"),
            ("Ningbo", "宁波"),
            ("Qingdao", "青岛"),
            ("Fuzhou", "福州"),
            ("Xiamen", "厦门"),
            ("Zhanjiang", "湛江"),
        ),
        given=(
            ("Li", "丽"),
            ("Jianguo", "建国"),
            ("Wei", "伟"),
            ("Fang", "芳"),
            ("Jing", "静"),
            ("Ming", "明"),
            ("Min", "敏"),
            ("Zhiqiang", "志强"),
            ("Ting", "婷"),
            ("Lei", "磊"),
            ("Xiaomei", "晓梅"),
            ("Haitao", "海涛"),
        ),
        family=(
            ("Wang", "王"),
            ("Li", "李"),
            ("Zhang", "张"),
            ("Liu", "刘"),
            ("Chen", "陈"),
            ("Yang", "杨"),
            ("Zhao", "赵"),
            ("Huang", "黄"),
            ("Zhou", "周"),
            ("Wu", "吴"),
            ("Lin", "林"),
            ("He", "何"),
        ),
        phones=("+86 20 #### ####", "+86 13# #### ####", "+86 769 #### ####"),
        strong=(ELECTRONICS, GARMENT, MEDICAL, COMPONENTS, SEAFOOD, METALS),
        family_first=True,
        chat="WeChat",
    ),
    _Country(
        name="Taiwan",
        weight=4,
        adjective="Taiwanese",
        language="Mandarin",
        script=HANT,
        motifs=(
            ("Golden Lotus", "金蓮"),
            ("Eastern Star", "東星"),
            ("Rising Dragon", "騰龍"),
            ("Jade Harbour", "玉港"),
            ("Lasting Prosperity", "永盛"),
            ("Fortune Spring", "福源"),
            ("Auspicious Cloud", "祥雲"),
            ("Silver Crane", "銀鶴"),
            ("Sea Breeze", "海風"),
            ("Morning Sun", "朝陽"),
            ("Southern Sea", "南海"),
            ("Harmony", "和順"),
        ),
        forms=("Co., Ltd.", "Corporation"),
        cities=(
            ("Kaohsiung", "高雄"),
            ("Taichung", "台中"),
            ("Taoyuan", "桃園"),
            ("Tainan", "台南"),
            ("Keelung", "基隆"),
            ("Hsinchu", "新竹"),
            ("Pingtung", "屏東"),
        ),
        given=(
            ("Mei-ling", "美玲"),
            ("Chih-ming", "志明"),
            ("Shu-fen", "淑芬"),
            ("Chia-hao", "家豪"),
            ("Ya-ting", "雅婷"),
            ("Chun-hung", "俊宏"),
            ("Hsin-yi", "欣怡"),
            ("Wei-lun", "偉倫"),
        ),
        family=(
            ("Chen", "陳"),
            ("Lin", "林"),
            ("Huang", "黃"),
            ("Chang", "張"),
            ("Lee", "李"),
            ("Wang", "王"),
            ("Wu", "吳"),
            ("Tsai", "蔡"),
            ("Liu", "劉"),
            ("Yang", "楊"),
        ),
        phones=("+886 7 ### ####", "+886 9## ### ###"),
        strong=(SEAFOOD, ELECTRONICS, COMPONENTS, DOMESTIC),
        origins=("Indonesian", "Filipino", "Vietnamese"),
        family_first=True,
        chat="LINE",
    ),
    _Country(
        name="Hong Kong",
        weight=3,
        adjective="Hong Kong",
        language="Cantonese",
        script=HANT,
        motifs=(
            ("Golden Lotus", "金蓮"),
            ("Pearl River", "珠江"),
            ("Eastern Star", "東星"),
            ("Jade Harbour", "玉港"),
            ("Lasting Prosperity", "永盛"),
            ("Fortune Spring", "福源"),
            ("Red Phoenix", "紅鳳"),
            ("Green Bamboo", "翠竹"),
            ("Bright Moon", "明月"),
            ("Harmony", "和順"),
        ),
        forms=("Limited", "Co., Limited"),
        cities=(
            ("Kwun Tong", "觀塘"),
            ("Tsuen Wan", "荃灣"),
            ("Kowloon Bay", "九龍灣"),
            ("Sha Tin", "沙田"),
            ("Kwai Chung", "葵涌"),
        ),
        given=(
            ("Ka Wai", "家偉"),
            ("Mei Ling", "美玲"),
            ("Wing Yan", "詠欣"),
            ("Chi Keung", "志強"),
            ("Siu Ming", "小明"),
            ("Hoi Yan", "凱欣"),
            ("Kwok Leung", "國良"),
            ("Suk Yee", "淑儀"),
        ),
        family=(
            ("Chan", "陳"),
            ("Wong", "黃"),
            ("Lee", "李"),
            ("Cheung", "張"),
            ("Lau", "劉"),
            ("Ho", "何"),
            ("Ng", "吳"),
            ("Leung", "梁"),
            ("Yeung", "楊"),
            ("Tsang", "曾"),
        ),
        phones=("+852 2### ####", "+852 9### ####"),
        strong=(DOMESTIC, RETAIL, LOGISTICS, FINANCE, GARMENT),
        origins=("Filipino", "Indonesian"),
        family_first=True,
    ),
    _Country(
        name="Bangladesh",
        weight=5,
        adjective="Bangladeshi",
        language="Bengali",
        script="",
        motifs=(
            ("Padma", ""),
            ("Meghna", ""),
            ("Jamuna", ""),
            ("Sonali", ""),
            ("Karnaphuli", ""),
            ("Rupali", ""),
            ("Shapla", ""),
            ("Surma", ""),
        ),
        forms=("Ltd.", "Limited"),
        cities=(
            ("Dhaka", ""),
            ("Gazipur", ""),
            ("Savar", ""),
            ("Narayanganj", ""),
            ("Chattogram", ""),
            ("Ashulia", ""),
        ),
        given=(
            ("Rahima", ""),
            ("Mohammad", ""),
            ("Nusrat", ""),
            ("Tanvir", ""),
            ("Farzana", ""),
            ("Shahidul", ""),
            ("Taslima", ""),
        ),
        family=(("Akter", ""), ("Karim", ""), ("Jahan", ""), ("Hossain", ""), ("Islam", "")),
        phones=("+880 2 #### ####", "+880 17## ######"),
        strong=(GARMENT, RECRUITMENT, SEAFOOD),
    ),
    _Country(
        name="India",
        weight=4,
        adjective="Indian",
        language="Tamil",
        script="",
        motifs=(
            ("Ganga", ""),
            ("Kaveri", ""),
            ("Surya", ""),
            ("Deccan", ""),
            ("Malabar", ""),
            ("Narmada", ""),
            ("Kamal", ""),
        ),
        forms=("Pvt. Ltd.", "Limited"),
        cities=(
            ("Tiruppur", ""),
            ("Bengaluru", ""),
            ("Chennai", ""),
            ("Surat", ""),
            ("Kochi", ""),
            ("Noida", ""),
            ("Ludhiana", ""),
        ),
        given=(
            ("Priya", ""),
            ("Arjun", ""),
            ("Kavitha", ""),
            ("Rahul", ""),
            ("Deepa", ""),
            ("Suresh", ""),
            ("Anjali", ""),
        ),
        family=(("Raman", ""), ("Mehta", ""), ("Subramanian", ""), ("Nair", ""), ("Krishnan", "")),
        phones=("+91 421 ### ####", "+91 98### #####"),
        strong=(GARMENT, SUGAR, SEAFOOD, AGRICULTURE, RECRUITMENT),
    ),
    _Country(
        name="Indonesia",
        weight=6,
        adjective="Indonesian",
        language="Bahasa Indonesia",
        script="",
        motifs=(
            ("Nusantara", ""),
            ("Bintang Timur", ""),
            ("Samudra", ""),
            ("Cahaya", ""),
            ("Mutiara Laut", ""),
            ("Sinar Pagi", ""),
            ("Karya Bahari", ""),
        ),
        forms=("", "", "Tbk"),
        legal_prefix="PT",
        cities=(
            ("Jakarta", ""),
            ("Bitung", ""),
            ("Surabaya", ""),
            ("Medan", ""),
            ("Batam", ""),
            ("Semarang", ""),
            ("Pekanbaru", ""),
        ),
        given=(
            ("Siti", ""),
            ("Budi", ""),
            ("Dewi", ""),
            ("Agus", ""),
            ("Rina", ""),
            ("Hendra", ""),
            ("Yuliana", ""),
        ),
        family=(
            ("Rahmawati", ""),
            ("Santoso", ""),
            ("Anggraini", ""),
            ("Pratama", ""),
            ("Wulandari", ""),
            ("Saputra", ""),
        ),
        phones=("+62 21 #### ####", "+62 81# #### ####"),
        strong=(PALM_OIL, SEAFOOD, GARMENT, RECRUITMENT, DOMESTIC),
    ),
    _Country(
        name="Malaysia",
        weight=6,
        adjective="Malaysian",
        language="Malay",
        script="",
        motifs=(
            ("Mutiara", ""),
            ("Bintang", ""),
            ("Perak Jaya", ""),
            ("Kinabalu", ""),
            ("Rimba", ""),
            ("Seri Cahaya", ""),
            ("Klang Valley", ""),
        ),
        forms=("Sdn. Bhd.", "Sdn. Bhd.", "Berhad"),
        cities=(
            ("Kuala Lumpur", ""),
            ("Penang", ""),
            ("Johor Bahru", ""),
            ("Klang", ""),
            ("Ipoh", ""),
            ("Sandakan", ""),
        ),
        given=(
            ("Nurul", ""),
            ("Ahmad", ""),
            ("Mei Ling", ""),
            ("Rajesh", ""),
            ("Wei Jie", ""),
            ("Aisyah", ""),
        ),
        family=(("Aziz", ""), ("Tan", ""), ("Kumar", ""), ("Lim", ""), ("Ibrahim", "")),
        phones=("+60 3 #### ####", "+60 1#-### ####"),
        strong=(PALM_OIL, ELECTRONICS, MEDICAL, CONSTRUCTION, DOMESTIC),
        origins=("Nepali", "Bangladeshi", "Indonesian", "Myanmar"),
    ),
    _Country(
        name="Philippines",
        weight=4,
        adjective="Filipino",
        language="Tagalog",
        script="",
        motifs=(
            ("Bagong Araw", ""),
            ("Visayas", ""),
            ("Mindanao", ""),
            ("Sampaguita", ""),
            ("Bayanihan", ""),
            ("Tala", ""),
        ),
        forms=("Inc.", "Corporation"),
        cities=(
            ("Manila", ""),
            ("Cebu", ""),
            ("General Santos", ""),
            ("Davao", ""),
            ("Laguna", ""),
            ("Iloilo", ""),
        ),
        given=(
            ("Maria", ""),
            ("Jose", ""),
            ("Angelica", ""),
            ("Mark", ""),
            ("Kristine", ""),
            ("Ramon", ""),
        ),
        family=(("Santos", ""), ("Reyes", ""), ("Cruz", ""), ("Villanueva", ""), ("Bautista", "")),
        phones=("+63 2 #### ####", "+63 9## ### ####"),
        strong=(RECRUITMENT, SEAFOOD, ELECTRONICS, DOMESTIC),
    ),
    _Country(
        name="Singapore",
        weight=2,
        adjective="Singaporean",
        language="English",
        script="",
        motifs=(
            ("Marina", ""),
            ("Straits", ""),
            ("Lion City", ""),
            ("Kallang", ""),
            ("Jurong", ""),
        ),
        forms=("Pte. Ltd.",),
        cities=(("Singapore", ""), ("Tuas", ""), ("Changi", "")),
        given=(("Wei Ming", ""), ("Priya", ""), ("Hui Min", ""), ("Hafiz", ""), ("Jun Jie", "")),
        family=(("Tan", ""), ("Nair", ""), ("Lim", ""), ("Rahman", ""), ("Goh", "")),
        phones=("+65 6### ####", "+65 9### ####"),
        strong=(CONSTRUCTION, LOGISTICS, FINANCE, DOMESTIC),
        origins=("Bangladeshi", "Indian", "Myanmar"),
    ),
    _Country(
        name="Laos",
        weight=2,
        adjective="Lao",
        language="Lao",
        script="",
        motifs=(("Dok Champa", ""), ("Xe Kong", ""), ("Nam Ngum", ""), ("Phou Khao", "")),
        forms=("Sole Co., Ltd.", "Co., Ltd."),
        cities=(("Vientiane", ""), ("Savannakhet", ""), ("Pakse", ""), ("Luang Prabang", "")),
        given=(("Souksavanh", ""), ("Vilayphone", ""), ("Khamphet", ""), ("Noy", "")),
        family=(("Phommachanh", ""), ("Sisouk", ""), ("Vongsa", ""), ("Keomany", "")),
        phones=("+856 21 ### ###", "+856 20 #### ####"),
        strong=(AGRICULTURE, GARMENT, RECRUITMENT),
    ),
    _Country(
        name="Nepal",
        weight=2,
        adjective="Nepali",
        language="Nepali",
        script="",
        motifs=(("Himal", ""), ("Sagarmatha", ""), ("Gandaki", ""), ("Koshi", ""), ("Lumbini", "")),
        forms=("Pvt. Ltd.",),
        cities=(("Kathmandu", ""), ("Biratnagar", ""), ("Birgunj", ""), ("Pokhara", "")),
        given=(("Sita", ""), ("Ramesh", ""), ("Anita", ""), ("Bikash", ""), ("Sunita", "")),
        family=(("Gurung", ""), ("Shrestha", ""), ("Tamang", ""), ("Thapa", ""), ("Rai", "")),
        phones=("+977 1 ### ####", "+977 98## ######"),
        strong=(RECRUITMENT,),
    ),
    _Country(
        name="Pakistan",
        weight=2,
        adjective="Pakistani",
        language="Urdu",
        script="",
        motifs=(("Indus", ""), ("Ravi", ""), ("Chenab", ""), ("Margalla", ""), ("Noor", "")),
        forms=("(Pvt.) Ltd.", "Limited"),
        cities=(("Karachi", ""), ("Lahore", ""), ("Sialkot", ""), ("Faisalabad", "")),
        given=(("Ayesha", ""), ("Bilal", ""), ("Sana", ""), ("Usman", ""), ("Hina", "")),
        family=(("Qureshi", ""), ("Malik", ""), ("Ahmed", ""), ("Siddiqui", ""), ("Butt", "")),
        phones=("+92 21 #### ####", "+92 3## #######"),
        strong=(GARMENT, AGRICULTURE, MEDICAL),
    ),
    _Country(
        name="Sri Lanka",
        weight=2,
        adjective="Sri Lankan",
        language="Sinhala",
        script="",
        motifs=(("Ceylon", ""), ("Kelani", ""), ("Serendib", ""), ("Nilwala", ""), ("Ruhuna", "")),
        forms=("(Pvt) Ltd", "PLC"),
        cities=(("Colombo", ""), ("Katunayake", ""), ("Negombo", ""), ("Galle", ""), ("Kandy", "")),
        given=(("Nimali", ""), ("Kasun", ""), ("Dilani", ""), ("Ruwan", ""), ("Tharindu", "")),
        family=(("Perera", ""), ("Fernando", ""), ("Jayasinghe", ""), ("Silva", ""), ("Dias", "")),
        phones=("+94 11 ### ####", "+94 7# ### ####"),
        strong=(GARMENT, AGRICULTURE, RECRUITMENT),
    ),
    _Country(
        name="Timor-Leste",
        weight=1,
        adjective="Timorese",
        language="Tetum",
        script="",
        motifs=(("Tasi Mane", ""), ("Ramelau", ""), ("Lafaek", ""), ("Loro Sae", "")),
        forms=("Lda.", "Unipessoal Lda."),
        cities=(("Dili", ""), ("Baucau", ""), ("Suai", "")),
        given=(("Maria", ""), ("Joao", ""), ("Ana", ""), ("Mateus", "")),
        family=(("da Costa", ""), ("Soares", ""), ("Ximenes", ""), ("Guterres", "")),
        phones=("+670 331 ####", "+670 77## ####"),
        strong=(AGRICULTURE, RECRUITMENT, CONSTRUCTION),
    ),
    _Country(
        name="Japan",
        weight=3,
        adjective="Japanese",
        language="Japanese",
        script="",
        motifs=(
            ("Sakuragawa", ""),
            ("Minato", ""),
            ("Hoshizora", ""),
            ("Aoba", ""),
            ("Kawase", ""),
        ),
        forms=("Co., Ltd.", "K.K."),
        cities=(("Tokyo", ""), ("Osaka", ""), ("Yokohama", ""), ("Nagoya", ""), ("Fukuoka", "")),
        given=(("Yuki", ""), ("Hiroshi", ""), ("Aiko", ""), ("Kenji", ""), ("Naomi", "")),
        family=(("Sato", ""), ("Tanaka", ""), ("Suzuki", ""), ("Takahashi", ""), ("Mori", "")),
        phones=("+81 3 #### ####", "+81 90 #### ####"),
        strong=(RETAIL, FOOD, ELECTRONICS, FINANCE),
        origins=("Vietnamese", "Filipino", "Indonesian"),
    ),
    _Country(
        name="South Korea",
        weight=2,
        adjective="Korean",
        language="Korean",
        script="",
        motifs=(
            ("Hanbit", ""),
            ("Saebyeok", ""),
            ("Hangang", ""),
            ("Namsan", ""),
            ("Jeju Blue", ""),
        ),
        forms=("Co., Ltd.", "Corp."),
        cities=(("Seoul", ""), ("Busan", ""), ("Incheon", ""), ("Ansan", ""), ("Changwon", "")),
        given=(("Min-jun", ""), ("Seo-yeon", ""), ("Ji-hoon", ""), ("Yuna", ""), ("Hyun-woo", "")),
        family=(("Kim", ""), ("Lee", ""), ("Park", ""), ("Choi", ""), ("Jung", "")),
        phones=("+82 2 #### ####", "+82 10 #### ####"),
        strong=(ELECTRONICS, COMPONENTS, SEAFOOD),
        origins=("Nepali", "Cambodian", "Vietnamese"),
        family_first=True,
    ),
    _Country(
        name="Australia",
        weight=2,
        adjective="Australian",
        language="English",
        script="",
        motifs=(("Southern Cross", ""), ("Coral Coast", ""), ("Wattle", ""), ("Murray River", "")),
        forms=("Pty Ltd",),
        cities=(("Sydney", ""), ("Melbourne", ""), ("Brisbane", ""), ("Perth", "")),
        given=(("Sarah", ""), ("James", ""), ("Olivia", ""), ("Liam", ""), ("Chloe", "")),
        family=(("Mitchell", ""), ("O'Connor", ""), ("Clarke", ""), ("Nguyen", ""), ("Walsh", "")),
        phones=("+61 491 570 ###", "+61 2 5550 ####"),
        strong=(RETAIL, FOOD, FINANCE),
    ),
    _Country(
        name="United States",
        weight=4,
        adjective="American",
        language="English",
        script="",
        motifs=(("Lakeside", ""), ("Blue Ridge", ""), ("Harborview", ""), ("Prairie Wind", "")),
        forms=("Inc.", "LLC", "Corp."),
        cities=(("Los Angeles", ""), ("Seattle", ""), ("New York", ""), ("Chicago", "")),
        given=(("Emily", ""), ("Michael", ""), ("Jessica", ""), ("Daniel", ""), ("Ashley", "")),
        family=(("Johnson", ""), ("Rivera", ""), ("Thompson", ""), ("Patel", ""), ("Brooks", "")),
        phones=("+1 (206) 555-01##", "+1 (312) 555-01##"),
        strong=(RETAIL, FOOD, FINANCE, ELECTRONICS),
    ),
    _Country(
        name="United Kingdom",
        weight=3,
        adjective="British",
        language="English",
        script="",
        motifs=(
            ("Thamesbrook", ""),
            ("Pennine", ""),
            ("Kestrel", ""),
            ("Northgate", ""),
            ("Wren", ""),
        ),
        forms=("Ltd", "Ltd", "plc"),
        cities=(("London", ""), ("Manchester", ""), ("Leeds", ""), ("Leicester", "")),
        given=(("Hannah", ""), ("Oliver", ""), ("Amelia", ""), ("Thomas", ""), ("Grace", "")),
        family=(("Clarke", ""), ("Hughes", ""), ("Begum", ""), ("Evans", ""), ("Shaw", "")),
        phones=("+44 20 7946 0###", "+44 161 496 0###"),
        strong=(RETAIL, FOOD, FINANCE),
    ),
    _Country(
        name="European Union",
        weight=3,
        adjective="European",
        language="English",
        script="",
        motifs=(
            ("Rhinevale", ""),
            ("Baltica", ""),
            ("Nordlys", ""),
            ("Danubia", ""),
            ("Linden", ""),
        ),
        forms=("GmbH", "B.V.", "S.A.", "S.r.l.", "AB"),
        cities=(("Rotterdam", ""), ("Hamburg", ""), ("Brussels", ""), ("Milan", ""), ("Lyon", "")),
        given=(("Laura", ""), ("Pieter", ""), ("Sofia", ""), ("Lucas", ""), ("Ingrid", "")),
        family=(
            ("Fischer", ""),
            ("de Vries", ""),
            ("Romano", ""),
            ("Martin", ""),
            ("Lindqvist", ""),
        ),
        phones=("+32 2 ### ## ##", "+31 10 ### ####", "+49 40 #### ####"),
        strong=(RETAIL, FOOD, FINANCE),
    ),
)

_BY_NAME = {country.name: country for country in _COUNTRIES}
_EU_STATES = {
    "Rotterdam": "the Netherlands",
    "Hamburg": "Germany",
    "Brussels": "Belgium",
    "Milan": "Italy",
    "Lyon": "France",
}
_BUYER_COUNTRIES = ("United States", "United Kingdom", "European Union", "Australia", "Japan")
_LANGUAGES = {
    "Myanmar": "Burmese",
    "Cambodian": "Khmer",
    "Lao": "Lao",
    "Nepali": "Nepali",
    "Bangladeshi": "Bengali",
    "Indonesian": "Bahasa Indonesia",
    "Filipino": "Tagalog",
    "Vietnamese": "Vietnamese",
    "Indian": "Tamil",
}
# Where workers recruited in a country of origin go (some not in the vocabulary: free entries).
_DESTINATIONS = (
    "Thailand",
    "Malaysia",
    "Singapore",
    "Taiwan",
    "Japan",
    "South Korea",
    "Hong Kong",
    "Saudi Arabia",
    "Qatar",
    "United Arab Emirates",
)
_MARKETS = ("Japan", "the EU", "the United States", "Australia", "the UK", "South Korea")
_SOURCING_HUBS = ("Dhaka", "Ho Chi Minh City", "Shenzhen", "Bangkok", "Jakarta", "Phnom Penh")
_FREE_COUNTRIES = ("Papua New Guinea", "Brunei", "Fiji", "Mongolia", "United Arab Emirates")


SUPPLIER = "Supplier / factory"
FARM = "Farm"
BRAND = "Brand / retailer"
RECRUITER = "Recruiter / labour broker"
ASSOCIATION = "Industry association"
INVESTOR = "Investor"
OTHER = "Other"

_PRODUCERS = frozenset({SUPPLIER, FARM, OTHER})
_MAKERS = frozenset({SUPPLIER, FARM})
_EMPLOYERS = _PRODUCERS | {BRAND}
_ALL_ROLES = frozenset(VOCABULARY["supply_chain_roles"])


@dataclass(frozen=True)
class _News:
    tone: str
    text: str
    roles: AbstractSet[str]
    first: int = 2019
    last: int = 2025


# ----- sectors ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Sector:
    name: str
    weight: int
    words: tuple[str, ...]
    local: dict[str, tuple[str, ...]]
    products: tuple[str, ...]
    facilities: tuple[str, ...]
    memberships: tuple[str, ...]
    tags: tuple[str, ...]
    related: tuple[str, ...] = ()
    headlines: tuple[_News, ...] = ()


RBA = "RBA (Responsible Business Alliance)"
SEDEX = "Sedex"
AIM = "AIM-Progress"
BETTER_WORK = "Better Work"
SLCP = "SLCP (Social & Labor Convergence Program)"
ACT = "ACT (Action, Collaboration, Transformation)"
BETTER_BUYING = "Better Buying"
UNGC = "UN Global Compact"

_SECTORS: tuple[_Sector, ...] = (
    _Sector(
        SEAFOOD,
        9,
        ("Seafood", "Fisheries", "Marine Products", "Cold Storage"),
        {
            TH: ("ซีฟู้ด", "ห้องเย็น", "อาหารทะเล"),
            KM: ("ជលផល",),
            MY: ("ပင်လယ်စာ",),
            VI: ("Thủy sản", "Chế biến Thủy sản"),
            HANS: ("海产", "水产"),
            HANT: ("海產", "水產"),
        },
        ("frozen shrimp", "canned tuna", "surimi", "squid and octopus", "crab meat", "fish sauce"),
        ("processing plant", "cold storage", "canning factory", "peeling shed"),
        (SEDEX, AIM, UNGC),
        ("fishing vessels", "at-sea labour risks", "port inspections"),
        (AQUACULTURE, FOOD, LOGISTICS),
        (
            _News(
                "Adverse", "Crew on vessels supplying {org} report months without pay", _EMPLOYERS
            ),
            _News(
                "Positive", "{org} installs satellite messaging on its fishing fleet", _PRODUCERS
            ),
            _News("Neutral", "{org} signs new supply deal for {product}", _MAKERS),
        ),
    ),
    _Sector(
        AQUACULTURE,
        4,
        ("Aquaculture", "Shrimp Farms", "Aqua Farms"),
        {
            TH: ("ฟาร์มกุ้ง",),
            KM: ("វារីវប្បកម្ម",),
            MY: ("ငါးမွေးမြူရေး",),
            VI: ("Nuôi trồng Thủy sản",),
            HANS: ("水产养殖",),
            HANT: ("水產養殖",),
        },
        ("whiteleg shrimp", "tilapia", "pangasius fillets", "seabass fingerlings", "shrimp feed"),
        ("shrimp farm", "hatchery", "feed mill"),
        (SEDEX, AIM, UNGC),
        ("feed supply chain", "smallholders"),
        (SEAFOOD, AGRICULTURE),
    ),
    _Sector(
        AGRICULTURE,
        6,
        ("Agro", "Farms", "Agricultural Products", "Plantations"),
        {
            TH: ("เกษตร", "ฟาร์ม"),
            KM: ("កសិកម្ម",),
            MY: ("စိုက်ပျိုးရေး",),
            VI: ("Nông sản",),
            HANS: ("农业",),
            HANT: ("農業",),
        },
        ("cassava starch", "rice", "fresh fruit", "cashew nuts", "coffee", "rubber latex"),
        ("plantation", "packing house", "processing mill"),
        (SEDEX, AIM, UNGC),
        ("seasonal workers", "smallholders", "child labour risk"),
        (FOOD, SUGAR),
        (
            _News(
                "Adverse",
                "Children found working at farms supplying {org}, report says",
                _EMPLOYERS,
            ),
        ),
    ),
    _Sector(
        SUGAR,
        3,
        ("Sugar", "Sugar Mill", "Cane Growers"),
        {
            TH: ("น้ำตาล",),
            KM: ("ស្ករ",),
            MY: ("သကြား",),
            VI: ("Mía đường",),
            HANS: ("糖业",),
            HANT: ("糖業",),
        },
        ("raw sugar", "refined sugar", "molasses", "sugarcane"),
        ("sugar mill", "cane plantation"),
        (SEDEX, AIM, UNGC),
        ("cane cutters", "seasonal workers", "smallholders"),
        (AGRICULTURE, FOOD),
        (_News("Positive", "{org} pilots worker wellbeing survey with cane growers", _PRODUCERS),),
    ),
    _Sector(
        PALM_OIL,
        3,
        ("Palm Oil", "Oil Palm Plantations", "Palm Products"),
        {
            TH: ("ปาล์มออยล์",),
            MY: ("စားအုန်းဆီ",),
            VI: ("Dầu cọ",),
            HANS: ("棕榈油",),
            HANT: ("棕櫚油",),
        },
        ("crude palm oil", "palm kernel oil", "fresh fruit bunches"),
        ("plantation", "palm oil mill"),
        (SEDEX, UNGC, AIM),
        ("plantation workers", "recruitment due diligence", "stateless children"),
        (AGRICULTURE, FOOD),
        (
            _News(
                "Adverse",
                "Plantation workers at {org} say managers hold their passports",
                _PRODUCERS,
            ),
        ),
    ),
    _Sector(
        CONSTRUCTION,
        5,
        ("Construction", "Builders", "Engineering"),
        {
            TH: ("คอนสตรัคชั่น",),
            KM: ("សំណង់",),
            MY: ("ဆောက်လုပ်ရေး",),
            VI: ("Xây dựng",),
            HANS: ("建筑",),
            HANT: ("建築",),
        },
        ("residential towers", "factory buildings", "road works", "precast concrete"),
        ("construction site", "worker camp", "precast yard"),
        (UNGC, SEDEX),
        ("worker camps", "heat stress", "subcontracting"),
        (METALS, LOGISTICS),
        (
            _News(
                "Adverse", "Heat stress: workers at {org} site collapse in record heat", _PRODUCERS
            ),
        ),
    ),
    _Sector(
        DOMESTIC,
        3,
        ("Home Services", "Maid Agency", "Household Staffing"),
        {
            TH: ("จัดหาแม่บ้าน",),
            MY: ("အိမ်အကူ",),
            VI: ("Giúp việc Gia đình",),
            HANS: ("家政",),
            HANT: ("家政",),
        },
        ("live-in domestic workers", "cleaning staff", "elder-care helpers"),
        ("training centre", "branch office"),
        (UNGC,),
        ("live-in workers", "rest days", "placement fees"),
        (RECRUITMENT,),
        (_News("Adverse", "Domestic workers placed by {org} denied weekly rest day", _ALL_ROLES),),
    ),
    _Sector(
        HOSPITALITY,
        3,
        ("Hotels", "Resorts", "Hospitality"),
        {
            TH: ("รีสอร์ท", "โรงแรม"),
            KM: ("សណ្ឋាគារ",),
            MY: ("ဟိုတယ်",),
            VI: ("Khách sạn",),
            HANS: ("酒店",),
            HANT: ("酒店",),
        },
        ("beach resorts", "business hotels", "serviced apartments", "hotel catering"),
        ("resort", "hotel", "central kitchen"),
        (UNGC, SEDEX),
        ("outsourced cleaning", "tourism slump"),
        (FOOD,),
        (_News("Neutral", "{org} reopens its resorts as tourists return", _ALL_ROLES, 2021, 2023),),
    ),
    _Sector(
        GARMENT,
        12,
        ("Garment", "Apparel", "Knitwear", "Textiles", "Footwear"),
        {
            TH: ("การ์เมนท์", "สิ่งทอ"),
            KM: ("កាត់ដេរ", "ស្បែកជើង"),
            MY: ("အထည်ချုပ်",),
            VI: ("May mặc", "Dệt may", "Giày da"),
            HANS: ("制衣", "纺织", "鞋业"),
            HANT: ("製衣", "紡織", "鞋業"),
        },
        ("knitwear", "denim", "sportswear", "children's clothing", "leather shoes", "handbags"),
        ("factory", "sewing plant", "dye house"),
        (BETTER_WORK, SLCP, ACT, BETTER_BUYING, SEDEX),
        ("cancelled orders", "women workers", "wage arrears", "freedom of association"),
        (RETAIL,),
        (
            _News(
                "Adverse",
                "Workers at {org} protest unpaid wages after buyers cancel orders",
                _MAKERS,
                2020,
                2021,
            ),
            _News("Positive", "{org} and union agree severance for laid-off workers", _PRODUCERS),
        ),
    ),
    _Sector(
        ELECTRONICS,
        7,
        ("Electronics", "Circuits", "Electronic Components"),
        {
            TH: ("อิเล็กทรอนิกส์",),
            KM: ("អេឡិចត្រូនិច",),
            MY: ("အီလက်ထရွန်းနစ်",),
            VI: ("Điện tử",),
            HANS: ("电子",),
            HANT: ("電子",),
        },
        ("printed circuit boards", "hard-disk parts", "cables and connectors", "phone accessories"),
        ("assembly plant", "factory", "surface-mount line"),
        (RBA, SEDEX, UNGC),
        ("labour agents", "dormitories", "student workers"),
        (COMPONENTS,),
        (_News("Positive", "{org} repays recruitment fees after buyer's audit", _PRODUCERS),),
    ),
    _Sector(
        MEDICAL,
        3,
        ("Medical", "Gloves", "Healthcare Products"),
        {
            TH: ("ถุงมือยาง", "เวชภัณฑ์"),
            VI: ("Thiết bị Y tế", "Găng tay"),
            HANS: ("医疗用品", "手套"),
            HANT: ("醫療用品", "手套"),
        },
        ("nitrile gloves", "surgical masks", "surgical instruments", "disposable gowns"),
        ("glove factory", "cleanroom plant"),
        (RBA, SEDEX, UNGC),
        ("pandemic demand", "excessive overtime", "recruitment fees"),
        (COMPONENTS,),
        (
            _News(
                "Adverse",
                "Pandemic glove demand: {org} workers report 14-hour shifts",
                _PRODUCERS,
                2020,
                2021,
            ),
        ),
    ),
    _Sector(
        COMPONENTS,
        4,
        ("Precision Parts", "Components", "Industries"),
        {
            TH: ("ชิ้นส่วน",),
            VI: ("Linh kiện",),
            HANS: ("精密", "零部件"),
            HANT: ("精密", "零部件"),
        },
        ("precision metal parts", "plastic mouldings", "wire harnesses", "auto parts"),
        ("machining plant", "factory"),
        (RBA, SEDEX),
        ("second-tier suppliers", "labour agents"),
        (ELECTRONICS, METALS),
    ),
    _Sector(
        METALS,
        2,
        ("Metals", "Mining", "Steel"),
        {
            TH: ("เหล็ก", "เหมืองแร่"),
            KM: ("រ៉ែ",),
            MY: ("သတ္တု",),
            VI: ("Kim loại", "Khoáng sản"),
            HANS: ("五金", "矿业"),
            HANT: ("五金", "礦業"),
        },
        ("tin", "steel bars", "aluminium extrusions", "gravel and sand"),
        ("smelter", "quarry", "rolling mill"),
        (UNGC, RBA),
        ("artisanal mining", "occupational safety"),
        (COMPONENTS, CONSTRUCTION),
    ),
    _Sector(
        RECRUITMENT,
        7,
        ("Manpower", "Recruitment", "Employment Agency", "Labour Services"),
        {
            TH: ("จัดหางาน",),
            KM: ("ជ្រើសរើសពលករ",),
            MY: ("အလုပ်အကိုင်အေဂျင်စီ",),
            VI: ("Cung ứng Nhân lực",),
            HANS: ("人力资源",),
            HANT: ("人力資源",),
        },
        ("factory workers", "fishers", "care workers", "construction workers"),
        ("branch office", "pre-departure training centre"),
        (UNGC, SEDEX),
        ("recruitment fees", "sub-agents", "pre-departure training", "fair recruitment"),
        (DOMESTIC,),
        (
            _News(
                "Adverse",
                "Job seekers say {org} sub-agents charged fees for jobs that never came",
                _ALL_ROLES,
            ),
            _News("Positive", "{org} certified under ethical recruitment scheme", _ALL_ROLES),
        ),
    ),
    _Sector(
        LOGISTICS,
        4,
        ("Logistics", "Transport", "Shipping", "Freight"),
        {
            TH: ("โลจิสติกส์", "ขนส่ง"),
            KM: ("ដឹកជញ្ជូន",),
            MY: ("ပို့ဆောင်ရေး",),
            VI: ("Vận tải", "Logistics"),
            HANS: ("物流", "航运"),
            HANT: ("物流", "航運"),
        },
        ("trucking", "container freight", "cold-chain transport", "warehousing"),
        ("distribution centre", "depot", "warehouse"),
        (UNGC, SEDEX),
        ("drivers' hours", "port workers"),
        (RETAIL,),
    ),
    _Sector(
        RETAIL,
        5,
        ("Retail", "Stores", "Trading", "Outfitters"),
        {
            TH: ("ค้าปลีก",),
            KM: ("ពាណិជ្ជកម្ម",),
            MY: ("ကုန်သွယ်ရေး",),
            VI: ("Thương mại",),
            HANS: ("百货", "商贸"),
            HANT: ("百貨", "商貿"),
        },
        ("clothing", "home goods", "groceries", "sports shoes", "toys"),
        ("distribution centre", "sourcing office", "flagship store"),
        (BETTER_BUYING, ACT, AIM, UNGC, SEDEX),
        ("purchasing practices", "supplier engagement", "due diligence law"),
        (GARMENT, FOOD),
        (_News("Neutral", "{org} publishes list of its first-tier suppliers", {BRAND}),),
    ),
    _Sector(
        FOOD,
        6,
        ("Foods", "Beverages", "Food Products"),
        {
            TH: ("ฟู้ดส์", "อาหาร"),
            KM: ("អាហារ", "ភេសជ្ជៈ"),
            MY: ("စားသောက်ကုန်",),
            VI: ("Thực phẩm", "Đồ uống"),
            HANS: ("食品", "饮料"),
            HANT: ("食品", "飲料"),
        },
        ("instant noodles", "canned fruit", "bottled drinks", "frozen ready meals", "snacks"),
        ("factory", "bottling plant", "processing plant"),
        (AIM, SEDEX, UNGC),
        ("ingredient sourcing", "contract workers"),
        (AGRICULTURE, SEAFOOD, RETAIL),
    ),
    _Sector(
        FINANCE,
        2,
        ("Capital", "Investments", "Asset Management"),
        {
            TH: ("แคปปิตอล",),
            KM: ("ហិរញ្ញវត្ថុ",),
            MY: ("ဘဏ္ဍာရေး",),
            VI: ("Đầu tư", "Tài chính"),
            HANS: ("投资", "资本"),
            HANT: ("投資", "資本"),
        },
        ("private equity", "trade finance", "listed equities", "microfinance"),
        ("regional office",),
        (UNGC,),
        ("investor engagement", "ESG screening"),
        (),
        (
            _News(
                "Neutral", "{org} adds forced labour questions to its investee reviews", {INVESTOR}
            ),
        ),
    ),
)

_SECTOR_BY_NAME = {sector.name: sector for sector in _SECTORS}

_FREE_SECTORS = (
    "Rubber and latex",
    "Seaweed farming",
    "Cocoa",
    "Furniture",
    "Toys",
    "Solar panels",
)
# Invented multi-stakeholder groups (free entries next to the vocabulary's initiatives).
_FREE_MEMBERSHIPS = (
    "Andaman Fair Fishing Platform",
    "Mekong Ethical Recruitment Forum",
    "Regional Worker Voice Coalition",
    "Delta Responsible Seafood Roundtable",
    "Pearl River Supplier Dialogue",
    "Coastal Employers' Fair Wage Pledge",
)

# Words added to a name now and then, with their local forms.
_EXTRAS: tuple[tuple[str, dict[str, str]], ...] = (
    (
        "International",
        {TH: "อินเตอร์เนชั่นแนล", KM: "អន្តរជាតិ", MY: "အင်တာနေရှင်နယ်", HANS: "国际", HANT: "國際"},
    ),
    (
        "Industries",
        {TH: "อินดัสตรี้", KM: "ឧស្សាហកម្ម", MY: "စက်မှု", VI: "Công nghiệp", HANS: "实业"},
    ),
    ("Export", {TH: "เอ็กซ์ปอร์ต", KM: "នាំចេញ", MY: "ပို့ကုန်", VI: "Xuất khẩu", HANS: "出口"}),
    ("Trading", {TH: "เทรดดิ้ง", MY: "ကုန်သွယ်ရေး", VI: "Thương mại", HANS: "贸易", HANT: "貿易"}),
    ("Enterprise", {TH: "เอ็นเตอร์ไพรส์", KM: "សហគ្រាស", HANS: "企业", HANT: "企業"}),
)
_GENERIC_INDUSTRY = {
    TH: "อุตสาหกรรม",
    KM: "ឧស្សាហកម្ម",
    MY: "စက်မှုလုပ်ငန်း",
    VI: "Sản xuất",
    HANS: "实业",
    HANT: "實業",
}
_PUBLIC_FORMS = ("Public Co., Ltd.", "JSC", "Tbk", "Berhad", "PLC", "plc", "Corporation")
_ASSOCIATION_WORDS = ("Employers' Club", "Business Council", "Industry Forum")
_EXPORTER_WORDS = ("Exporters Forum", "Producers Network")


_ROLE_WEIGHTS: dict[str, tuple[tuple[str, int], ...]] = {
    "default": ((SUPPLIER, 77), (BRAND, 6), (ASSOCIATION, 6), (OTHER, 5)),
    "farm": ((FARM, 50), (SUPPLIER, 35), (ASSOCIATION, 7), (BRAND, 3), (OTHER, 5)),
    RECRUITMENT: ((RECRUITER, 85), (ASSOCIATION, 8), (OTHER, 7)),
    DOMESTIC: ((RECRUITER, 65), (OTHER, 25), (ASSOCIATION, 10)),
    RETAIL: ((BRAND, 85), (ASSOCIATION, 5), (OTHER, 10)),
    FINANCE: ((INVESTOR, 90), (ASSOCIATION, 10)),
    HOSPITALITY: ((OTHER, 50), (BRAND, 35), (ASSOCIATION, 15)),
    CONSTRUCTION: ((OTHER, 50), (SUPPLIER, 40), (ASSOCIATION, 10)),
    LOGISTICS: ((OTHER, 60), (SUPPLIER, 30), (ASSOCIATION, 10)),
}
_FARM_SECTORS = (AGRICULTURE, AQUACULTURE, SUGAR, PALM_OIL)
_SERVICE_SECTORS = (CONSTRUCTION, LOGISTICS, HOSPITALITY, FINANCE, RECRUITMENT, DOMESTIC)
# Countries where the demo places no recruitment agencies (its recruiters send workers
# from Asia, or bring them in).
_NO_RECRUITERS = ("United States", "United Kingdom", "European Union", "Australia")
# Where an organisation of these roles works, whatever its sector.
_FACILITIES = {
    BRAND: ("head office", "distribution centre", "flagship store"),
    ASSOCIATION: ("secretariat",),
    INVESTOR: ("head office",),
}

_SIZE_WEIGHTS: dict[str, tuple[int, int, int, int, int]] = {  # micro, small, ..., very large
    BRAND: (0, 0, 10, 30, 60),
    SUPPLIER: (0, 15, 35, 30, 20),
    FARM: (25, 40, 25, 10, 0),
    RECRUITER: (30, 45, 20, 5, 0),
    ASSOCIATION: (50, 45, 5, 0, 0),
    INVESTOR: (0, 40, 40, 20, 0),
    OTHER: (0, 25, 40, 25, 10),
}
_WORKERS = ((2, 9), (10, 49), (50, 249), (250, 999), (1_000, 12_000))

_STAGE_WEIGHTS = {
    "Identified": 30,
    "Researched": 25,
    "Contacted": 14,
    "Interviewed": 10,
    "Exploring partnership": 7,
    "Active partner": 4,
    "Not pursuing": 10,
}

# ----- people ----------------------------------------------------------------------------------

_JOB_TITLES: dict[str, tuple[str, ...]] = {
    "default": (
        "Managing Director",
        "HR Manager",
        "Compliance Manager",
        "Head of Sustainability",
        "CSR Officer",
        "Factory Manager",
        "Worker Welfare Officer",
        "Operations Manager",
        "Social Compliance Lead",
        "Legal Counsel",
    ),
    BRAND: (
        "Director of Responsible Sourcing",
        "Supplier Sustainability Manager",
        "Head of Human Rights",
        "Sourcing Office Manager",
        "Public Affairs Lead",
        "ESG Reporting Analyst",
    ),
    RECRUITER: (
        "Owner",
        "Recruitment Manager",
        "Pre-departure Trainer",
        "Branch Manager",
        "Compliance Officer",
        "Overseas Placement Coordinator",
    ),
    ASSOCIATION: (
        "Secretary-General",
        "Executive Secretary",
        "Programme Officer",
        "Chair of the Labour Committee",
        "Member Services Manager",
    ),
    INVESTOR: (
        "ESG Analyst",
        "Portfolio Manager",
        "Head of Stewardship",
        "Investment Director",
        "Impact Manager",
    ),
    FARM: (
        "Farm Owner",
        "Estate Manager",
        "Field Supervisor",
        "HR and Admin Officer",
        "Cooperative Chair",
    ),
}

_EVENTS = (
    "the regional responsible sourcing forum",
    "a buyer-supplier roundtable",
    "the CTIP partners' workshop",
    "an industry breakfast on fair recruitment",
    "a chamber of commerce seminar on due diligence laws",
)
_INTRODUCERS = (
    "a partner NGO",
    "their largest buyer's sourcing office",
    "the provincial labour office",
    "a former colleague at the chamber of commerce",
    "a migrant workers' network",
)
_TOPICS = (
    "worker voice tools",
    "ethical recruitment",
    "remote audits",
    "digital wage payments",
    "support for laid-off workers",
    "grievance hotlines",
    "supplier training",
)
_IDEAS = (
    "a multilingual worker hotline",
    "remote worker voice surveys",
    "ethical recruitment training for its labour agents",
    "moving wage payments to mobile money",
    "a relief fund for laid-off workers",
    "supplier capacity building on forced labour risks",
    "risk mapping of its second-tier suppliers",
    "shared audit data with two other buyers",
)
_GENERAL_TAGS = (
    "migrant workers",
    "recruitment fees",
    "COVID-19 layoffs",
    "worker voice",
    "grievance mechanism",
    "audit findings",
    "priority",
    "donor interest",
    "women workers",
    "debt bondage risk",
    "remote monitoring",
    "surge production",
    "digital wages",
    "pre-competitive",
    "introduced by partner",
)

# ----- news ------------------------------------------------------------------------------------

_SOURCES = (
    "Mekong Business Review",
    "Regional Labour Monitor",
    "Asia Supply Chain Weekly",
    "Harbour Gazette",
    "Delta Courier",
    "Seafood Trade Digest",
    "Garment Industry Bulletin",
    "The Andaman Ledger",
    "Worker Voice Radio",
    "Provincial Daily",
    "Ethical Sourcing Journal",
    "Migrant Rights Newsletter",
    "Export Markets Today",
    "Coastal Tribune",
)
_NEWS_SITES = (
    "https://news.example.org",
    "https://www.example.com/news",
    "https://labour-monitor.example.org",
    "https://supplychain.example.com/articles",
)

# fmt: off
_HEADLINES: tuple[_News, ...] = (
    _News("Adverse", "Migrant workers at {org} say they paid recruitment fees of up to US${fee}",
          _PRODUCERS),
    _News("Adverse", "{org} lays off {n} workers without severance as COVID-19 orders dry up",
          _PRODUCERS, 2020, 2021),
    _News("Adverse", "Audit finds excessive overtime at {org} {facility} in {city}", _PRODUCERS),
    _News("Adverse", "{origin} workers at {org} report passports kept by supervisors", _PRODUCERS),
    _News("Adverse", "Union says {org} dismissed strike organisers in {city}", _PRODUCERS),
    _News("Adverse", "Dormitory outbreak: {org} workers confined for weeks during lockdown",
          _PRODUCERS, 2020, 2021),
    _News("Adverse", "Buyer pauses orders from {org} pending forced labour review", _MAKERS),
    _News("Adverse", "Labour inspectors cite {org} over unpaid overtime", _EMPLOYERS),
    _News("Adverse", "Workers allege debt bondage at labour agency supplying {org}", _PRODUCERS),
    _News("Adverse", "{org} accused of withholding wages after order cancellations", _MAKERS,
          2020, 2021),
    _News("Adverse", "Report links {org} to factories with months of unpaid wages", {BRAND}),
    _News("Adverse", "Factory owners say {org} cancelled orders without paying for finished goods",
          {BRAND}, 2020, 2021),
    _News("Adverse", "{origin} workers placed by {org} stranded abroad after border closures",
          {RECRUITER}, 2020, 2021),
    _News("Adverse", "Licence of {org} suspended over excessive placement fees", {RECRUITER}),
    _News("Adverse", "Workers placed by {org} say their contracts were switched on arrival",
          {RECRUITER}),
    _News("Adverse", "NGO report criticises {org} over holdings linked to forced labour",
          {INVESTOR}),
    _News("Adverse", "Unions criticise {org} for opposing minimum wage rise", {ASSOCIATION}),
    _News("Positive", "{org} launches {language} worker hotline with local NGO",
          _EMPLOYERS | {RECRUITER, ASSOCIATION}),
    _News("Positive", "{org} to repay recruitment fees to {n} migrant workers", _EMPLOYERS),
    _News("Positive", "{org} keeps paying furloughed staff through COVID-19 closures", _EMPLOYERS,
          2020, 2021),
    _News("Positive", "{org} adopts employer-pays recruitment policy", _EMPLOYERS),
    _News("Positive", "{org} moves {n} workers to digital wage payments", _PRODUCERS, 2020),
    _News("Positive", "Follow-up audit finds fewer overtime breaches at {org}", _PRODUCERS),
    _News("Positive", "{org} trains labour agents on ethical recruitment in {city}", _EMPLOYERS),
    _News("Positive", "{org} sets up relief fund for laid-off workers",
          _EMPLOYERS | {ASSOCIATION}, 2020, 2021),
    _News("Positive", "{org} elects its first worker welfare committee", _PRODUCERS),
    _News("Positive", "{org} shares supplier audit results through industry platform",
          {BRAND, SUPPLIER}, 2021),
    _News("Positive", "{org} commits to pay for all orders already in production", {BRAND},
          2020, 2020),
    _News("Positive", "{org} drops placement fees for workers going to {destination}",
          {RECRUITER}),
    _News("Positive", "{org} opens pre-departure training centre in {city}", {RECRUITER}),
    _News("Positive", "{org} signs investor statement calling for worker protection in pandemic",
          {INVESTOR}, 2020, 2021),
    _News("Positive", "{org} presses investee companies to end recruitment fees", {INVESTOR}),
    _News("Positive", "{org} issues members' guidance on safe return to work", {ASSOCIATION},
          2020, 2021),
    _News("Positive", "{org} launches shared grievance hotline for members' workers",
          {ASSOCIATION}),
    _News("Neutral", "{org} expands {product} capacity in {city}", _MAKERS),
    _News("Neutral", "{org} resumes full production after COVID-19 lockdown", _MAKERS, 2020, 2022),
    _News("Neutral", "{org} reports lower export volumes for {last_year}", _PRODUCERS),
    _News("Neutral", "{org} publishes its first modern slavery statement",
          _EMPLOYERS | {INVESTOR}),
    _News("Neutral", "{org} appoints new head of sustainability", _ALL_ROLES),
    _News("Neutral", "{org} opens new {facility} in {city}", _EMPLOYERS | {RECRUITER}),
    _News("Neutral", "{org} joins regional working group on fair recruitment", _ALL_ROLES),
    _News("Neutral", "Surge in orders: {org} plans to hire {n} more workers", _MAKERS, 2021),
    _News("Neutral", "{org} switches to remote supplier monitoring during travel bans",
          {BRAND, SUPPLIER}, 2020, 2021),
    _News("Neutral", "{org} reports sales drop for {last_year}", {BRAND}),
    _News("Neutral", "{org} sends {n} workers to {destination} as borders reopen", {RECRUITER},
          2022, 2023),
    _News("Neutral", "{org} launches new Asia fund", {INVESTOR}),
    _News("Neutral", "{org} publishes its first stewardship report", {INVESTOR}),
    _News("Neutral", "{org} elects new chair", {ASSOCIATION}),
    _News("Neutral", "{org} hosts members' forum on due diligence laws", {ASSOCIATION}, 2021),
)
# fmt: on
# Headlines in the country's own language: (tone, headline).
_LOCAL_HEADLINES: dict[str, tuple[Pair, ...]] = {
    TH: (
        ("Adverse", "แรงงานข้ามชาติร้องเรียนถูกค้างจ่ายค่าจ้างหลังโรงงานปิดชั่วคราว"),
        ("Positive", "โรงงานเปิดสายด่วนรับเรื่องร้องเรียนของแรงงานสามภาษา"),
        ("Neutral", "ผู้ส่งออกเร่งจ้างงานเพิ่มหลังคำสั่งซื้อฟื้นตัว"),
    ),
    VI: (
        ("Adverse", "Công nhân phản ánh bị nợ lương sau khi đơn hàng bị hủy"),
        ("Positive", "Doanh nghiệp cam kết hoàn trả phí tuyển dụng cho người lao động"),
        ("Neutral", "Xuất khẩu phục hồi sau đại dịch COVID-19"),
    ),
    KM: (
        ("Adverse", "កម្មករតវ៉ាទាមទារប្រាក់ឈ្នួល"),
        ("Positive", "រោងចក្របើកខ្សែទូរស័ព្ទជំនួយសម្រាប់កម្មករ"),
        ("Neutral", "ការនាំចេញកើនឡើងវិញ"),
    ),
    MY: (
        ("Adverse", "အလုပ်သမားများ လုပ်ခ မရရှိဟု တိုင်ကြား"),
        ("Positive", "စက်ရုံက အလုပ်သမား တိုင်ကြားရေး ဖုန်းလိုင်း ဖွင့်လှစ်"),
        ("Neutral", "စက်ရုံများ ပြန်လည်လည်ပတ်"),
    ),
    HANS: (
        ("Adverse", "工人投诉加班过多且工资被拖欠"),
        ("Positive", "企业为外来务工人员开通维权热线"),
        ("Neutral", "疫情后出口订单逐步恢复"),
    ),
    HANT: (
        ("Adverse", "移工控訴仲介費過高"),
        ("Positive", "公司承諾由雇主負擔招聘費用"),
        ("Neutral", "出口訂單逐步回升"),
    ),
}
_LOCAL_SOURCES: dict[str, tuple[str, ...]] = {
    TH: ("ข่าวแรงงานรายวัน", "หนังสือพิมพ์ชายฝั่ง"),
    VI: ("Bản tin Chuỗi cung ứng", "Thời báo Đồng bằng"),
    KM: ("ព័ត៌មានការងារ", "កាសែតមេគង្គ"),
    MY: ("အလုပ်သမားသတင်း", "ကုန်သွယ်ရေးသတင်း"),
    HANS: ("供应链观察", "沿海经济报"),
    HANT: ("勞動視野週刊", "港灣日報"),
}
_HEADLINE_NOTES: dict[str, tuple[str, ...]] = {
    "Adverse": (
        "Allegation only; the company disputed it. Raise carefully in the interview.",
        "Reported by a workers' group; ask whether remediation followed.",
        "Check whether the affected workers came through the same labour agency.",
        "Several outlets repeated this; the original report is the one linked.",
        "Worth asking what changed since; a follow-up story is not yet out.",
    ),
    "Positive": (
        "Ask how many workers have used it so far.",
        "Good opening for the partnership conversation.",
        "Check whether it covers subcontractors and agency workers.",
        "Company press release picked up by the outlet; not independently checked.",
    ),
    "Neutral": (
        "Background for the interview.",
        "Useful context on their production plans.",
        "Confirms the size of the workforce given on their website.",
        "Mentions the same site as our desk research.",
    ),
}


_SOURCING_LANGUAGES = ("Bengali", "Vietnamese", "Khmer", "Mandarin", "Thai", "Burmese")
_SOURCING_COUNTRIES = ("Bangladesh", "Vietnam", "Cambodia", "China", "Thailand", "Indonesia")
# What COVID-19 did to an organisation, by supply chain role ({share}: a percentage).
_COVID_SENTENCES: dict[str, tuple[str, ...]] = {
    SUPPLIER: (
        "During COVID-19 it cut production by about {share}% in 2020 and let part of its "
        "contract workforce go.",
        "It kept most workers on reduced hours through the 2021 lockdowns.",
        "It lost several large orders in 2020 when buyers invoked force majeure.",
        "It closed for two months in 2021 after an outbreak in a worker dormitory.",
        "Demand rose during the pandemic and overtime went up sharply in 2020-2021.",
    ),
    FARM: (
        "Harvests went on through the pandemic, but travel bans left it short of "
        "seasonal workers in 2020.",
        "Prices fell by about {share}% in 2020 and it delayed wage payments for two months.",
        "Workers stayed on the farm through the 2021 lockdowns, with little access to clinics.",
    ),
    BRAND: (
        "Its sales fell by about {share}% in 2020 and it cancelled part of its orders.",
        "In 2020 it promised to pay suppliers for goods already in production.",
        "It moved supplier audits online during the COVID-19 travel bans.",
    ),
    RECRUITER: (
        "Deployments stopped for most of 2020 and 2021 while borders were closed.",
        "Hundreds of workers it had placed were stranded abroad in 2020 without pay.",
        "It moved pre-departure training online during the pandemic.",
    ),
    INVESTOR: (
        "Its portfolio companies were hit hard by the 2020 lockdowns.",
        "In 2020 it asked investee companies how they were protecting workers and suppliers.",
    ),
    ASSOCIATION: (
        "Its members lost about {share}% of their export orders in 2020.",
        "It lobbied for wage subsidies for laid-off workers during the pandemic.",
        "It shared COVID-19 workplace safety guidance with members in 2020.",
    ),
    OTHER: (
        "Business fell by about {share}% in 2020 and it laid off part of its staff.",
        "It kept operating through the lockdowns with staff on rotating shifts.",
        "Demand rose during the pandemic and overtime went up sharply in 2020-2021.",
    ),
}
_OWNERSHIP: dict[str, tuple[str, ...]] = {
    SUPPLIER: (
        "is family-owned, now run by the founder's children",
        "is listed on the local stock exchange",
        "belongs to a regional holding group",
        "is founder-owned and has grown quickly since 2015",
        "is a joint venture with a foreign trading house",
    ),
    INVESTOR: (
        "is owned by its partners",
        "belongs to a regional banking group",
        "manages money for pension funds and foundations",
    ),
    ASSOCIATION: (
        "is funded by members' fees and run by a small secretariat",
        "was set up with support from the provincial chamber of commerce",
        "elects a new board every two years",
    ),
}
_STANCES = (
    "Management says it wants to be seen as a responsible employer by its buyers.",
    "Labour issues are handled by HR rather than a sustainability team.",
    "It is preparing for due diligence laws in its export markets.",
    "Its website says little about labour standards beyond a code of conduct.",
    "It plans to expand into {country} within two years.",
)
# Investments and partnerships in fair labour, by role. {year}, {n}, {findings}, {audit},
# {languages} and {city} are filled in.
_FAIR_LABOUR: dict[str, tuple[str, ...]] = {
    SUPPLIER: (
        "Runs a worker hotline in {languages}, operated by a third party since {year}.",
        "Adopted a no-recruitment-fee policy in {year} and says it reimbursed fees to {n} workers.",
        "Commissions an annual social audit ({audit}); the {year} report listed {findings} "
        "findings, mostly on working hours.",
        "Co-funds safe migration training with a local NGO in {city}.",
        "Has paid wages by bank transfer or mobile money since {year}.",
        "Set up a worker welfare committee with elected representatives in {year}.",
        "Trialled remote worker surveys during the COVID-19 travel restrictions.",
        "Provides free dormitories; a visit found them crowded but clean.",
        "Has a supplier code of conduct, with no public information on how it is enforced.",
        "Contributed to a relief fund for laid-off workers in 2020.",
        "Pilots a digital recruitment due diligence tool with two of its labour agents.",
        "Little else found in public: no sustainability report and no grievance channel.",
    ),
    BRAND: (
        "Publishes its first-tier supplier list, updated every year since {year}.",
        "Committed in 2020 to pay for all orders already in production.",
        "Has trained its buyers on responsible purchasing practices since {year}.",
        "Funds worker hotlines in {languages} at {n} supplier factories.",
        "Requires suppliers to repay recruitment fees found in audits.",
        "Shares audit results with other buyers through an industry platform.",
        "Runs a supplier programme on forced labour risks, started in {year}.",
    ),
    RECRUITER: (
        "Adopted a zero-fee policy in {year}: employers pay all recruitment costs.",
        "Runs pre-departure training on workers' rights in {languages}.",
        "Keeps a register of its sub-agents and checked their licences in {year}.",
        "Calls placed workers three months after arrival to ask about their conditions.",
        "Piloted an ethical recruitment self-assessment tool in {year}.",
        "Has a hotline for placed workers in {languages}.",
        "Little else found in public: no fee policy on its website.",
    ),
    INVESTOR: (
        "Added forced labour questions to its investee due diligence in {year}.",
        "Signed an investor statement in 2020 calling on companies to protect workers "
        "during COVID-19.",
        "Engages about {findings} investee companies a year on labour rights.",
        "Excludes companies with unresolved forced labour findings from new investments.",
    ),
    ASSOCIATION: (
        "Has offered members training on fair recruitment since {year}.",
        "Set up a shared grievance hotline for members' workers in {year}.",
        "Published COVID-19 safe workplace guidance for members in 2020.",
        "Runs a members' working group on responsible recruitment.",
        "Co-hosts an annual forum on labour standards in {city}.",
    ),
}


# ----- the generator -------------------------------------------------------------------------


def _weighted(rng: random.Random, options: Sequence[tuple[T, int]]) -> T:
    return rng.choices([o for o, _ in options], [w for _, w in options])[0]


def _ascii(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c) and c.isascii())


def _slug(text: str) -> str:
    return "".join(c for c in _ascii(text).lower() if c.isalnum())


def _join(items: Sequence[str]) -> str:
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _where(city: str, country: str) -> str:
    """ "Songkhla, Thailand"; "Singapore" alone; an EU city with its member state."""
    if city == country:
        return city
    return f"{city}, {_EU_STATES.get(city, country)}"


def _with_english(language: str) -> str:
    return language if language == "English" else f"{language} and English"


def _article(word: str) -> str:
    vowel = word[:1].lower() in "aeiou" and not word.lower().startswith(("eu", "uni"))
    return ("an " if vowel else "a ") + word


@dataclass
class _Draft:
    """The choices behind one organisation, shared by its texts."""

    country: _Country
    sector: _Sector
    role: str
    size: int
    city: Pair
    motif: Pair
    workers: int
    founded: int
    products: list[str]
    facility: str
    origins: tuple[str, ...]
    english: str = ""  # the English name without its legal form
    short: str = ""  # what a newspaper would call it
    word: str = ""  # the sector word of the name
    extra: str = ""  # "International", "Export", ... or ""
    qualified: bool = False  # whether the name ends with "(city)"
    domain: str = ""


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()
        self.last_draft: _Draft | None = None  # the choices behind the latest organisation
        self.countries = [(c, c.weight) for c in _COUNTRIES]

    # ----- small helpers

    def day(self, first: date, last: date) -> date:
        return first + timedelta(days=self.rng.randrange((last - first).days + 1))

    def phone(self, country: _Country) -> str:
        pattern = self.rng.choice(country.phones)
        number = "".join(str(self.rng.randrange(10)) if c == "#" else c for c in pattern)
        if self.rng.random() < 0.15:
            number += f" ext. {self.rng.randrange(100, 999)}"
        return number

    # ----- one organisation

    def organisation(self) -> Organisation:
        rng = self.rng
        country = _weighted(rng, self.countries)
        sector = _weighted(rng, [(s, self._sector_weight(country, s)) for s in _SECTORS])
        draft = self._draft(country, sector)
        self.last_draft = draft
        name, other_names = self._names(draft)
        stage = _weighted(rng, list(_STAGE_WEIGHTS.items()))
        contacts = self._contacts(draft)
        headlines = self._headlines(draft)
        latest = max(date.fromisoformat(h.date) for h in headlines)
        scan = min(latest + timedelta(days=rng.randrange(1, 90)), LAST_DAY)
        memberships = self._memberships(draft)
        org = Organisation(
            name=name,
            other_names=other_names,
            description=self._description(draft),
            sectors=self._sectors(draft),
            countries=self._countries(draft),
            places=self._places(draft),
            supply_chain_role=draft.role,
            size_band=VOCABULARY["size_bands"][draft.size],
            website=f"https://www.{draft.domain}" + rng.choice(("", "", "/en", "/about")),
            fair_labour_investments=self._fair_labour(draft, memberships),
            memberships=memberships,
            stage=stage,
            tags=self._tags(draft),
            notes=self._notes(draft, stage, contacts),
            media_scan_date=scan.isoformat(),
            contacts=contacts,
            headlines=headlines,
        )
        return org.validated()

    @staticmethod
    def _sector_weight(country: _Country, sector: _Sector) -> int:
        if country.name in _NO_RECRUITERS and sector.name in (RECRUITMENT, DOMESTIC):
            return 0
        return sector.weight * (4 if sector.name in country.strong else 1)

    def _draft(self, country: _Country, sector: _Sector) -> _Draft:
        rng = self.rng
        if sector.name in _ROLE_WEIGHTS:
            roles = _ROLE_WEIGHTS[sector.name]
        elif sector.name in _FARM_SECTORS:
            roles = _ROLE_WEIGHTS["farm"]
        else:
            roles = _ROLE_WEIGHTS["default"]
        role = _weighted(rng, roles)
        # Buyers' countries mostly show up through their brands and retailers.
        buyer = country.name in _BUYER_COUNTRIES and sector.name not in _SERVICE_SECTORS
        if buyer and role in (SUPPLIER, FARM, OTHER) and rng.random() < 0.8:
            role = BRAND
        size = _weighted(rng, list(enumerate(_SIZE_WEIGHTS[role])))
        low, high = _WORKERS[size]
        draft = _Draft(
            country=country,
            sector=sector,
            role=role,
            size=size,
            city=rng.choice(country.cities),
            motif=rng.choice(country.motifs),
            workers=rng.randint(low, high),
            founded=rng.randint(1962, 2018),
            products=rng.sample(sector.products, min(2, len(sector.products))),
            facility=rng.choice(_FACILITIES.get(role, sector.facilities)),
            origins=country.origins,
        )
        self._name_draft(draft)
        suffix = ".example.org" if role == ASSOCIATION else ".example.com"
        draft.domain = _slug(draft.short)[:40] + suffix
        return draft

    def _name_draft(self, draft: _Draft) -> None:
        """Give the draft an English name no other organisation of this run has.

        Legal forms are left out of the comparison, as the duplicate hints leave them out.
        """
        rng = self.rng
        country, sector = draft.country, draft.sector
        words: tuple[str, ...]
        for attempt in range(80):
            if attempt:
                draft.city = rng.choice(country.cities)
                draft.motif = rng.choice(country.motifs)
            draft.extra, draft.qualified = "", False
            if draft.role == ASSOCIATION:
                words = _ASSOCIATION_WORDS
                if sector.name not in _SERVICE_SECTORS:
                    words += _EXPORTER_WORDS
                draft.word = rng.choice(words)
                draft.short = f"{draft.city[0]} {sector.words[0]} {draft.word}"
                draft.english = draft.short
            else:
                words = (sector.words[0], "Brands") if draft.role == BRAND else sector.words
                draft.word = rng.choice(words)
                draft.short = f"{draft.motif[0]} {draft.word}"
                draft.english = draft.short
                if rng.random() < 0.3 or attempt > 10:
                    draft.extra = rng.choice(_EXTRAS)[0]
                    draft.english += " " + draft.extra
                if rng.random() < 0.2 or attempt > 20:
                    draft.qualified = True
                    draft.english += f" ({draft.city[0]})"
            if draft.english.lower() not in self.used:
                break
        else:  # every combination tried is taken: number this one
            draft.english += f" No. {len(self.used) + 1}"
        self.used.add(draft.english.lower())

    def _local_name(self, draft: _Draft, public: bool) -> str:
        """The organisation's name in its country's script ("" where it has none)."""
        script = draft.country.script
        if not script:
            return ""
        rng = self.rng
        sector = rng.choice(draft.sector.local.get(script) or (_GENERIC_INDUSTRY[script],))
        city = draft.city[1]
        if draft.role == ASSOCIATION:
            return {
                TH: f"ชมรมผู้ประกอบการ{sector}{city}",
                KM: f"សមាគម{sector}{city}",
                MY: f"{city} {sector} အသင်း",
                VI: f"Hiệp hội {sector} {city}",
                HANS: f"{city}{sector}商会",
                HANT: f"{city}{sector}商會",
            }[script]
        motif = draft.motif[1]
        extra = dict(_EXTRAS).get(draft.extra, {}).get(script, "") if draft.extra else ""
        where = city if draft.qualified else ""
        place = f"({where})" if where else ""
        parts: tuple[str, ...]
        if script == TH:
            if draft.sector.name == RECRUITMENT:
                return " ".join(p for p in ("บริษัท จัดหางาน", motif, extra, "จำกัด") if p)
            legal = "จำกัด (มหาชน)" if public else "จำกัด"
            parts = ("บริษัท", motif, sector, extra, place, legal)
            return " ".join(p for p in parts if p)
        if script == KM:
            parts = ("ក្រុមហ៊ុន", sector, motif, extra, place)
            return " ".join(p for p in parts if p)
        if script == MY:
            parts = (motif, sector, extra, place, "ကုမ္ပဏီ လီမိတက်")
            return " ".join(p for p in parts if p)
        if script == VI:
            form = "Công ty Cổ phần" if public else "Công ty TNHH"
            return " ".join(p for p in (form, extra, sector, motif, where) if p)
        # Chinese: no spaces, and the place comes first.
        legal = "股份有限公司" if draft.country.name == "Taiwan" and public else "有限公司"
        return f"{where}{motif}{sector}{extra}{legal}"

    def _names(self, draft: _Draft) -> tuple[str, list[str]]:
        rng = self.rng
        country = draft.country
        if draft.role == ASSOCIATION:
            english = draft.english
            public = False
        else:
            form = rng.choice(country.forms)
            if draft.qualified and form.startswith("("):  # not "X (Kampot) (Cambodia) Co."
                form = country.forms[0]
            public = form in _PUBLIC_FORMS
            prefix = f"{country.legal_prefix} " if country.legal_prefix else ""
            english = f"{prefix}{draft.english} {form}".strip()
        local = self._local_name(draft, public) if rng.random() < 0.9 else ""
        for _ in range(5):  # two English names can share a local one: keep local names unique
            if not local or local not in self.used:
                break
            local = self._local_name(draft, public)
        else:
            local = ""
        if local:
            self.used.add(local)
        others: list[str] = []
        # Vietnamese and Chinese companies are usually registered under their local name.
        local_first = {VI: 0.6, HANS: 0.5, HANT: 0.3}.get(country.script, 0.25)
        if local and rng.random() < local_first:
            name = local
            others.append(english)
        else:
            name = english
            if local:
                others.append(local)
        initials = "".join(w[0] for w in draft.english.split() if w[:1].isupper())
        if 3 <= len(initials) <= 5 and rng.random() < 0.4:
            others.append(initials)
        if rng.random() < 0.4 or not others:
            others.append(draft.short if draft.role != ASSOCIATION else initials or draft.short)
        return name, list(dict.fromkeys(others))

    def _sectors(self, draft: _Draft) -> list[str]:
        sectors = [draft.sector.name]
        if draft.sector.related and self.rng.random() < 0.3:
            sectors.append(self.rng.choice(draft.sector.related))
        if draft.role in _MAKERS and self.rng.random() < 0.05:
            sectors.append(self.rng.choice(_FREE_SECTORS))
        return sectors

    def _countries(self, draft: _Draft) -> list[str]:
        rng = self.rng
        countries = [draft.country.name]
        if draft.role == RECRUITER and not draft.origins:
            countries += rng.sample(_DESTINATIONS, rng.randint(1, 3))
        elif draft.role in (BRAND, INVESTOR):
            producers = [c.name for c in _COUNTRIES if c.name not in _BUYER_COUNTRIES]
            countries += rng.sample(producers, rng.randint(1, 4))
        elif rng.random() < 0.25:
            countries.append(rng.choice(_COUNTRIES).name)
        if rng.random() < 0.03:
            countries.append(rng.choice(_FREE_COUNTRIES))
        return list(dict.fromkeys(countries))

    def _places(self, draft: _Draft) -> str:
        rng = self.rng
        latin, local = draft.city
        if draft.country.script == VI:
            city = local  # Vietnamese place names keep their diacritics
        elif local and rng.random() < 0.3:
            city = f"{latin} ({local})"
        else:
            city = latin
        places = [f"{draft.facility[:1].upper() + draft.facility[1:]} in {city}"]
        others = [c for c in draft.country.cities if c != draft.city]
        for other in rng.sample(others, min(len(others), rng.randint(0, 2))):
            if draft.role in (RECRUITER, ASSOCIATION, INVESTOR, BRAND):
                kind = rng.choice(("office", "branch office"))
            else:
                kind = rng.choice(("office", "second site", "warehouse", "sub-contractor"))
            places.append(f"{kind} in {other[1] if draft.country.script == VI else other[0]}")
        if draft.role == BRAND:
            hubs = rng.sample(_SOURCING_HUBS, 2)
            places.append("sourcing offices in " + _join(hubs))
        return "; ".join(places)

    def _memberships(self, draft: _Draft) -> list[str]:
        rng = self.rng
        count = _weighted(rng, [(1, 55), (2, 30), (3, 15)])
        options = list(draft.sector.memberships)
        if draft.role == BRAND:
            options += [BETTER_BUYING, UNGC]
            count += 1
        options = list(dict.fromkeys(options))
        memberships = rng.sample(options, min(count, len(options)))
        if rng.random() < 0.06:
            memberships.append(rng.choice(_FREE_MEMBERSHIPS))
        return memberships

    def _tags(self, draft: _Draft) -> list[str]:
        rng = self.rng
        tags = rng.sample(_GENERAL_TAGS, rng.randint(1, 3))
        if rng.random() < 0.6:
            tags.append(rng.choice(draft.sector.tags))
        if rng.random() < 0.2:
            tags.append(f"follow-up Q{rng.randint(1, 4)} {rng.randint(2024, 2026)}")
        return list(dict.fromkeys(tags))

    # ----- texts

    def _workforce(self, draft: _Draft) -> str:
        rng = self.rng
        if draft.role in (BRAND, INVESTOR, ASSOCIATION):
            staff = f"{draft.workers:,} staff"
            return f"It has about {staff} at head office and in regional offices."
        if draft.origins and rng.random() < 0.8:
            share = rng.randrange(20, 90, 5)
            origins = _join(rng.sample(draft.origins, min(2, len(draft.origins))))
            clause = f", around {share}% of them {origins} migrant workers"
        else:
            clause = rng.choice(
                (
                    ", mostly women from rural provinces",
                    ", many of them internal migrants",
                    ", with seasonal workers added at peak times",
                    ", a third of them on short-term contracts through agencies",
                )
            )
        return f"Founded in {draft.founded}, it employs about {draft.workers:,} people{clause}."

    def _description(self, draft: _Draft) -> str:
        rng = self.rng
        c, city = draft.country, draft.city[0]
        where = _where(city, c.name)
        products = _join(draft.products)
        markets = _join(rng.sample(_MARKETS, 2))
        sector_lower = draft.sector.name.lower()
        if draft.role == SUPPLIER:
            opening = (
                f"{draft.short} runs {_article(draft.facility)} in {where}, "
                f"making {products} for export to {markets}."
            )
        elif draft.role == FARM:
            opening = (
                f"{draft.short} operates {_article(draft.facility)} near {where}, "
                f"producing {products}."
            )
        elif draft.role == BRAND:
            hubs = _join(rng.sample(_SOURCING_COUNTRIES, 2))
            opening = (
                f"{draft.short} is {_article(c.adjective)} company that buys {products} from "
                f"suppliers in {hubs} and sells them under its own brands in {markets}."
            )
        elif draft.role == RECRUITER:
            if draft.origins:
                opening = (
                    f"{draft.short} is a licensed recruitment agency in {city} that brings "
                    f"{_join(list(draft.origins[:2]))} {products} to employers in {c.name}."
                )
            else:
                destinations = _join(rng.sample(_DESTINATIONS[:7], 2))
                opening = (
                    f"{draft.short} is a licensed recruitment agency in {city} that places "
                    f"{c.adjective} {products} with employers in {destinations}."
                )
        elif draft.role == ASSOCIATION:
            opening = (
                f"{draft.english} brings together about {rng.randint(12, 180)} member "
                f"companies in the {sector_lower} sector around {where}."
            )
        elif draft.role == INVESTOR:
            opening = (
                f"{draft.short} is an investment firm in {city} active in {products}, "
                f"with holdings in food, garment and electronics companies across Asia."
            )
        else:
            opening = f"{draft.short} provides {products} to exporters in and around {where}."
        covid = _COVID_SENTENCES.get(draft.role, _COVID_SENTENCES[SUPPLIER])
        who = "The association" if draft.role == ASSOCIATION else "The company"
        ownership = _OWNERSHIP.get(draft.role, _OWNERSHIP[SUPPLIER])
        middles = [
            self._workforce(draft),
            rng.choice(covid).format(share=rng.randrange(20, 70, 5)),
            f"{who} {rng.choice(ownership)}.",
            rng.choice(_STANCES).format(country=rng.choice(_SOURCING_COUNTRIES)),
        ]
        chosen = rng.sample(middles, rng.randint(2, 3))
        return " ".join([opening, *chosen])

    def _worker_languages(self, draft: _Draft) -> list[str]:
        """The languages the workers concerned speak (a brand's: its suppliers' workers)."""
        if draft.role == BRAND:
            return self.rng.sample(_SOURCING_LANGUAGES, 2)
        if draft.role == RECRUITER and not draft.origins:
            return [draft.country.language, "English"]
        languages = [draft.country.language]
        return languages + [_LANGUAGES[o] for o in draft.origins if o in _LANGUAGES][:2]

    def _fair_labour(self, draft: _Draft, memberships: list[str]) -> str:
        rng = self.rng
        languages = self._worker_languages(draft)
        options = _FAIR_LABOUR.get(draft.role, _FAIR_LABOUR[SUPPLIER])
        sentences = [
            text.format(
                year=rng.randint(2019, 2025),
                n=rng.randint(12, 900),
                findings=rng.randint(2, 14),
                audit=rng.choice(("SMETA 4-pillar", "amfori BSCI", "SA8000", "RBA VAP")),
                languages=_join(languages),
                city=draft.city[0],
            )
            for text in rng.sample(options, rng.randint(2, 3))
        ]
        if memberships and rng.random() < 0.6:
            sentences.append(f"Member of {memberships[0]} since {rng.randint(2012, 2024)}.")
        return " ".join(sentences)

    def _notes(self, draft: _Draft, stage: str, contacts: list[Contact]) -> str:
        rng = self.rng
        when = self.day(date(2020, 3, 1), LAST_HEADLINE_DAY)
        role = next(c.role for c in contacts if c.primary)
        idea = rng.choice(_IDEAS)
        stage_notes = {
            "Identified": (
                f"Came up in a news item on {rng.choice(_TOPICS)} ({rng.choice(_SOURCES)}). "
                "Not researched yet.",
                f"Suggested by {rng.choice(_INTRODUCERS)} as a possible partner on "
                f"{rng.choice(_TOPICS)}.",
            ),
            "Researched": (
                f"Desk research done in {when:%B %Y}; the profile covers the four homework "
                "points. Next: find the right person to contact.",
                f"Researched {when:%d %B %Y}. Their buyers' public supplier lists mention "
                f"the {draft.city[0]} site.",
            ),
            "Contacted": (
                f"Emailed the {role} on {when.isoformat()}; awaiting a reply.",
                f"Called on {when.isoformat()}; the {role} asked for a short written summary "
                "before agreeing to an interview.",
            ),
            "Interviewed": (
                f"Interviewed on {when.isoformat()} with the outreach questionnaire. "
                f"COVID-19 disruption {rng.randint(3, 10)}/10; openness to partner with CSOs "
                f"{rng.randint(2, 10)}/10.",
                f"Interview {when.isoformat()}: most pressing issue is "
                f"{rng.choice(('cash flow', 'finding workers', 'buyer audits', 'rising costs'))}.",
            ),
            "Exploring partnership": (
                f"Discussing a pilot of {idea}. Next meeting planned for "
                f"{(when + timedelta(days=30)):%B %Y}.",
                f"Draft concept note on {idea} shared on {when.isoformat()}; they want a "
                "co-funding split.",
            ),
            "Active partner": (
                f"Partnership agreement signed {when.isoformat()} for {idea}. "
                "Quarterly check-ins with the sustainability team.",
                f"Active since {when:%B %Y}: {idea}. First results shared with two buyers.",
            ),
            "Not pursuing": (
                f"Decided in {when:%B %Y} not to pursue: "
                + rng.choice(
                    (
                        "no decision-maker willing to engage.",
                        "unresolved adverse findings; revisit after remediation.",
                        "overlaps with another partner's programme.",
                        "the company closed its site in the region.",
                    )
                ),
            ),
        }
        notes = [rng.choice(stage_notes[stage])]
        notes.append(
            rng.choice(
                (
                    f"Language for the interview: {_with_english(draft.country.language)}.",
                    "Check the latest adverse headline before any meeting.",
                    f"Shares suppliers with two other organisations in {draft.city[0]}.",
                    "Good candidate for pre-competitive collaboration on training.",
                    "Sensitive: the owner dislikes the word 'trafficking'; talk about "
                    "responsible recruitment instead.",
                )
            )
        )
        return " ".join(notes)

    # ----- contacts and headlines

    def _person(self, country: _Country) -> Pair:
        rng = self.rng
        if country.people:
            return rng.choice(country.people)
        given, family = rng.choice(country.given), rng.choice(country.family)
        if country.family_first:
            latin = f"{family[0]} {given[0]}"
            joiner = "" if country.script in (HANS, HANT) else " "
            local = f"{family[1]}{joiner}{given[1]}" if country.script else ""
        else:
            latin = f"{given[0]} {family[0]}"
            local = f"{given[1]} {family[1]}" if country.script else ""
        if country.script == VI:  # the Latin form of a Vietnamese name drops its diacritics
            latin = _ascii(local)
        return latin, local

    def _contacts(self, draft: _Draft) -> list[Contact]:
        rng = self.rng
        country = draft.country
        people: list[Pair] = []
        while len(people) < CONTACTS_PER_ORGANISATION:
            person = self._person(country)
            if person not in people:
                people.append(person)
        titles = _JOB_TITLES.get(draft.role, _JOB_TITLES["default"])
        roles = rng.sample(titles, CONTACTS_PER_ORGANISATION)
        primary = _weighted(rng, [(0, 70), (1, 20), (2, 10)])
        contacts = []
        emails: set[str] = set()
        for index, ((latin, local), role) in enumerate(zip(people, roles, strict=True)):
            if local and country.script == VI:
                name = local
            elif local:
                name = rng.choice((local, latin, f"{latin} ({local})"))
            else:
                name = latin
            words = [w for w in _slug_words(latin) if w not in ("u", "daw", "ko", "ma")]
            first, last = (words[-1], words[0]) if country.family_first else (words[0], words[-1])
            local_part = rng.choice((f"{first}.{last}", f"{first[0]}{last}", first))
            if local_part in emails:
                local_part = f"{first}.{last}"
            while local_part in emails:
                local_part += str(rng.randint(1, 9))
            emails.add(local_part)
            notes = self._contact_note(draft, role)
            if index == primary:
                notes = "Main contact for the interview. " + notes
            contacts.append(
                Contact(
                    name=name,
                    role=role,
                    email=f"{local_part}@{draft.domain}",
                    phone=self.phone(country),
                    notes=notes,
                    primary=index == primary,
                )
            )
        return contacts

    def _contact_note(self, draft: _Draft, role: str) -> str:
        rng = self.rng
        year = rng.randint(2019, 2025)
        return rng.choice(
            (
                f"Speaks {_with_english(draft.country.language)}.",
                f"Prefers {draft.country.chat} messages to email; replies within a day or two.",
                f"Met at {rng.choice(_EVENTS)} in {year}; interested in {rng.choice(_TOPICS)}.",
                f"Introduced by {rng.choice(_INTRODUCERS)} in {year}.",
                f"Handles worker grievances at the {draft.city[0]} site."
                if draft.role in _PRODUCERS
                else f"Based at the {draft.city[0]} office.",
                "Reachable mornings only; an assistant screens calls.",
                "Cautious about sharing audit reports; needs the owner's sign-off.",
                f"New in the {role} post since {year}; keen to show early results.",
            )
        )

    def _some_workers(self, draft: _Draft) -> int:
        """A number of workers for a news story: part of the workforce, where it has one."""
        if draft.role in _PRODUCERS:
            return max(3, round(draft.workers * self.rng.uniform(0.1, 0.6)))
        return self.rng.randrange(40, 2000, 10)

    def _headlines(self, draft: _Draft) -> list[Headline]:
        rng = self.rng
        adverse = rng.choice((0.1, 0.25, 0.4, 0.6))  # how troubled this organisation looks
        script = draft.country.script if draft.role in _PRODUCERS else ""
        pool = [n for n in (*draft.sector.headlines, *_HEADLINES) if draft.role in n.roles]
        headlines: list[Headline] = []
        while len(headlines) < HEADLINES_PER_ORGANISATION:
            if script and rng.random() < 0.12:
                tone, text = rng.choice(_LOCAL_HEADLINES[script])
                first, last = 2020, 2025
                source = rng.choice(_LOCAL_SOURCES[script])
            else:
                wanted = (
                    "Adverse" if rng.random() < adverse else rng.choice(("Positive", "Neutral"))
                )
                news = rng.choice([n for n in pool if n.tone == wanted] or pool)
                pool.remove(news)
                tone, text, first, last = news.tone, news.text, news.first, news.last
                source = rng.choice(_SOURCES)
            if any(h.headline == text for h in headlines):
                continue  # the same local story twice
            day = self.day(date(first, 1, 1), min(date(last, 12, 31), LAST_HEADLINE_DAY))
            origin = rng.choice(draft.origins) if draft.origins else draft.country.adjective
            text = text.format(
                org=draft.short,
                fee=f"{rng.randrange(500, 4000, 50):,}",
                n=f"{self._some_workers(draft):,}",
                facility=draft.facility,
                city=draft.city[0],
                origin=origin,
                language=_join(self._worker_languages(draft)[:2]),
                product=rng.choice(draft.sector.products),
                destination=rng.choice(_DESTINATIONS),
                last_year=day.year - 1,
            )
            words = _slug_words(text)[:9]
            story = "-".join(words) if len(words) >= 3 else "story"
            link = f"{rng.choice(_NEWS_SITES)}/{day:%Y/%m}/{story}-{rng.randrange(10_000, 99_999)}"
            headlines.append(
                Headline(
                    headline=text,
                    date=day.isoformat(),
                    source=source,
                    link=link,
                    tone=tone,
                    note=rng.choice(_HEADLINE_NOTES[tone]),
                )
            )
        return sorted(headlines, key=lambda h: h.date, reverse=True)


def _slug_words(text: str) -> list[str]:
    cleaned = "".join(c if c.isalnum() else " " for c in _ascii(text).lower())
    return cleaned.split()


def _write(tx: Transaction, org: Organisation) -> tuple[str, list[str]]:
    """Write one profile; return its id and its contacts' ids (in the profile's order)."""
    values = org.values()
    values.pop("primary_contact_id")
    org_id = tx.create(ORGANISATION, values)
    primary = ""
    contact_ids = []
    for contact in org.contacts:
        contact_id = tx.create(CONTACT, {"org_id": org_id, **contact.values()})
        contact_ids.append(contact_id)
        if contact.primary:
            primary = contact_id
    for headline in org.headlines:
        tx.create(HEADLINE, {"org_id": org_id, **headline.values()})
    tx.set(ORGANISATION, org_id, "primary_contact_id", primary)
    return org_id, contact_ids


def _facts(
    org: Organisation, draft: _Draft, org_id: str, contact_ids: list[str]
) -> DemoOrganisation:
    """What the interview generator needs to know of a written organisation."""
    return DemoOrganisation(
        id=org_id,
        name=org.name,
        stage=org.stage,
        country=draft.country.name,
        country_adjective=draft.country.adjective,
        language=draft.country.language,
        sector=draft.sector.name,
        role=draft.role,
        size=draft.size,
        city=draft.city[0],
        workers=draft.workers,
        products=tuple(draft.products),
        facility=draft.facility,
        origins=draft.origins,
        origin_languages=tuple(_LANGUAGES[o] for o in draft.origins if o in _LANGUAGES),
        chat=draft.country.chat,
        contacts=tuple(
            DemoContact(contact_id, contact.name, contact.role, contact.primary)
            for contact_id, contact in zip(contact_ids, org.contacts, strict=True)
        ),
    )


def demo_organisations(count: int, seed: int) -> list[Organisation]:
    """The validated profiles generate_demo would write for a seed (without writing them).

    Their stages are as generated, before completed interviews move some of them forward.
    """
    maker = _Maker(random.Random(seed))
    return [maker.organisation() for _ in range(count)]


def generate_demo(
    workspace: Workspace,
    organisations: int,
    seed: int,
    progress: Callable[[int, int], bool] | None = None,
    *,
    batch_size: int = BATCH_SIZE,
    interviews_per_org: float = INTERVIEWS_PER_ORGANISATION,
) -> int:
    """Add `organisations` fictional organisational profiles; return how many were added.

    Then interviews with them, ``interviews_per_org`` per organisation on average (rounded
    half up in total): drafts and completed ones of both questionnaires, some reviewed and a
    few corrected.

    progress(done, total) is called after each batch, counting organisations and then
    interviews (total = organisations + interviews); returning False cancels (what was
    committed stays, and no interviews follow a cancelled run of organisations).
    Deterministic for a seed: same seed, same names and field values, whatever the batch
    size. Each batch of organisations is one transaction (one undo step) in the change log;
    interviews are written like the app writes them, each its own (not undoable) action.
    """
    if organisations < 0:
        raise ValueError("the number of organisations cannot be negative")
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    if not interviews_per_org >= 0:  # also refuses NaN
        raise ValueError("the number of interviews per organisation cannot be negative")
    interviews = interview_count(organisations, interviews_per_org)
    total = organisations + interviews
    maker = _Maker(random.Random(seed))
    written: list[DemoOrganisation] = []
    while len(written) < organisations:
        done = len(written)
        batch = []
        for _ in range(min(batch_size, organisations - done)):
            org = maker.organisation()
            assert maker.last_draft is not None
            batch.append((org, maker.last_draft))
        label = f"add demo organisations {done + 1}-{done + len(batch)}"
        with workspace.log.transaction(label) as tx:
            for org, draft in batch:
                written.append(_facts(org, draft, *_write(tx, org)))
        if progress is not None and not progress(len(written), total):
            return len(written)

    def report(count: int) -> bool:
        return progress is None or progress(organisations + count, total)

    plans = plan_interviews(written, interviews, seed)
    write_interviews(workspace, plans, report, batch_size=batch_size)
    return len(written)
