"""The regular expressions that find figures in running Chinese text.

One master pattern holds an alternative per figure shape, tried in priority order at each
position: codes and dates first, so that `028-86611442` and `1-8月` are never read as
quantities. Whitespace (PDF line breaks included) is allowed between the numeral, its
multiplier, its qualifier and its unit, because extracted pages break inside figures
(`7.1⏎⏎亿余条`, `380余⏎万户`).
"""
from __future__ import annotations

import re

D = "[0-9０-９]"
# Invisible format characters (zero-width space and joiners, soft hyphen, BOM, bidi marks):
# pasted from a PDF or a CMS they sit inside figures ("66\u200b74人"), and a character no
# reader sees must not split what every reader sees as one number.
# Not the bidirectional embeddings, overrides and isolates (U+202A–202E, U+2066–2069): they
# reorder what the reader sees ("\u202e4766\u202c" shows as 6674), so a numeral they touch is
# split there, and the article gets a located warning (bidi.py).
INVISIBLE = "\u00ad\u200b-\u200f\u2060-\u2064\ufeff"
INV = f"[{INVISIBLE}]*"
WS = rf"[ \t\r\n\u3000{INVISIBLE}]*"
# A thousands separator is exactly three digits after an ASCII comma with no space:
# clauses in PDF text are separated by `, ` (ASCII comma then space), and `分别为12,15和18`
# are three figures. A full-width comma groups full-width digits here (７３５，０１４．５元);
# between ASCII digits it is most often the clause break of Chinese text, and figures.join_groups
# decides afterwards when it separates thousands (52，016辆), with the clause in view.
DIGITS = rf"{D}(?:{INV}{D})*"
FW = "[０-９]"
# A thin, no-break or plain space groups thousands in statistics copy (收案271 997件, 59 225宗)
# only where a unit or a word follows straight after: `12 345 678` with spaces after it is a row
# of table cells, and two figures are never joined across a line break.
SPACED = r"(?<![0-9０-９.．,，])[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?![0-9０-９.．,，\s])"
# A line that is one spaced number and nothing else (57 837, 10 536 205, 2 448.3, -9 540: a
# yearbook table printed one cell per line) is one figure too: two figures would be two
# cells, each on its own line.
LONE_SPACED = (r"(?:(?<=\n)|(?<=\n[-−－])|(?<=\n[-−－] )|^)[0-9]{1,3}(?:[ \u00a0\u2009\u202f][0-9]{3})+(?:[.．][0-9]+)?"
               r"(?=[ \t]*(?:\n|$))")
# Cells run together (320.6715,848,259,875.44): an amount in grouped digits keeps two decimals
# when the digits after them start another grouped number.
CELL_CENTS = rf"{D}{{2}}(?={D}{{1,3}}(?:,{D}{{3}})+(?!{D}))"
NUM = (rf"{D}{{1,3}}(?:,{D}{{3}})+(?!{D})(?:[.．﹒](?:{CELL_CENTS}|{D}+))?"
       rf"|{SPACED}|{LONE_SPACED}"
       rf"|{FW}{{1,3}}(?:，{FW}{{3}})+(?!{D})(?:[.．﹒]{D}+)?"
       rf"|{DIGITS}(?:{INV}[.．﹒]{INV}{DIGITS})?")
CN_DIGITS = "零〇一二两三四五六七八九十百千万亿"
CN = f"[{CN_DIGITS}]+"

CURRENCY = ("美元", "港元", "港币", "澳门元", "澳门币", "澳元", "新台币", "台币", "人民币", "欧元", "日元",
            "英镑", "元", "蚊", "韩元", "日圆", "新元", "令吉", "泰铢", "卢布", "卢比", "越南盾")
