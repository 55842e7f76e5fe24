#!/usr/bin/env python3
"""Generate a seeded corpus of raw, messy Chinese key-project news articles.

    python bench/generate.py --n 1000 --out bench/corpora/1k --seed 1
    python bench/generate.py --n 50 --out /tmp/x --check

Every article is composed from this file's own template sentences (written
for the benchmark, in the genre of the seeds) recombined with real
prefecture-level cities, dates, invented project names, amounts, rates and
counts, then dressed in the kinds of noise the seeds show: traditional script,
tone-marked pinyin after characters, GBK byte-shift mojibake, header lines,
page furniture, SEO spam, photo captions, full-width digits, blank-line noise,
CRLF line ends and GB18030 files.  See bench/README.md for the proportions.

Article i depends only on (seed, i), so the same seed gives byte-identical
files and a 1k corpus is the first thousand files of the 10k one.  Files go to
OUT/NNN/NNNNNN.txt, 1000 per folder; a manifest with what was generated
(city, script, encoding, noise) is written next to OUT as OUT.manifest.tsv,
outside the folder that gets ingested.

Stdlib only, plus opencc (opencc-python-reimplemented) for traditional text.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time

import opencc

# --------------------------------------------------------------------------
# Proportions of each kind of noise (probability per article).
# --------------------------------------------------------------------------
P = {
    "traditional": 0.28,       # whole article converted (s2t, or s2tw for a quarter of them)
    "mixed": 0.04,             # some paragraphs traditional, the rest simplified
    "pinyin_if_trad": 0.40,    # of traditional/mixed articles: tone-marked pinyin after characters
    "mojibake_if_trad": 0.07,  # of traditional/mixed articles: one GBK byte-shift run (~2% overall)
    "halfwidth_punct": 0.35,   # ，：；（） written as , : ; ( )
    "fullwidth_digits": 0.08,  # digits (and Latin) in full width
    "header": 0.88,            # source / date / editor header lines
    "furniture": 0.50,         # A+A-, share prompts, hotlines, copyright, 相关新闻
    "seo_spam": 0.12,          # trailing run of place names separated by |
    "captions": 0.15,          # _fororder_ and 供图/摄 caption lines
    "blank_noise": 0.30,       # repeated blank lines, nbsp-only lines, trailing spaces
    "indent": 0.40,            # paragraphs indented by two spaces or two ideographic spaces
    "crlf": 0.10,              # CRLF line ends
    "gb18030": 0.03,           # file encoded in GB18030 instead of UTF-8
    "wind": 0.30,              # article mentions 风电
    "indirect_city": 0.05,     # body says 我市; the city is named once, in 《…》
    "other_city": 0.10,        # another city is mentioned once in passing
    "variant_chars": 0.25,     # of traditional articles: 產 written 産 (as in seed 004)
}

MIN_BYTES = 3 * 1024   # UTF-8 bytes of the article text, inclusive
MAX_BYTES = 8000       # below 8 KB however a KB is counted
PER_DIR = 1000

# --------------------------------------------------------------------------
# Facts: prefecture-level cities with their provinces (short names).
# --------------------------------------------------------------------------
CITIES = (
    ("哈尔滨", "黑龙江"), ("齐齐哈尔", "黑龙江"), ("牡丹江", "黑龙江"), ("佳木斯", "黑龙江"),
    ("大庆", "黑龙江"), ("鸡西", "黑龙江"), ("双鸭山", "黑龙江"), ("七台河", "黑龙江"),
    ("鹤岗", "黑龙江"), ("绥化", "黑龙江"), ("黑河", "黑龙江"),
    ("长春", "吉林"), ("四平", "吉林"), ("通化", "吉林"), ("松原", "吉林"), ("白城", "吉林"),
    ("沈阳", "辽宁"), ("大连", "辽宁"), ("鞍山", "辽宁"), ("抚顺", "辽宁"), ("丹东", "辽宁"),
    ("锦州", "辽宁"), ("营口", "辽宁"), ("阜新", "辽宁"), ("盘锦", "辽宁"), ("铁岭", "辽宁"),
    ("葫芦岛", "辽宁"),
    ("石家庄", "河北"), ("唐山", "河北"), ("秦皇岛", "河北"), ("邯郸", "河北"), ("保定", "河北"),
    ("张家口", "河北"), ("承德", "河北"), ("沧州", "河北"), ("廊坊", "河北"), ("衡水", "河北"),
    ("济南", "山东"), ("青岛", "山东"), ("淄博", "山东"), ("枣庄", "山东"), ("东营", "山东"),
    ("烟台", "山东"), ("潍坊", "山东"), ("济宁", "山东"), ("泰安", "山东"), ("威海", "山东"),
    ("日照", "山东"), ("临沂", "山东"), ("德州", "山东"), ("聊城", "山东"), ("滨州", "山东"),
    ("菏泽", "山东"),
    ("郑州", "河南"), ("开封", "河南"), ("洛阳", "河南"), ("平顶山", "河南"), ("安阳", "河南"),
    ("鹤壁", "河南"), ("新乡", "河南"), ("焦作", "河南"), ("濮阳", "河南"), ("许昌", "河南"),
    ("漯河", "河南"), ("三门峡", "河南"), ("南阳", "河南"), ("商丘", "河南"), ("信阳", "河南"),
    ("周口", "河南"), ("驻马店", "河南"),
    ("太原", "山西"), ("大同", "山西"), ("长治", "山西"), ("朔州", "山西"), ("忻州", "山西"),
    ("临汾", "山西"), ("运城", "山西"),
    ("呼和浩特", "内蒙古"), ("包头", "内蒙古"), ("赤峰", "内蒙古"), ("通辽", "内蒙古"),
    ("鄂尔多斯", "内蒙古"), ("乌兰察布", "内蒙古"), ("巴彦淖尔", "内蒙古"),
    ("徐州", "江苏"), ("盐城", "江苏"), ("南通", "江苏"), ("连云港", "江苏"), ("宿迁", "江苏"),
    ("芜湖", "安徽"), ("蚌埠", "安徽"), ("阜阳", "安徽"), ("滁州", "安徽"), ("六安", "安徽"),
    ("宜昌", "湖北"), ("襄阳", "湖北"), ("荆州", "湖北"), ("黄冈", "湖北"), ("十堰", "湖北"),
    ("株洲", "湖南"), ("衡阳", "湖南"), ("岳阳", "湖南"), ("常德", "湖南"), ("郴州", "湖南"),
    ("九江", "江西"), ("赣州", "江西"), ("上饶", "江西"), ("宜春", "江西"),
    ("兰州", "甘肃"), ("酒泉", "甘肃"), ("武威", "甘肃"), ("张掖", "甘肃"), ("庆阳", "甘肃"),
    ("银川", "宁夏"), ("吴忠", "宁夏"), ("中卫", "宁夏"),
    ("宝鸡", "陕西"), ("咸阳", "陕西"), ("渭南", "陕西"), ("榆林", "陕西"), ("延安", "陕西"),
    ("哈密", "新疆"), ("克拉玛依", "新疆"),
)
PROVINCE_FULL = {"内蒙古": "内蒙古自治区", "宁夏": "宁夏回族自治区", "新疆": "新疆维吾尔自治区"}

# County-level names and stray keywords for trailing SEO spam (a few prefecture cities too).
SPAM_PLACES = (
    "浏阳市", "宁乡市", "醴陵市", "湘乡市", "韶山市", "耒阳市", "常宁市", "汨罗市", "临湘市",
    "津市市", "沅江市", "资兴市", "洪江市", "涟源市", "冷水江市", "隆安县", "马山县", "宾阳县",
    "横县", "融安县", "阳朔县", "灵川县", "全州县", "兴安县", "永福县", "龙胜县", "资源县",
    "平乐县", "恭城县", "荔浦市", "句容市", "丹阳市", "扬中市", "溧阳市", "宜兴市", "江阴市",
    "张家港市", "常熟市", "太仓市", "昆山市", "海门市", "启东市", "如皋市", "东台市", "兴化市",
    "靖江市", "泰兴市", "高邮市", "仪征市", "邳州市", "新沂市", "永泰县", "闽清县", "罗源县",
    "连江县", "平潭县", "嘉荫县", "宝清县", "同江市", "富锦市", "抚远市", "汤原县", "桦川县",
    "英山县", "罗田县", "麻城市", "武穴市", "当阳市", "枝江市", "宜都市", "远安县", "兴山县",
    "博野县", "蠡县", "安国市", "定州市", "泗洪县", "泗阳县", "射阳县", "建湖县", "滨海县",
    "新昌县", "嵊州市", "诸暨市", "余姚市", "慈溪市", "宁海县", "象山县", "会昌县", "瑞金市",
    "于都县", "兴国县", "宁都县", "略阳县", "宁强县", "勉县", "城固县", "洋县", "同仁市",
    "松桃县", "铜仁市", "十堰市", "陇南市", "银川市", "阳泉市", "凤城市", "东港市",
    "财经", "体育", "中超", "房产", "汽车", "教育", "旅游", "健康", "彩票", "娱乐",
)

# --------------------------------------------------------------------------
# Tone-marked readings for the characters that get pinyin annotations (and
# that mojibake runs may end on).  Traditional forms, then simplified forms.
# --------------------------------------------------------------------------
READINGS_TRAD = {
    "設": "shè", "產": "chǎn", "産": "chǎn", "業": "yè", "進": "jìn", "動": "dòng", "個": "gè",
    "點": "diǎn", "項": "xiàng", "開": "kāi", "達": "dá", "現": "xiàn", "實": "shí", "續": "xù",
    "強": "qiáng", "優": "yōu", "機": "jī", "經": "jīng", "濟": "jì", "穩": "wěn", "總": "zǒng",
    "資": "zī", "發": "fā", "區": "qū", "標": "biāo", "導": "dǎo", "務": "wù", "質": "zhì",
    "環": "huán", "節": "jié", "關": "guān", "體": "tǐ", "時": "shí", "問": "wèn", "題": "tí",
    "協": "xié", "級": "jí", "來": "lái", "樹": "shù", "億": "yì", "萬": "wàn", "場": "chǎng",
    "廠": "chǎng", "電": "diàn", "風": "fēng", "復": "fù", "計": "jì", "劃": "huà", "數": "shù",
    "據": "jù", "審": "shěn", "統": "tǒng", "專": "zhuān", "極": "jí", "領": "lǐng", "這": "zhè",
    "營": "yíng", "積": "jī", "創": "chuàng", "構": "gòu", "團": "tuán", "緊": "jǐn",
    "員": "yuán", "裝": "zhuāng", "備": "bèi", "轉": "zhuǎn", "單": "dān", "東": "dōng",
    "長": "zhǎng", "車": "chē", "運": "yùn", "護": "hù", "儲": "chǔ",
}
READINGS_SIMP = {
    "设": "shè", "产": "chǎn", "业": "yè", "进": "jìn", "动": "dòng", "个": "gè", "点": "diǎn",
    "项": "xiàng", "开": "kāi", "达": "dá", "现": "xiàn", "实": "shí", "续": "xù", "强": "qiáng",
    "优": "yōu", "机": "jī", "经": "jīng", "济": "jì", "稳": "wěn", "总": "zǒng", "资": "zī",
    "发": "fā", "区": "qū", "标": "biāo", "务": "wù", "质": "zhì", "环": "huán", "节": "jié",
    "关": "guān", "时": "shí", "问": "wèn", "题": "tí", "级": "jí", "电": "diàn", "风": "fēng",
    "复": "fù", "计": "jì", "划": "huà", "数": "shù", "据": "jù", "统": "tǒng", "专": "zhuān",
    "营": "yíng", "积": "jī", "创": "chuàng", "团": "tuán", "紧": "jǐn", "装": "zhuāng",
    "备": "bèi", "转": "zhuǎn", "车": "chē", "运": "yùn", "储": "chǔ",
}
READINGS = {**READINGS_SIMP, **READINGS_TRAD}

# --------------------------------------------------------------------------
# Vocabulary for names.
# --------------------------------------------------------------------------
SURNAMES = ("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭吕"
            "苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾"
            "侯邵孟龙段雷钱汤尹黎易常武乔贺赖龚文")
GIVEN = ("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏飞宇浩凯晨思迪雪婧泳晓泉"
         "薇峰波辉斌健亮颖琳欣博志国建东海林森宁远航春秋冬梅兰竹松柏清源新旭昊然嘉怡佳悦")
BRAND_A = "恒瑞鑫宏华中金远新天博盛嘉正北海润泰永凯信龙万兴富宝旭晨创蓝绿聚安德隆昌"
BRAND_B = "泰丰源达晟联桥航锐润远景禾元晶辰纳泽盛和通越信隆华阳光能科威邦宇程基"
COMPANY_KIND = ("新能源", "能源", "实业", "科技", "集团", "控股", "新材料", "电力", "化工",
                "食品", "制药", "物流", "智能装备", "建设")

# (industry label, project-name patterns); {x} capacities are filled in.
INDUSTRIES = (
    ("光伏", ("{x}万千瓦光伏发电项目", "分布式光伏项目", "高效光伏组件生产基地项目", "农光互补光伏项目")),
    ("储能", ("{x}万千瓦共享储能电站项目", "储能电池生产基地项目")),
    ("氢能", ("氢能产业园项目", "年产{x}万吨绿色甲醇项目", "加氢站示范项目")),
    ("新材料", ("年产{x}万吨新材料项目", "高性能纤维项目", "年产{x}万吨PBAT可降解材料项目",
             "碳纤维复合材料产业园项目")),
    ("锂电", ("年产{x}万吨锂电池负极材料项目", "动力电池回收利用项目", "锂电池正极材料项目")),
    ("装备", ("高端装备制造产业园项目", "智能装备生产基地项目", "农机装备制造项目", "年产{x}万台电机项目")),
    ("汽车", ("汽车零部件生产基地项目", "新能源汽车配套产业园项目", "年产{x}万套汽车轮毂项目")),
    ("医药", ("生物医药产业园项目", "中药饮片加工项目", "医疗器械产业园项目", "原料药生产基地项目")),
    ("食品", ("年产{x}万吨食品加工项目", "{x}万头生猪屠宰加工项目", "{x}万只肉鸡养殖加工项目",
            "乳制品加工项目", "年产{x}万吨玉米深加工项目")),
    ("物流", ("农产品冷链物流园项目", "国际物流中心项目", "保税物流园项目", "粮食仓储物流项目")),
    ("数字", ("大数据中心项目", "云计算产业园项目", "数字经济产业园项目", "智能终端生产基地项目")),
    ("化工", ("精细化工项目", "年产{x}万吨聚氨酯材料项目", "化工新材料一体化项目")),
    ("城建", ("城区供热管网改造工程", "污水处理厂提标改造项目", "老旧小区改造项目", "城市综合管廊项目",
            "棚户区改造项目", "人民医院新院区建设项目", "职业教育园区项目", "体育中心项目")),
    ("交通", ("城际快速通道项目", "物流枢纽项目", "机场改扩建工程", "高速公路连接线工程")),
    ("文旅", ("文化旅游综合体项目", "温泉度假区项目", "历史文化街区改造项目")),
    ("轻工", ("日用陶瓷产业园项目", "纺织服装产业园项目", "家居建材产业园项目", "年产{x}万件服装项目")),
)
WIND_PATTERNS = ("{x}万千瓦风电项目", "风电装备制造产业园项目", "分散式风电项目", "风电场项目",
                 "风电叶片生产基地项目", "{x}万千瓦风电场工程", "风电塔筒制造项目", "{x}万千瓦风电储能一体化项目")
INDUSTRY_WORDS = ("新能源", "新材料", "高端装备制造", "生物医药", "绿色食品", "现代物流", "数字经济",
                  "精细化工", "文化旅游", "城市基础设施", "社会民生", "现代农业", "汽车零部件")

SITES = ("{city}高新区", "{city}经济技术开发区", "{city}临港产业园", "{city}循环经济产业园",
         "{cityf}现代农业产业园", "{city}综合保税区", "{city}新材料产业园", "{city}装备制造产业园")
SLOGANS = ("项目为王", "拼经济、抓项目", "大抓项目、抓大项目", "一线工作法", "项目攻坚年", "项目建设提速年")
SOURCES = ("{city}日报", "{city}晚报", "{city}新闻网", "{prov}日报", "{city}融媒体中心", "{prov}经济网",
           "{cityf}人民政府网", "{city}广播电视台", "{prov}在线", "{city}发布")
SITE_NAMES = ("{city}在线", "{city}新闻网", "{prov}在线", "{prov}新闻网", "{city}之窗")
APPS = ("{city}头条", "掌上{city}", "{city}+", "爱{city}")

# --------------------------------------------------------------------------
# Template sentences.  Slots: {city} 大庆, {cityf} 大庆市, {prov}, {provf},
# {year}, {period}, {proj}, {amt}, {n}, {k}, {r}..., filled per article.
# --------------------------------------------------------------------------
TITLES = (
    "{cityf}：重点项目建设跑出“加速度”",
    "{cityf}{n}个重点项目集中开工 总投资{total}",
    "{city}：项目建设热度不减 开复工率达{r}%",
    "项目为王抓投资 {cityf}稳增长动能持续增强",
    "聚力攻坚促发展 {cityf}重点项目建设提速提质",
    "抢抓黄金施工期 {city}重点项目按下“快进键”",
    "{cityf}{year}年第{q}批重点项目集中开工",
    "{cityf}：{season}时节工地忙 项目建设正当时",
    "{city}重点项目{period}完成投资{done}",
    "以项目之“进”促发展之“稳” {cityf}全力冲刺年度目标",
    "{cityf}召开重点项目推进会 部署下阶段攻坚任务",
    "{cityf}：大抓项目抓大项目 {n}个项目签约落地",
    "{city}重点项目开复工{k}个 投资完成率{r2}%",
)
WIND_TITLES = (
    "{cityf}新能源项目接连落地 风电光伏齐头并进",
    "{city}：风电产业链加快集聚 {n}个项目开工建设",
    "{cityf}{year}年风电项目建设提速 新增装机{x}万千瓦",
)
LEADS = (
    "{date_cn}，{cityf}{year}年第{q}批重点项目集中开工活动在{site}举行。本次集中开工项目{n}个，总投资{total}，涵盖{inds}等领域。",
    "记者从{cityf}发展和改革委员会获悉，{period}，全市纳入调度的投资{thr}以上重点项目达{n}个，总投资{total}，年度计划投资{plan}。",
    "走进{site}，塔吊林立、机器轰鸣，运输车辆往来穿梭，一派热火朝天的施工景象。{period}，全市{n}个重点项目总投资{total}。",
    "连日来，{cityf}各县（市）区的项目工地上，施工人员抢抓有利时机，全力以赴赶进度、抓质量、保安全。全市今年共安排重点项目{n}个，总投资{total}。",
    "{season}的{city}，处处涌动着项目建设的热潮。今年，全市共谋划实施重点项目{n}个，总投资{total}，年度计划投资{plan}。",
    "今年以来，{cityf}坚持把项目建设作为经济工作的“生命线”，以“{slogan}”为抓手，推动一批重大项目加速落地。{period}，全市重点项目已达{n}个，总投资{total}。",
    "日前，{cityf}召开全市重点项目建设推进会，通报{period}项目建设情况。会议透露，全市{n}个重点项目总投资{total}，年度计划投资{plan}。",
)
LIST_SENTENCES = (
    "{p1}、{p2}、{p3}等一批重点项目相继开工，为全年经济增长打下坚实基础。",
    "{p1}正在进行主体施工，{p2}已进入设备安装阶段，{p3}即将竣工投产。",
    "从{p1}到{p2}，再到{p3}，一个个项目拔地而起，成为拉动投资的重要力量。",
)
PROGRESS = (
    "主体工程已完成{pct}%", "正在进行设备安装调试", "已进入主体施工阶段", "厂房钢结构正在吊装",
    "预计{m}月底前建成投产", "桩基施工全面展开", "土建工程基本完工", "一期工程已经投产",
    "二期工程正在加紧建设",
)
DETAILS = (
    "建成后可年产{prod}{qty}万吨", "全部建成后年产值可达{val}", "建成投产后预计年发电量{gen}亿千瓦时",
    "可带动就业{jobs}余人", "占地面积{area}亩", "建筑面积{area2}万平方米", "预计{year2}年竣工投用",
    "主要建设生产车间、仓储用房及配套设施", "达产后年可实现税收{tax}", "将新增年产{qty}万台（套）的产能",
)
PRODUCTS = ("饲料", "面粉", "有机肥", "钢材", "纸制品", "预制菜", "果汁饮料", "建材", "特种玻璃", "生物基材料")
NAMED_A = ("投资{amt}的{proj}{prog}。", "总投资{amt}的{proj}{prog}，{detail}。")
NAMED_B = ("{proj}，总投资{amt}，{detail}。", "{proj}，项目总投资{amt}，{prog}。")
NAMED_C = ("{proj}{prog}。该项目总投资{amt}，{detail}。", "在{proj}施工现场，工人们正在加紧作业。该项目总投资{amt}，{detail}。")
NAMED_D = ("由{company}投资建设的{proj}，计划总投资{amt}，{detail}。",
           "{proj}于{m}月{d}日正式{status}，项目总投资{amt}，{detail}。")
WORKSITE = (
    "在{proj}施工现场，{workers}多名工人、{machines}台（套）大型机械正在加紧作业。",
    "记者在{proj}施工现场看到，{workers}余名施工人员分布在各个作业面，焊花飞溅，一派繁忙。",
)
STATUS_WORDS = ("开工", "复工", "开工建设", "投产", "竣工", "签约", "集中开工", "建成投产")
STATS = (
    "{period}，全市{scope}{n}个，已开复工{kn}个，开复工率{rkn}%；完成投资{done}，投资完成率{r2}%。",
    "其中，新开工项目{a}个、续建项目{b}个，总投资分别为{amt1}和{amt2}。",
    "{period}，全市{n}个省重点项目、{n2}个市重点项目分别完成年度计划投资的{r}%、{r2}%，均超过序时进度。",
    "{period}，{n}个{scope}完成投资{done}，完成年度计划投资的{r}%，超序时进度{x}个百分点。",
    "从项目进度看，已竣工项目{k}个，竣工率{r}%；已投产项目{k2}个，投产率{r3}%。",
    "{period}，全市重点项目开工率达到{r}%，高于全省平均水平{x}个百分点。",
    "全市{scope}资金到位率达到{r}%，较去年同期提高{x}个百分点。",
    "截至目前，{n}个续建项目已全部复工，复工率100%；新建项目已开工{k2}个，开工率{r}%。",
)
RATE_LISTS = (
    ("开复工率", "续建项目复工率", "新项目开工率"),
    ("开工率", "投资完成率", "资金到位率"),
    ("开工率", "复工率", "竣工率"),
    ("开复工率", "投资完成率", "投产率"),
)
RATE_LIST_SENTENCE = "{period}，{scope}{m1}、{m2}、{m3}分别为{r1}%、{r2}%、{r3}%。"
RATE_BOTH = (
    "其中，{scope}{m1}、{m2}均达到100%。",
    "{scope}{m1}、{m2}均达{r}%。",
)
SCOPES = ("省市重点项目", "省重点项目", "市重点项目", "续建项目", "新建项目", "重点产业项目", "亿元以上项目")
GROWTH = (
    "全市固定资产投资同比增长{g}%，增速居全省第{rank}位。",
    "工业投资同比增长{g}%，其中制造业投资增长{g2}%。",
    "{n}个项目总投资{amt}，占全市重点项目总投资的{s}%。",
    "与去年同期相比，项目总投资同比增加{amt}，开复工个数同比增加{x}个。",
    "新能源项目投资占全市工业投资的{s}%，较上年提高{x}个百分点。",
    "高新技术产业增加值同比增长{g}%，占规模以上工业增加值比重达到{s}%。",
    "全市重点项目完成投资同比增长{g}%，对全市投资增长的贡献率达到{s}%。",
)
FILLER = (
    "为保障项目顺利推进，{cityf}建立了市级领导包联重点项目制度，每个项目明确一名责任领导、一个服务专班、一套推进方案。",
    "市发改委牵头建立项目调度台账，实行“周调度、月通报、季观摩”，对进度滞后的项目及时督导、限期整改。",
    "围绕项目用地、用能、资金等要素需求，相关部门主动对接、靠前服务，累计帮助企业解决问题{k}余个。",
    "审批时限由原来的{a}个工作日压缩至{b}个工作日，“拿地即开工”在更多项目上落地见效。",
    "在项目前期阶段，各地提前介入规划、环评、能评等手续办理，推行容缺受理和并联审批。",
    "金融机构加大信贷投放力度，{period}累计为重点项目发放贷款{loan}。",
    "各县（市）区对照年度目标倒排工期、挂图作战，确保每个项目都按时间节点推进。",
    "施工单位科学组织、合理安排工序，在确保安全的前提下最大限度提高施工效率。",
    "针对冬季施工特点，项目方提前做好保温措施，实现“冬季不停工、春季早复工”。",
    "雨季来临前，住建部门组织对在建工地开展安全隐患排查，督促施工单位落实防汛措施。",
    "招商引资是项目建设的源头活水。{cityf}坚持产业链招商，{period}新签约亿元以上项目{signed}个。",
    "{cityf}聚焦主导产业延链补链强链，谋划储备了一批投资规模大、带动能力强、科技含量高的好项目。",
    "项目建设离不开优质的营商环境。{cityf}持续深化“放管服”改革，推行“一窗受理、集成服务”。",
    "发改、自然资源、生态环境、住建等部门组成联合服务队，深入项目一线现场办公、现场解题。",
    "在推进过程中，{cityf}坚持问题导向，建立问题收集、交办、督办、反馈的闭环机制。",
    "对新签约项目，实行“专人跟踪、全程代办”，推动签约项目尽快转化为开工项目。",
    "用工方面，人社部门组织专场招聘会{few}场，帮助项目单位招聘技术工人{workers}余名。",
    "电力、燃气、供水等部门开辟绿色通道，确保项目建成后能够及时接电、接气、接水。",
    "项目竣工后，相关部门及时组织联合验收，推动项目早投产、早达效。",
    "与此同时，{cityf}强化项目谋划储备，围绕国家政策支持方向，储备地方政府专项债券项目{k}个。",
    "“一个项目就是一个增长点。”在{cityf}，这样的共识正在转化为实实在在的行动。",
    "从签约到开工仅用了{days}天，这一速度刷新了当地项目落地的纪录。",
    "各级干部沉到项目一线，面对面听取企业诉求，点对点协调解决困难。",
    "{cityf}把项目建设成效作为检验干部作风的重要标尺，形成了比学赶超、争先进位的浓厚氛围。",
    "为破解融资难题，{cityf}定期举办政银企对接会，{period}促成签约金额{loan}。",
    "市县两级建立“项目管家”服务制度，为企业提供从立项到投产的全生命周期服务。",
    "针对部分项目施工许可办理周期长的问题，住建部门推出“分段办理”模式，项目可先行开展基础施工。",
    "生态环境部门对重点项目实行环评审批“绿色通道”，{period}共审批项目环评{k}个。",
    "自然资源部门优先保障重点项目用地需求，{period}共供应建设用地{area}亩。",
    "{cityf}还建立了重点项目“红黄绿灯”预警机制，对推进缓慢的项目亮灯督办。",
    "每月召开一次项目推进调度会，逐个项目梳理进展、研究问题、明确责任。",
    "开发区推行“标准地”出让，企业拿地后即可开工建设，大大缩短了项目落地周期。",
    "今年以来，{cityf}共组织开展项目观摩活动{few}次，以观摩促比拼、以比拼促落实。",
    "坚持“要素跟着项目走”，{cityf}统筹安排能耗指标、用地指标，优先向重点项目倾斜。",
    "对照年度计划，全市各级各部门把任务细化到月、分解到周、落实到人。",
    "一批打基础、利长远的基础设施项目也在加快推进，城市功能品质持续提升。",
    "民生项目同样进展顺利，学校、医院、养老服务设施等一批项目陆续投入使用。",
    "企业负责人表示，当地政府的高效服务坚定了企业扩大投资的信心。",
    "施工现场，工人们正在进行钢筋绑扎和混凝土浇筑，各道工序衔接有序。",
    "项目建成后，将进一步补齐当地产业链短板，带动上下游配套企业集聚发展。",
)
QUOTES = (
    "“我们正倒排工期、挂图作战，力争{m}月底前实现主体封顶。”{who}说。",
    "“从签约到开工只用了不到{few}个月，政府部门的服务让我们很有信心。”{who}告诉记者。",
    "“项目建设一天也不能等。”{who}表示，将继续强化调度，确保全年目标任务圆满完成。",
    "“设备已经全部进场，下个月就能进行试生产。”{who}说。",
    "“多亏了专班帮我们协调解决了用电问题，工期至少提前了{days}天。”{who}介绍。",
    "“今年我们计划完成投资{amt}，目前进度比预期要快。”{who}说。",
)
WHO = ("项目负责人{name}", "{cityf}发改委相关负责人", "施工方项目经理{name}", "{company}总经理{name}",
       "{cityf}重点项目服务中心主任{name}", "企业负责人{name}")
SUBHEADS = (
    "聚焦项目抓落实", "优化服务促开工", "强化要素保障", "抢抓工期赶进度", "招大引强增后劲",
    "以项目之进促发展之稳", "专班推进解难题", "绿色转型添动能", "“快”字当头抓推进", "“实”字为先强服务",
    "项目为王加快投产达效", "服务至上伴随项目全程", "以高效服务“催快”", "以强力机制“促快”",
)
WIND_SENTENCES = (
    "{cityf}风能资源丰富，近年来大力发展风电产业，已建成风电场{few}座，风电装机规模达到{capw}万千瓦。",
    "{proj}共安装{units}台单机容量{c}兆瓦的风电机组，全部投运后年上网电量约{gen}亿千瓦时。",
    "风电装备制造产业园已引进塔筒、叶片、主机等配套企业{signed}家，初步形成风电全产业链。",
    "随着一批风电项目陆续并网，全市新能源装机占比不断提高，绿色低碳转型步伐加快。",
    "在{site}，{units}台风电机组迎风而立，叶片缓缓转动，成为一道新的风景线。",
)
OTHER_CITY = (
    "日前，{other}市考察团来到{cityf}，实地观摩了部分重点项目建设情况。",
    "该企业此前已在{other}投资建设了同类项目，此次在{city}布局第二生产基地。",
)
CLOSINGS = (
    "下一步，{cityf}将坚持“{slogan}”不动摇，持续强化项目调度和要素保障，推动更多项目早开工、早投产、早见效，为全市经济高质量发展提供有力支撑。",
    "项目建设热潮涌动，发展动能持续积聚。{cityf}将以更大力度抓项目、促投资，奋力完成全年目标任务。",
    "眼下，{cityf}正以只争朝夕的劲头推进项目建设，为{year}年经济社会发展开好局、起好步。",
    "下阶段，全市将紧盯年度目标，盯紧项目、盯住节点，以项目建设的新成效推动经济运行持续向好。",
)
INDIRECT_DOC = "《{cityf}{year}年重点项目建设实施方案》明确，今年全市计划实施重点项目{n}个。"
SEASONS = {1: "隆冬", 2: "早春", 3: "初春", 4: "春日", 5: "初夏", 6: "盛夏", 7: "盛夏", 8: "金秋",
           9: "金秋", 10: "深秋", 11: "初冬", 12: "隆冬"}
CN_DIGITS = "〇一二三四五六七八九"

# Furniture and metadata lines.
COPYRIGHT = (
    "{site}版权声明",
    "1、凡本网注明“来源：{site}”的所有作品，版权均属于{site}，未经本网书面授权，任何单位和个人不得转载、摘编或以其他方式使用。",
    "2、经本网授权使用作品的，应在授权范围内使用，并注明“来源：{site}”。违反上述声明者，本网将依法追究其法律责任。",
    "3、凡本网注明“来源：XXX（非{site}）”的作品，均转载自其他媒体，转载目的在于传递更多信息，并不代表本网赞同其观点或证实其内容的真实性。",
    "4、如因作品内容、版权等问题需要同本网联系的，请在作品发表之日起{k}日内进行。",
)
FURNITURE_TAIL = (
    ("新闻爆料:QQ群 {qq} QQ群 {qq}  热线 {tel}",),
    ("爆料热线电话:{tel}", "网友交流QQ群:{qq}"),
    ("下载{app}客户端", "{app}客户端   简介:提供{city}新闻、国内国际报道、便民信息、网上民声等服务。"),
    ("{site}版权所有", "未经授权禁止转载、摘编、复制及建立镜像"),
    ("网站简介网站地址标识说明广告服务联系方式法律声明违法和不良信息举报中心",),
    ("【打印本页】【关闭窗口】",),
    ("扫一扫在手机打开当前页",),
)
SHARE = ("分享让更多人看到", "分享到：微信 微博 QQ空间", "分享到:")

# --------------------------------------------------------------------------
# Helpers
# --------------------------------------------------------------------------
_CONVERTERS: dict[str, opencc.OpenCC] = {}
_CACHE: dict[str, dict[str, str]] = {}
_CJK = re.compile(r"[\u3000-\u9fff]")


def converter(name: str):
    """Return a cached function converting simplified text with OpenCC config `name`."""
    if name not in _CONVERTERS:
        _CONVERTERS[name] = opencc.OpenCC(name)
        _CACHE[name] = {}
    conv, cache = _CONVERTERS[name], _CACHE[name]

    def t(s: str) -> str:
        out = cache.get(s)
        if out is None:
            out = cache[s] = conv.convert(s)
        return out
    return t


def identity(s: str) -> str:
    return s


_NUMBER = re.compile(r"([0-9.]+)")
_PINYIN = "[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]+"
_WIND = re.compile(r"[风風](\(" + _PINYIN + r"\))?[电電]")  # 风电 in either script, maybe annotated
_SLOT = re.compile(r"(\{\w+\})")
_READABLE = re.compile("[" + "".join(READINGS) + "]")
FULLWIDTH = str.maketrans({**{chr(c): chr(c + 0xFEE0) for c in range(0x30, 0x3A)},
                           **{chr(c): chr(c + 0xFEE0) for c in range(0x41, 0x5B)}})
HALFWIDTH_PUNCT = str.maketrans({"，": ",", "：": ":", "；": ";", "（": "(", "）": ")", "！": "!"})


def pinyin_table(chars: list[str]) -> dict:
    return str.maketrans({c: f"{c}({READINGS[c]})" for c in chars})


def mojibake(text: str, r: random.Random) -> str | None:
    """Replace one short run of `text` with its GBK bytes read one byte off.

    The run ends on a character with a known reading; its GBK trail byte is
    left over as an ASCII letter and the reading follows in parentheses, as
    in seed 001 (。”市發 → ！笔邪l(fā)).  Returns None if no run qualifies.
    """
    ends = [m.start() for m in _READABLE.finditer(text)]
    r.shuffle(ends)
    for j in ends[:60]:
        for k in (4, 3, 5):
            start = j - k + 1
            if start < 0:
                continue
            run = text[start:j + 1]
            try:
                raw = run.encode("gbk")
            except UnicodeEncodeError:
                continue
            if len(raw) != 2 * k:
                continue
            shifted = raw[1:]
            tail = shifted[-1]
            if not (0x61 <= tail <= 0x7A or 0x41 <= tail <= 0x5A):
                continue
            try:
                head = shifted[:-1].decode("gbk")
            except UnicodeDecodeError:
                continue
            if any(ord(c) < 0x20 or c in "()（）" for c in head):
                continue
            ch = text[j]
            after = j + 1
            ann = f"({READINGS[ch]})"
            if text.startswith(ann, after):
                after += len(ann)
            return text[:start] + head + chr(tail) + ann + text[after:]
    return None


class FastRandom(random.Random):
    """random.Random with cheaper choice/randint (one random() call each); still seeded."""

    def choice(self, seq):
        return seq[int(self.random() * len(seq))]

    def randint(self, a: int, b: int) -> int:
        return a + int(self.random() * (b - a + 1))


class Article:
    """One generated article, determined by (seed, index): build() returns it."""

    def __init__(self, seed: int, index: int):
        self.r = r = FastRandom(f"xmqw-bench:{seed}:{index}")
        self.index = index
        self.seed = seed
        self.city, self.prov = r.choice(CITIES)
        self.cityf = self.city + "市"
        self.provf = PROVINCE_FULL.get(self.prov, self.prov + "省")
        y = r.randint(2018, 2024)
        m = r.randint(1, 12)
        d = r.randint(1, 28)
        self.date = (y, m, d, r.randint(6, 22), r.randint(0, 59), r.randint(0, 59))
        self.wind = r.random() < P["wind"]
        u = r.random()
        if u < P["traditional"]:
            self.script = "traditional"
        elif u < P["traditional"] + P["mixed"]:
            self.script = "mixed"
        else:
            self.script = "simplified"
        self.tconf = "s2tw" if r.random() < 0.25 else "s2t"
        self.trad = converter(self.tconf) if self.script != "simplified" else identity
        self.pinyin = self.script != "simplified" and r.random() < P["pinyin_if_trad"]
        self.noise = {k: r.random() < P[k] for k in (
            "halfwidth_punct", "fullwidth_digits", "header", "furniture", "seo_spam",
            "captions", "blank_noise", "indent", "crlf", "gb18030", "indirect_city", "other_city")}
        self.noise["variant_chars"] = self.script != "simplified" and r.random() < P["variant_chars"]
        self.noise["mojibake"] = self.script != "simplified" and r.random() < P["mojibake_if_trad"]
        if self.noise["indirect_city"]:
            # Like seed 002: no title or header, 我市 throughout, the city named once in 《…》.
            self.noise["header"] = self.noise["captions"] = False
            self.city_slot = self.cityf_slot = "我市"
        else:
            self.city_slot, self.cityf_slot = self.city, self.cityf
        self.used_projects: list[str] = []
        self.parts: dict[str, tuple[str, ...]] = {}
        self.named = 0
        if self.pinyin:
            chars = [c for c in READINGS_TRAD if c != "産"]
            self.annotate = pinyin_table(r.sample(chars, r.randint(len(chars) // 3, len(chars))))
        else:
            self.annotate = None
        self.t = identity  # converter for the paragraph being written

    # ---- small value generators -------------------------------------
    def joined(self, *parts: str) -> str:
        """Concatenate parts, remembering them so traditional conversion can reuse cached parts."""
        flat = [q for p in parts for q in self.parts.get(p, (p,)) if q]
        s = "".join(flat)
        if len(flat) > 1:
            self.parts[s] = tuple(flat)
        return s

    def compose(self, tpl: str, **kw) -> str:
        """str.format for value phrases built inside a sentence (details, captions, who).

        Slots not given in kw come from SLOTS; callables in kw are called only if used.
        """
        parts = []
        for p in _SLOT.split(tpl):
            if p.startswith("{"):
                key = p[1:-1]
                v = kw[key] if key in kw else SLOTS[key](self, kw)
                p = str(v() if callable(v) else v)
            parts.append(p)
        return self.joined(*parts)

    def tv(self, s: str) -> str:
        """Convert a value to this paragraph's script part by part (numbers pass through)."""
        if self.t is identity:
            return s
        parts = self.parts.get(s) or _NUMBER.split(s)
        return "".join(p if p.isascii() else self.t(p) for p in parts)

    def name(self) -> str:
        r = self.r
        return self.joined(r.choice(SURNAMES), "".join(r.choice(GIVEN) for _ in range(r.choice((1, 2, 2)))))

    def brand(self) -> str:
        return self.r.choice(BRAND_A) + self.r.choice(BRAND_B)

    def company(self) -> str:
        r = self.r
        kind = r.choice(COMPANY_KIND)
        tail = r.choice(("有限公司", "股份有限公司", "", "有限责任公司"))
        if kind in ("集团", "控股"):
            tail = r.choice(("", "有限公司"))
        return self.joined(self.brand(), kind, tail)

    def amount(self, lo_wan: float = 500, hi_wan: float = 2_000_000, qualify: float = 0.25) -> str:
        """Money as written: 5000万元, 12.5亿元, 超100亿元, 30余亿元, 三亿元."""
        r = self.r
        v = lo_wan * (hi_wan / lo_wan) ** r.random()
        q = r.random() < qualify
        if r.random() < 0.02:
            n = r.randint(1, 9)
            return r.choice((f"{CN_DIGITS[n]}亿元", f"{CN_DIGITS[n]}千万元", "逾百亿元"))
        if v < 10_000:
            step = 100 if v < 5000 else 500
            text = f"{max(step, int(v // step * step))}万元"
        else:
            yi = v / 10_000
            if yi >= 100:
                num = f"{yi:.0f}" if r.random() < 0.5 else f"{yi:.1f}"
            elif yi >= 10:
                num = f"{yi:.1f}" if r.random() < 0.6 else f"{yi:.0f}"
            else:
                num = f"{yi:.2f}".rstrip("0").rstrip(".") if r.random() < 0.7 else f"{yi:.0f}"
            if q and yi >= 10 and r.random() < 0.25:
                return f"{int(yi // 10 * 10)}余亿元"
            text = f"{num}亿元"
        if q:
            return r.choice(("超", "近", "约", "逾", "超过")) + text
        return text

    def total_amount(self) -> str:
        r = self.r
        yi = r.uniform(20, 3000)
        if r.random() < 0.03:
            return f"{r.uniform(1.0, 2.5):.1f}万亿元"
        text = f"{yi:.1f}亿元" if r.random() < 0.7 else f"{yi:.2f}亿元"
        return ("超" + f"{int(yi)}亿元") if r.random() < 0.1 else text

    def rate(self, lo: float = 40, hi: float = 100) -> str:
        r = self.r
        if r.random() < 0.12:
            return "100"
        v = r.uniform(lo, hi)
        return f"{v:.1f}" if r.random() < 0.8 else f"{v:.0f}"

    def period(self) -> str:
        r = self.r
        y, m, d = self.date[:3]
        m2 = max(1, m - r.randint(0, 1))
        opts = [f"截至{m2}月{r.randint(1, 28)}日", "今年以来", "年初以来", f"截至{y}年{m2}月底"]
        if m2 > 1:
            opts += [f"1至{m2}月份", f"1—{m2}月", f"1-{m2}月"]
        if m >= 10:
            opts.append("前三季度")
        if m >= 7:
            opts.append("上半年")
        if m >= 4:
            opts.append("一季度")
        return r.choice(opts)

    def capacity_x(self) -> str:
        return str(self.r.choice((5, 10, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200)))

    def project(self, wind: bool = False) -> str:
        r = self.r
        pattern = r.choice(WIND_PATTERNS) if wind else r.choice(r.choice(INDUSTRIES)[1])
        body = pattern.replace("{x}", self.capacity_x())
        form = r.random()
        body = self.joined(*_NUMBER.split(body))
        if form < 0.35:
            name = self.joined(self.brand(), r.choice(COMPANY_KIND[:3] + ("", "")), body)
        elif form < 0.55 and not self.noise["indirect_city"]:
            name = self.joined(self.city, self.brand(), body)
        elif form < 0.65:
            name = self.joined(self.brand(), f"（{self.prov}）", body)
        elif form < 0.80:
            name = self.joined(self.brand(), r.choice(("集团", "科技", "实业")), body)
        elif not self.noise["indirect_city"]:
            name = self.joined(r.choice((self.city, self.cityf, "")), body)
        else:
            name = self.joined(self.brand(), body)
        if r.random() < 0.08:
            name = self.joined(name, r.choice(("（一期）", "（二期）", "（一期）")))
        if name in self.used_projects:
            name = self.joined(self.brand(), name)
        self.used_projects.append(name)
        return name

    # ---- sentence filling -------------------------------------------
    def fill(self, tpl: str, **kw) -> str:
        """Fill the slots of `tpl` (converted to this paragraph's script), computing only those used."""
        t = self.t
        keys = _KEYS.get(tpl)
        if keys is None:
            keys = _KEYS[tpl] = tuple(dict.fromkeys(re.findall(r"\{(\w+)\}", tpl)))
        vals: dict = {}
        for key in keys:
            v = kw[key] if key in kw else SLOTS[key](self, vals)
            if callable(v):
                v = v()
            if isinstance(v, str) and not v.isascii():
                v = self.tv(v)
            vals[key] = v
        return t(tpl).format(**vals)

    def who(self) -> str:
        return self.compose(self.r.choice(WHO), name=self.name, company=self.company)

    def named_sentence(self, wind: bool = False) -> str:
        r = self.r
        group = r.choice((NAMED_A, NAMED_A, NAMED_B, NAMED_C, NAMED_D))
        tpl = r.choice(group)
        self.named += 1
        return self.fill(tpl, proj=self.project(wind), prog=lambda: self.compose(r.choice(PROGRESS)),
                         detail=lambda: self.compose(r.choice(DETAILS)), company=self.company,
                         status=lambda: r.choice(STATUS_WORDS))

    # ---- paragraphs ---------------------------------------------------
    def title(self) -> str:
        r = self.r
        pool = TITLES + WIND_TITLES if self.wind else TITLES
        return self.fill(r.choice(pool))

    def lead(self) -> list[str]:
        r = self.r
        out = [self.fill(r.choice(LEADS))]
        if self.wind or r.random() < 0.5:  # a wind article names a wind project up front
            ps = [self.project(self.wind and i == 0) for i in range(3)]
            r.shuffle(ps)
            out.append(self.fill(r.choice(LIST_SENTENCES), p1=ps[0], p2=ps[1], p3=ps[2]))
        return out

    def stats(self) -> list[str]:
        r = self.r
        out = [self.fill(s) for s in r.sample(STATS, r.randint(1, 3))]
        if r.random() < 0.5:
            m1, m2, m3 = r.choice(RATE_LISTS)
            out.append(self.fill(RATE_LIST_SENTENCE, m1=m1, m2=m2, m3=m3, r1=self.rate(),
                                 r2=self.rate(), r3=self.rate(), scope=r.choice(SCOPES + ("", ""))))
        if r.random() < 0.35:
            m1, m2 = r.sample(("开工率", "资金到位率", "投产率", "竣工率", "复工率"), 2)
            out.append(self.fill(r.choice(RATE_BOTH), m1=m1, m2=m2, scope=r.choice(SCOPES + ("",))))
        if r.random() < 0.6:
            out.append(self.fill(r.choice(GROWTH)))
        return out

    def project_paragraph(self) -> list[str]:
        r = self.r
        out = []
        for _ in range(r.randint(1, 2)):
            wind = self.wind and r.random() < 0.4
            out.append(self.named_sentence(wind))
        if r.random() < 0.3:
            out.insert(0, self.fill(r.choice(WORKSITE), proj=self.project()))
        if self.wind and r.random() < 0.3:
            out.append(self.fill(r.choice(WIND_SENTENCES), proj=self.project(True)))
        if r.random() < 0.35:
            out.append(self.fill(r.choice(QUOTES), who=self.who()))
        return out

    def filler_paragraph(self, pool: list[str]) -> list[str]:
        r = self.r
        out = []
        for _ in range(r.randint(2, 4)):
            if not pool:
                pool.extend(FILLER)
                r.shuffle(pool)
            out.append(self.fill(pool.pop()))
        return out

    def paragraph_text(self, sentences: list[str]) -> str:
        text = "".join(sentences)
        return self.dress(text)

    def dress(self, text: str) -> str:
        """Apply the per-article character-level noise to one line of body text."""
        if self.annotate is not None and self.t is not identity:
            text = text.translate(self.annotate)
        if self.noise["variant_chars"]:
            text = text.replace("產", "産")
        if self.noise["halfwidth_punct"]:
            text = text.translate(HALFWIDTH_PUNCT)
        return text

    def choose_script(self, i: int) -> None:
        if self.script == "traditional":
            self.t = self.trad
        elif self.script == "mixed":
            self.t = self.trad if (i + self.index) % 2 == 0 else identity
        else:
            self.t = identity

    # ---- metadata and furniture ------------------------------------
    def header_lines(self, title: str, source: str) -> tuple[list[str], list[str], list[str]]:
        """(lines before body, reporter prefix for first paragraph, lines after body)."""
        r = self.r
        y, m, d, hh, mi, ss = self.date
        t = self.t
        nb = "\u00a0"
        e1, e2, rep, rep2 = self.name(), self.name(), self.name(), self.name()
        before: list[str] = []
        style = r.randint(1, 7) if self.noise["header"] else 0
        if style == 1:
            before = ["", t(f"来源:{source}"), "", f"{y}年{m:02d}月{d:02d}日{hh:02d}:{mi:02d}{nb}{nb}", nb, ""]
        elif style == 2:
            before = ["", t(f"来源:{source}") + f"  {y}-{m:02d}-{d:02d} {hh:02d}:{mi:02d}:{ss:02d}",
                      t("A+A- |举报纠错") if self.noise["furniture"] else "", ""]
        elif style == 3:
            before = [f"{y}-{m:02d}-{d:02d} {hh:02d}:{mi:02d}:{ss:02d}"
                      + t(f"来源:{source}编辑:{e1}责编:{e2}"), ""]
        elif style == 4:
            before = [t(f"发布时间：{y}-{m:02d}-{d:02d} {hh:02d}:{mi:02d}  来源：{source}  作者：{rep}"),
                      t("【字体：大 中 小】") if self.noise["furniture"] else ""]
        elif style == 5:
            before = [t(f"{y}年{m}月{d}日 来源：{source}"), ""]
        elif style == 6:
            before = ["", t(f"发布日期：{y}年{m:02d}月{d:02d}日"), t(f"来源：{source}"), ""]
        elif style == 7:
            before = [f"{y}年{m:02d}月{d:02d}日{hh:02d}:{mi:02d}  " + t(f"来源：{source}"), ""]
        indirect = self.noise["indirect_city"]
        before = ([] if indirect else [title]) + before
        rstyle = 1 if indirect else r.randint(0, 5)
        prefix, suffix = "", ""
        if rstyle == 1:
            prefix = t(f"（记者 {rep} 通讯员 {rep2}）")
        elif rstyle == 2:
            suffix = t(f"（记者 {rep}）")
        elif rstyle == 3:
            suffix = t(f"（{rep2} 记者 {rep}）")
        elif rstyle == 4:
            prefix = t(f"{source}讯（记者 {rep}）")
        elif rstyle == 5:
            suffix = t(f"（文/{rep}）")
        after = []
        if style != 3 and self.noise["header"]:
            estyle = r.randint(0, 4)
            if estyle == 1:
                after.append(t(f"（责编：{e1}、{e2}）"))
            elif estyle == 2:
                after.append(t(f"责编：{e1}"))
            elif estyle == 3:
                after.append(t(f"[ 责任编辑: {e1} ]"))
            elif estyle == 4:
                after.append(t(f"编辑：{e1}"))
        if self.noise["halfwidth_punct"]:
            prefix = prefix.translate(HALFWIDTH_PUNCT)
            suffix = suffix.translate(HALFWIDTH_PUNCT)
            after = [a.translate(HALFWIDTH_PUNCT) for a in after]
        return before, [prefix, suffix], after

    def furniture(self, site: str) -> list[str]:
        r = self.r
        t = self.t
        out: list[str] = []
        fill = dict(site=site, qq=r.randint(10_000_000, 999_999_999), tel=r.randint(2_000_000, 8_999_999),
                    app=r.choice(APPS).format(city=self.city), city=self.city, k=r.randint(15, 60))
        if r.random() < 0.5:
            out.append(t(r.choice(SHARE)))
        for group in r.sample(FURNITURE_TAIL, r.randint(1, 4)):
            out.extend(t(line.format(**fill)) for line in group)
            if r.random() < 0.5:
                out.append("")
        if r.random() < 0.4:
            out.append(t("相关新闻"))
            for _ in range(r.randint(2, 5)):
                city, prov = r.choice(CITIES)
                out.append(self.fill(r.choice(TITLES), city=city, cityf=city + "市", prov=prov))
        if r.random() < 0.3:
            out.append("")
            for line in COPYRIGHT:
                out.append(t(line.format(**fill)))
                out.append("")
        return out

    def caption(self, title: str) -> list[str]:
        r = self.r
        t = self.t
        proj = self.project()
        cap = self.tv(self.compose(r.choice(("建设中的{p}", "{p}施工现场", "工人在{p}现场作业", "{p}全景")), p=proj))
        org = self.tv(self.compose(r.choice(("{cityf}委宣传部", "{cityf}发改委", "{city}日报", "受访单位")),
            city=self.city, cityf=self.cityf))
        style = r.randint(1, 3)
        if style == 1:
            plain = title.replace("：", " ").replace(":", " ")
            return [f"{plain}_fororder_{cap} " + t("供图") + f" {org}", "", f"{cap} " + t("供图") + f" {org}"]
        if style == 2:
            return [t("图为") + cap + t("。") + self.tv(self.name()) + " " + t("摄")]
        return [cap + t("。") + f" {org}" + t("供图")]

    def seo_spam(self) -> str:
        r = self.r
        items = r.sample(SPAM_PLACES, r.randint(20, 45))
        return "".join(f"{it}| " for it in items).rstrip(" ")

    # ---- the whole article ------------------------------------------
    def build(self) -> tuple[str, str, dict, str]:
        """Return (text, encoding, info, core).

        text is the whole file's text, to be written in `encoding`; info is the manifest row;
        core is the body before character-level noise, used to prove articles distinct.
        """
        r = self.r
        self.choose_script(0)
        title = self.dress(self.title())
        source = r.choice(SOURCES).format(city=self.city, prov=self.prov, cityf=self.cityf)
        site = r.choice(SITE_NAMES).format(city=self.city, prov=self.prov)
        before, (prefix, suffix), after = self.header_lines(title, self.t(source))

        filler_pool = list(FILLER)
        r.shuffle(filler_pool)
        target = r.triangular(MIN_BYTES + 300, MAX_BYTES - 400, 4600)
        chunks: list[tuple[str, list[str]]] = [("lead", self.lead()), ("stats", self.stats())]
        if self.noise["indirect_city"]:
            chunks[1][1].insert(0, self.fill(INDIRECT_DOC, cityf=self.cityf))
        # about one project paragraph in four: the seeds name 4 projects an article, ~1 with an amount
        kinds = ["project", "filler", "filler", "stats", "filler", "project", "filler", "filler",
                 "filler", "project", "filler", "filler", "stats", "filler", "filler", "project"]
        paras: list[str] = []
        named: list[int] = []  # named projects with amounts in each paragraph, parallel to paras
        core_parts: list[str] = []
        size = 0
        i = 0
        extra = len("\n".join(before).encode()) + 400
        while True:
            before_named = self.named
            if i < len(chunks):
                kind, sentences = chunks[i]
            else:
                kind = kinds[(i - len(chunks)) % len(kinds)]
                self.choose_script(i)
                if kind == "project":
                    sentences = self.project_paragraph()
                elif kind == "stats":
                    sentences = self.stats()
                else:
                    sentences = self.filler_paragraph(filler_pool)
                if r.random() < 0.12:
                    paras.append(self.dress(self.t(r.choice(SUBHEADS))))
                    named.append(0)
                if self.noise["other_city"] and i == 4:
                    other = r.choice([c for c, _ in CITIES if c != self.city])
                    sentences.append(self.fill(r.choice(OTHER_CITY), other=other))
            core_parts.append("".join(sentences))
            paras.append(self.paragraph_text(sentences))
            named.append(self.named - before_named)
            size += len(paras[-1].encode())
            i += 1
            if size + extra >= target and i >= 4:
                break
        self.choose_script(1)
        paras.append(self.dress(self.fill(r.choice(CLOSINGS))) + suffix)
        named.append(0)
        paras[0] = prefix + paras[0]
        if self.noise["mojibake"]:
            j = r.randrange(1, len(paras))
            broken = mojibake(paras[j], r)
            if broken is not None:
                paras[j] = broken
            else:
                self.noise["mojibake"] = False
        if self.noise["fullwidth_digits"]:
            every = r.choice((1, 2))
            paras = [p.translate(FULLWIDTH) if j % every == 0 else p for j, p in enumerate(paras)]
        if self.noise["captions"]:
            at = r.randint(1, min(4, len(paras) - 1))
            lines = self.caption(title)
            paras[at:at] = lines
            named[at:at] = [0] * len(lines)
        tail = list(after)
        if self.noise["furniture"]:
            tail += self.furniture(self.t(site))
        if self.noise["seo_spam"]:
            tail.append(self.seo_spam())

        def assemble(ps: list[str]) -> str:
            return self.layout(before, ps, tail)

        text = assemble(paras)
        # Keep within size bounds: drop paragraphs from the middle, or add filler paragraphs.
        while len(text.encode()) > MAX_BYTES and len(paras) > 4:
            j = len(paras) // 2
            del paras[j]
            del named[j]
            text = assemble(paras)
        while len(text.encode()) < MIN_BYTES:
            self.choose_script(len(paras))
            extra_para = self.filler_paragraph(filler_pool)
            core_parts.append("".join(extra_para))
            paras.insert(len(paras) - 1, self.paragraph_text(extra_para))
            named.insert(len(named) - 1, 0)
            text = assemble(paras)
        encoding = "gb18030" if self.noise["gb18030"] else "utf-8"
        info = {
            "city": self.city, "province": self.prov, "script": self.script,
            "opencc": self.tconf if self.script != "simplified" else "",
            "published": "%04d-%02d-%02d" % self.date[:3], "encoding": encoding,
            "wind": bool(_WIND.search(text)), "named_projects": sum(named), "pinyin": self.pinyin,
            "noise": [k for k, v in self.noise.items() if v],
        }
        return text, encoding, info, "\n".join(core_parts)

    def layout(self, before: list[str], paras: list[str], tail: list[str]) -> str:
        r = random.Random(f"layout:{self.seed}:{self.index}")  # same choices however often we re-assemble
        indent = ""
        if self.noise["indent"]:
            indent = r.choice(("  ", "\u3000\u3000"))
        lines = list(before)
        for p in paras:
            lines.append(indent + p if p else p)
            if self.noise["blank_noise"]:
                lines.append(r.choice(("", "", "\n", " ", "\u00a0", "\n\n")))
            elif self.noise["indent"]:
                lines.append("")
        lines.extend(tail)
        text = "\n".join(lines)
        if self.noise["blank_noise"]:
            text = text.replace("。\n", "。  \n", 2)
        text = text.rstrip("\n") + ("\n" if r.random() < 0.6 else "")
        if self.noise["crlf"]:
            text = text.replace("\n", "\r\n")
        return text