PHYSICAL = (
    "GWh", "kWh", "GW", "MW", "kW", "KW", "千瓦时", "千瓦", "兆瓦", "吉瓦",
    "平方公里", "平方千米", "平方米", "公里", "千米", "厘米", "毫米", "米", "公顷", "亩",
    "万吨", "公吨", "吨", "千克", "公斤", "克", "斤", "安培", "伏", "立方米", "标准箱", "TEU",
    "平方公尺", "立方公尺", "公尺",  # Taiwan's metre (公尺) and metric ton (公吨, 公噸)
    "㎡", "m²",  # the square metre's symbol, as housing statistics print it (0.8674万㎡)
    "℃", "°C", "度",  # degrees (最高29度); 度 is also a kilowatt-hour (用电量50亿度), a unit either way
    "点",  # an index's points (收报17,651点); not a clock time (8点钟, 3点半), see _NOT_AFTER
)
DURATION = ("个月", "小时", "分钟", "年", "天", "周", "秒", "岁")
COUNTERS = (
    "人次", "批次", "家", "人", "名", "位", "件", "户", "条", "个", "项", "笔", "所", "台",
    "套", "辆", "座", "只", "头", "张", "份", "次", "批", "类", "种", "款", "场", "届", "强",
    "支", "处", "间", "栋", "篇", "部", "例", "起", "宗", "艘", "架", "列", "吨次", "亿次", "票",
    "枚", "班次", "班", "本", "册", "双", "棵", "株", "首", "门", "颗", "粒", "匹", "幅", "箱", "剂", "校", "股",
    "分",  # a rating's or a score's points (评分35.2分, 得22分); 3时20分 is a time, read first
    "席",  # seats (国盟16席, 赢得34席)
    "面",  # medals and flags (奖牌总数67面); not 面积, 面临, 面对 (see _NOT_AFTER)
    "块", "幢", "盏",  # screens, plots, buildings, lamps; 5块钱 is money (see _NOT_AFTER)
)
# 个(gè)百分点: reposting sites print pinyin after each character, inside the unit too;
# normalize.simplified blanks the reading, the original form is kept for raw text.
PERCENTS = ("个百分点", "个    百分点", "个(gè)百分点", "百分点", "%", "％", "‰")
# 成 (tenths) after a numeral, unless it starts a word: 3成功, 一成不变 (两成为新客户 is 20%).
NOT_CHENG = "(?!功|立|交|本|员|果|绩|熟|长|都|型|效|就|品|份|分|年|语|批|套|片|群|不变)"
UNITS = PERCENTS + ("倍", "成") + CURRENCY + PHYSICAL + DURATION + COUNTERS
# Words a unit may not start: 3000万票房 is box office, not votes.
_NOT_AFTER = {"席": "(?![卷捲])", "块": "(?![钱錢])", "面": "(?![积積向对對临臨前上下貌值额額板料包条條膜部具孔试試世粉])", "点": "(?![钟鐘半整多零前后後左])", "股": "(?![票东份价市权息本民指评金])", "票": "(?![房价据证务])", "成": NOT_CHENG, "班": "(?![子组长级主底车])",
              "本": "(?![报市次年月日届期地土科身])", "首": "(?![都府次先批席位届发])", "门": "(?![诊户票槛口店])",
              "幅": "(?![度])", "新元": "(?![素年旦])", "校": "(?![长园區区内外友庆训服车址舍际级])",
              "次": "(?!产业)",  # 三次产业 is the three sectors, no count of times
              "宗": "(?![教旨族亲親师師派祠])", "例": "(?![如外子行会會句证證题題])",
              "分": "(?![之钟鐘秒析别別局区區行队隊配布成享散摊攤期批类類解红紅子公店部会會站厂廠院所支母数數])"}
UNIT_RE = "|".join(re.escape(u) + _NOT_AFTER.get(u, "") for u in sorted(UNITS, key=len, reverse=True))

# Measure words after a Chinese numeral. Chinese numerals are mostly not statistics
# (四川, 一带一路, 一号工程), so only these are taken.
CN_MEASURES = (
    "个百分点", "个", "项", "家", "名", "位", "大", "佳", "级", "批", "次", "条", "类", "种",
    "成", "倍", "番", "强", "市", "县", "所", "座", "台", "件", "户", "笔", "人", "支", "场",
    "轮", "款", "亿元", "万元", "元",
    "宗", "例",  # 分别为287宗和四宗: cases, in Hong Kong's and the mainland's words
)
CN_MEASURE_RE = "|".join(re.escape(u) + _NOT_AFTER.get(u, "") for u in sorted(CN_MEASURES, key=len, reverse=True))
# What may follow 成 and belongs to the figure: 九成半 (95%), 一成七 (17%), then 七成多, 五成以上.
# A digit after 成 ends its clause (近三成一线城市 is 30% of first-tier cities).
CHENG_TAIL = r"半|[一二三四五六七八九](?=[，,。；;、：:的）)」』\s]|$|左右|以上|以下|多)"
POST_QUALIFIERS = "以上|以下|左右|多"

# Share words. A fraction 三分之一 (the denominator a small numeral: 百分之 and 千分之 are
# percent and per mille) and the halves: 一半, 半数, 过半, 逾半, 近半, 大半. 半 that is half of a
# year, a month, a day or a match (上半年, 近半年, 大半天, 过半个月, 半场) or part of a word
# (半岛, 半导体) is none.
SHARE_PRE = "超过|超出|超|逾|将近|接近|近|不足|不到|大约|约"
FRACTION = "[一二两三四五六七八九十]+分之[一二两三四五六七八九十]+"
NOT_HALF_OF = ("(?!年|个|月|天|日|夜|小时|钟|点|分|秒|周|世纪|辈|生|晌|宿|程|场|岛|导|径|价|边|壁|截|身|山|"
               "空|路|途|拉|斤|两|公里|里|米|张|只|条|块|杯|碗|瓶|句|步|信半疑)")

PRE_QUALIFIERS = "超过|超出|超|逾|突破|将近|接近|(?<!最)近|不足|不到|大约|约"
YU = "余|多(?!元化)"
# 兆 is 10^12 in Taiwanese, Hong Kong and Malaysian money (1.056兆令吉, 8兆8800亿人民币); before
# 瓦, 帕, 赫 or 字节 it is mega, a unit prefix, so it is a multiplier only before money or 亿.
TRILLION = "兆(?=[ \u3000]?(?:[0-9０-９]{3,4}亿|[0-9]{1,3}(?:,[0-9]{3})?(?:[.．][0-9]+)?亿|元|人民币|美元|新台币|台币|港元|港币|日元|日圆|令吉|马币|新元|欧元|韩元))"
MULT = f"万亿|{TRILLION}|亿|千万|百万|万|千(?![瓦米克{CN_DIGITS}])"

# A minus sign: a hyphen, U+2212 or a full-width hyphen right before the digits (净利润 -990,003,784.54,
# 增长-3.2%, 下降−5%). Not after a digit, a letter, a percent sign or a multiplier or currency
# word, nor after a digit and one space: there the hyphen joins two figures into a range (60-72港元,
# 3%-5%, 3万-5万元, 60 -72) or belongs to a code; nor before a date, which has no sign
# (５月２６日－６月１日, 2019年-2020年).
# 6成多 and 3倍多 are more than six tenths and three times (not 多数, 多于, 多少).
MORE_AFTER = "(?<=[成倍])多(?![数于少样元])"
SIGN = (rf"(?=[-−－])(?<![0-9０-９A-Za-z%％‰万亿千百元])(?<![0-9０-９] )[-−－](?!{D}{{1,4}}{WS}[年月日号])"
        # - 1.05 alone on its line: a table's cell, signed with a space after the sign (not a
        # list's bullet, which has words after the number).
        rf"(?:(?<=\n[-−－]) (?=[0-9][0-9 .]*[ \t]*(?:\n|$)))?")
# What joins the two bounds of a range (60-72港元, 60至72港元, 1.2万~1.5万人); figures.join_ranges reads it.
RANGE_SEP = re.compile(r"[ \t\u3000]*(?:[-－~～〜–]|—{1,2}|至|到)[ \t\u3000]*")