def _q(a: "Article"):
    return CN_DIGITS[a.r.randint(1, 4)] if a.r.random() < 0.5 else a.r.randint(1, 4)


# Slot name -> value generator, computed only when a template uses the slot.
SLOTS = {
    "kn": lambda a, v: max(1, round(v.get("n", 200) * a.r.uniform(0.45, 1.0))),
    "rkn": lambda a, v: f"{100 * v['kn'] / v['n']:.1f}" if "n" in v and "kn" in v else a.rate(),
    "city": lambda a, v: a.city_slot, "cityf": lambda a, v: a.cityf_slot,
    "prov": lambda a, v: a.prov, "provf": lambda a, v: a.provf, "year": lambda a, v: a.date[0], "q": lambda a, v: _q(a),
    "season": lambda a, v: SEASONS[a.date[1]], "period": lambda a, v: a.period(),
    "n": lambda a, v: a.r.randint(12, 480), "k": lambda a, v: a.r.randint(3, 300),
    "k2": lambda a, v: a.r.randint(2, 200), "a": lambda a, v: a.r.randint(20, 120),
    "b": lambda a, v: a.r.randint(5, 45), "n2": lambda a, v: a.r.randint(20, 260),
    "x": lambda a, v: a.r.randint(1, 25), "r": lambda a, v: a.rate(), "r2": lambda a, v: a.rate(10, 115), "r3": lambda a, v: a.rate(20, 100),
    "few": lambda a, v: a.r.randint(2, 11),
    "signed": lambda a, v: a.r.randint(3, 60), "units": lambda a, v: a.r.randint(8, 120),
    "capw": lambda a, v: a.r.randint(50, 900), "days": lambda a, v: a.r.randint(7, 90),
    "pct": lambda a, v: a.r.randint(20, 95), "total": lambda a, v: a.total_amount(),
    "plan": lambda a, v: a.total_amount(), "done": lambda a, v: a.amount(50_000, 5_000_000, 0.1),
    "amt": lambda a, v: a.amount(), "amt1": lambda a, v: a.amount(), "amt2": lambda a, v: a.amount(),
    "loan": lambda a, v: a.amount(100_000, 3_000_000), "g": lambda a, v: f"{a.r.uniform(2, 35):.1f}",
    "g2": lambda a, v: f"{a.r.uniform(2, 40):.1f}", "s": lambda a, v: f"{a.r.uniform(3, 60):.1f}",
    "rank": lambda a, v: a.r.randint(1, 9), "m": lambda a, v: a.r.randint(1, 12),
    "d": lambda a, v: a.r.randint(1, 28), "slogan": lambda a, v: a.r.choice(SLOGANS),
    "site": lambda a, v: a.compose(a.r.choice(SITES), city=a.city_slot, cityf=a.cityf_slot),
    "scope": lambda a, v: a.r.choice(SCOPES),
    "thr": lambda a, v: a.r.choice(("500万元", "1000万元", "5000万元", "亿元")),
    "gen": lambda a, v: f"{a.r.uniform(0.5, 30):.1f}",
    "c": lambda a, v: a.r.choice(("4.5", "5", "5.6", "6.25", "6.7", "3.6")),
    "workers": lambda a, v: a.r.randint(5, 90) * 10, "machines": lambda a, v: a.r.randint(5, 120),
    "date_cn": lambda a, v: f"{a.date[1]}月{a.r.randint(1, a.date[2])}日",
    "inds": lambda a, v: "、".join(a.r.sample(INDUSTRY_WORDS, 3)),
    "area": lambda a, v: a.r.randint(30, 2000),
    "prod": lambda a, v: a.r.choice(PRODUCTS), "qty": lambda a, v: a.r.randint(1, 80),
    "val": lambda a, v: a.amount(10_000, 2_000_000, 0.3), "jobs": lambda a, v: a.r.randint(50, 3000),
    "area2": lambda a, v: f"{a.r.uniform(0.5, 30):.1f}", "year2": lambda a, v: a.date[0] + a.r.randint(0, 2),
    "tax": lambda a, v: a.amount(500, 100_000, 0.3),
}
_KEYS: dict[str, tuple[str, ...]] = {}