_ALTERNATIVES = [
    ("code", rf"(?<![0-9A-Za-z]){D}{{3,4}}-{D}{{7,8}}(?!{D})"),
    ("date", rf"{D}{{4}}{WS}年{WS}{D}{{1,2}}{WS}月{WS}{D}{{1,2}}{WS}[日号]"
             rf"|{D}{{1,2}}{WS}月{WS}{D}{{1,2}}{WS}[日号]"
             rf"|{D}{{4}}{WS}年{WS}{D}{{1,2}}{WS}月"
             # Taiwan's years (115年1月30日, 民國115年1月) before a month are dates too.
             rf"|(?<!{D}){D}{{2,3}}{WS}年{WS}(?:1[0-2]|[1-9])(?!{D}){WS}月(?:{WS}{D}{{1,2}}{WS}[日号])?"),
    ("period", rf"{D}{{1,2}}{WS}[-—–~至到]{WS}{D}{{1,2}}{WS}月份?"
               rf"|前{WS}{D}{{1,2}}{WS}个?{WS}月|前[一二三四]季度"),
    ("reldate", rf"(?<!{D}){D}+{WS}(?:个{WS})?(?:天|周|月|年|小时){WS}[前后](?![来面])"),
    ("year", rf"(?<!{D})(?:1[89]|20){D}{{2}}{WS}年(?:[底初末中度])?"),
    ("month", rf"(?<!{D})(?:1[0-2]|[1-9])(?!{D}){WS}月份?"),
    ("rank", rf"第{WS}(?:{NUM}){WS}(?:位|名)?"),
    ("ordinal", rf"第{WS}{CN}(?:届|个|位|名|批|次|期|项|条|季度|大|家|轮|号|章|节|阶段)?"),
    # 约1时半 is a time of day, not the figure 约1.
    ("clock", rf"(?:(?:{PRE_QUALIFIERS}){WS})?(?<!{D}){D}{{1,2}}{WS}时(?:{WS}(?:半|{D}{{1,2}}{WS}分|整))?"
              rf"|(?<!{D}){D}{{1,2}}{WS}点{WS}(?:半|{D}{{1,2}}{WS}分|整)"),
    ("cnpercent", rf"(?P<p_pre>{PRE_QUALIFIERS})?(?P<p_per>[百千])分之(?:(?P<p_num>{CN}(?:点[{CN_DIGITS}]+)?)"
                  rf"|{WS}(?P<p_digits>{NUM}))"),  # 百分之十二点五, and 千分之12.13 in digits
    ("share",
     rf"(?:(?<!最)(?P<s_pre>{SHARE_PRE}){WS}|(?<![另这那几数若第{CN_DIGITS}]))"
     rf"(?P<s_num>{FRACTION}|一半|半数)(?![零〇一二两三四五六七八九十]){NOT_HALF_OF}(?P<s_post>{POST_QUALIFIERS})?"
     rf"|(?P<h_pre>过|逾|超|近|大)(?P<h_num>半数?){NOT_HALF_OF}(?P<h_post>以上|以下|左右)?"),
    # TOP20, Top 10: how many a ranking holds (TOP20的房企仅6家 is 6 of 20), a count with no unit.
    ("top", rf"(?<![A-Za-z])(?:TOP|Top|top){WS}(?P<t_num>{D}{{1,4}})(?![0-9０-９.．%％‰]|{WS}(?:{MULT}))"),
    ("quantity",
     rf"(?:(?P<q_pre>{PRE_QUALIFIERS}){WS})?"
     rf"(?P<q_sign>{SIGN})?(?P<q_num>{NUM})"
     rf"(?:{WS}(?P<q_yu1>{YU}))?(?:{WS}(?P<q_mult>{MULT}))?(?:{WS}(?P<q_yu2>{YU}))?"
     rf"(?:{WS}(?P<q_unit>{UNIT_RE}))?(?:{WS}(?P<q_post>左右|及?以上|及?以下|{MORE_AFTER}))?"),
    ("cnquantity",
     rf"(?:(?P<c_pre>近|将近|接近|上|超过|超|逾|约|大约|不足|不到){WS}|(?<![数几若第{CN_DIGITS}]))"
     rf"(?P<c_num>{CN})(?P<c_yu>余|多)?{WS}(?P<c_unit>{CN_MEASURE_RE})"
     rf"(?:(?<=成)(?P<c_tail>{CHENG_TAIL}))?(?:(?<=[成半一二三四五六七八九])(?P<c_post>{POST_QUALIFIERS}))?"),
]

# Every figure starts with a digit, a Chinese numeral, 第/前, TOP, a sign or a qualifier. Checking
# that first lets the engine skip most positions without trying eleven alternatives.
_FIRST = f"[0-9０-９{CN_DIGITS}第前超逾突将接近不约大上百过半Tt\\-−－]"
MASTER = re.compile(f"(?={_FIRST})(?:" + "|".join(f"(?P<{name}>{body})" for name, body in _ALTERNATIVES) + ")")

FULLWIDTH = str.maketrans("０１２３４５６７８９．﹒，－％", "0123456789..,-%")  # ﹒ (U+FE52) is a decimal point in full-width copy
# A single line break ends a paragraph in news text; a blank line does not end anything in
# PDF text, where it falls inside sentences (`进出\n\n口总值`).
CLAUSE_BREAK = re.compile(r"[，,。；;：:！!？?、（）()“”\"]|(?<!\n)\n(?![ \t\u3000]*\n)")