def article_path(out: str, i: int, n: int) -> str:
    width = max(6, len(str(n - 1)))
    return os.path.join(out, f"{i // PER_DIR:03d}", f"{i:0{width}d}.txt")


def generate(n: int, out: str, seed: int, manifest: bool = True, quiet: bool = False) -> dict:
    """Write n articles under out; return statistics.  Raises ValueError on duplicate content."""
    t0 = time.perf_counter()
    seen_core: dict[bytes, int] = {}
    seen_file: dict[bytes, int] = {}
    sizes: list[int] = []
    counts: dict[str, int] = {}
    rows = []
    made_dirs: set[str] = set()
    total_bytes = 0
    for i in range(n):
        text, encoding, info, core = Article(seed, i).build()
        data = text.encode(encoding)
        h_core = hashlib.blake2b(core.encode(), digest_size=16).digest()
        h_file = hashlib.blake2b(data, digest_size=16).digest()
        if h_core in seen_core or h_file in seen_file:
            raise ValueError(f"article {i} duplicates article {seen_core.get(h_core, seen_file.get(h_file))}")
        seen_core[h_core] = i
        seen_file[h_file] = i
        path = article_path(out, i, n)
        d = os.path.dirname(path)
        if d not in made_dirs:
            os.makedirs(d, exist_ok=True)
            made_dirs.add(d)
        with open(path, "wb") as f:
            f.write(data)
        sizes.append(len(text.encode("utf-8")))
        total_bytes += len(data)
        for k in info["noise"] + [info["script"]] + (["wind"] if info["wind"] else []) \
                + (["pinyin"] if info["pinyin"] else []):
            counts[k] = counts.get(k, 0) + 1
        if manifest:
            rows.append("\t".join((os.path.relpath(path, out), str(len(data)), info["encoding"], info["script"],
                                   info["opencc"], info["city"], info["province"], info["published"],
                                   "1" if info["wind"] else "0", str(info["named_projects"]),
                                   ",".join(info["noise"] + (["pinyin"] if info["pinyin"] else [])))))
        if not quiet and (i + 1) % 10_000 == 0:
            print(f"  {i + 1} articles, {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    if manifest:
        with open(out.rstrip("/") + ".manifest.tsv", "w", encoding="utf-8") as f:
            f.write("path\tbytes\tencoding\tscript\topencc\tcity\tprovince\tpublished\twind\t"
                    "named_projects\tnoise\n")
            f.write("\n".join(rows) + "\n")
    return {"n": n, "seconds": time.perf_counter() - t0, "bytes": total_bytes, "sizes": sizes,
            "counts": counts}


def report(stats: dict) -> str:
    n = stats["n"]
    sizes = sorted(stats["sizes"])
    q = lambda p: sizes[min(n - 1, int(p * n))]  # noqa: E731
    lines = [f"{n} articles, {stats['bytes'] / 1e6:.1f} MB on disk, {stats['seconds']:.1f}s "
             f"({n / stats['seconds']:.0f} articles/s)",
             f"UTF-8 size bytes: min {sizes[0]}  p10 {q(0.1)}  median {q(0.5)}  p90 {q(0.9)}  max {sizes[-1]}",
             "share of articles: " + ", ".join(f"{k} {v / n:.1%}" for k, v in sorted(stats["counts"].items()))]
    return "\n".join(lines)


def check(n: int, out: str, seed: int) -> list[str]:
    """Generate twice and verify reproducibility, sizes, distinctness and decodability."""
    problems = []
    stats = generate(n, out, seed, quiet=True)
    with tempfile.TemporaryDirectory() as tmp:
        # The second run is a fresh process with another hash seed, so set/dict-order or
        # id()-dependent choices would show up as differences.
        again = os.path.join(tmp, "again")
        env = dict(os.environ, PYTHONHASHSEED=str(os.getpid() % 4000 + 7))
        subprocess.run([sys.executable, os.path.abspath(__file__), "--n", str(n), "--out", again,
                        "--seed", str(seed)], check=True, env=env, stdout=subprocess.DEVNULL)
        for i in range(n):
            a, b = article_path(out, i, n), article_path(again, i, n)
            with open(a, "rb") as fa, open(b, "rb") as fb:
                if fa.read() != fb.read():
                    problems.append(f"not reproducible: {a}")
        with open(out.rstrip("/") + ".manifest.tsv", "rb") as fa, open(again + ".manifest.tsv", "rb") as fb:
            if fa.read() != fb.read():
                problems.append("manifest not reproducible")
    texts = set()
    for i in range(n):
        path = article_path(out, i, n)
        data = open(path, "rb").read()
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = data.decode("gb18030")
        size = len(text.encode("utf-8"))
        if not MIN_BYTES <= size <= MAX_BYTES:
            problems.append(f"{path}: {size} UTF-8 bytes, outside {MIN_BYTES}..{MAX_BYTES}")
        if not re.search(r"[0-9０-９.．]+[亿億万萬](\(" + _PINYIN + r"\))?元", text):
            problems.append(f"{path}: no money amount")
        texts.add(re.sub(r"\s+", "", text))
    if len(texts) != n:
        problems.append(f"only {len(texts)} distinct texts among {n} files")
    if n >= 200:
        trad = stats["counts"].get("traditional", 0) / n
        wind = stats["counts"].get("wind", 0) / n
        if not 0.2 <= trad <= 0.4:
            problems.append(f"traditional share {trad:.0%} outside 20..40%")
        if not 0.2 <= wind <= 0.4:
            problems.append(f"wind share {wind:.0%} outside 20..40%")
    print(report(stats))
    return problems


def prepare_out(out: str, force: bool) -> None:
    """Refuse to write into a non-empty folder unless --force; --force removes only our layout."""
    if not os.path.isdir(out) or not os.listdir(out):
        return
    ours = all(re.fullmatch(r"\d{3}", e) and os.path.isdir(os.path.join(out, e)) for e in os.listdir(out))
    if not force:
        sys.exit(f"generate.py: {out} is not empty (use --force to replace a generated corpus)")
    if not ours:
        sys.exit(f"generate.py: {out} holds files this generator did not write; not touching it")
    shutil.rmtree(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, required=True, help="number of articles")
    ap.add_argument("--out", required=True, help="output folder (files go to OUT/NNN/NNNNNN.txt)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--check", action="store_true",
                    help="generate twice and verify reproducibility, sizes and distinctness")
    ap.add_argument("--force", action="store_true", help="replace an existing generated corpus in OUT")
    args = ap.parse_args(argv)
    if args.n < 1:
        ap.error("--n must be positive")
    prepare_out(args.out, args.force or args.check)
    if args.check:
        problems = check(args.n, args.out, args.seed)
        for p in problems:
            print("FAIL", p, file=sys.stderr)
        print("check: " + ("FAILED" if problems else "ok"))
        return 1 if problems else 0
    try:
        stats = generate(args.n, args.out, args.seed)
    except ValueError as e:
        print(f"generate.py: {e}", file=sys.stderr)
        return 1
    print(report(stats))
    return 0


if __name__ == "__main__":
    sys.exit(main())
