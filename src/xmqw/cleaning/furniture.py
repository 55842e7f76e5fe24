"""Page furniture, footers, SEO spam and photo captions: line-level rules.

They run on simplified text whose paragraphs are single lines separated by
``\\n`` (after ``normalise_spaces`` and ``simplify``). The patterns are data:

* ``FURNITURE_TOKENS`` — widgets that make up a whole line by themselves
  (``A+A- |举报纠错``, ``【打印】【关闭】``);
* ``FURNITURE_LINES`` — whole-line shapes: share prompts, app blurbs,
  hotlines and QQ groups, copyright and reprint notices, site footers;
* ``FURNITURE_SUFFIXES`` — widgets glued to the end of the last paragraph;
* ``FOOTER_MARKERS`` — a line that starts the page's trailing block
  (``相关新闻``, a copyright statement): it and everything after it go;
* navigation bars and breadcrumb trails above the first sentence
  (``首页 | 新闻中心 | 政务公开``, ``新闻中心 > 本地新闻``);
* captions: ``…_fororder_…`` lines and photo-credit lines (``供图``, ``摄``).
"""

from __future__ import annotations

import re

from xmqw.cleaning.notes import Notes, add_unique

# --- tables -----------------------------------------------------------------

#: Widgets that never carry article text. A line made only of these (and
#: separators) is dropped.
FURNITURE_TOKENS = (
    r"A\+\s*A-", r"A\+", r"A-", r"[大中小]", "字号", "字体", r"打印(?:本页|此页)?", r"关闭(?:本页|窗口)?",
    r"收藏(?:本页)?", r"(?:我要|举报)?纠错", "举报", r"分享(?:到|至)?", "微信", "微博", "朋友圈", "QQ空间",
    "QQ好友", "扫一扫", "返回顶部", r"返回首页", "推荐", "评论", "点赞",
)  # fmt: skip

#: Whole lines that are page furniture. (name, pattern matching the line.)
FURNITURE_LINES = (
    ("share", r"分享让更多人看到|[^\n。]{0,6}(?:扫一扫|扫描二维码|长按二维码|长按识别)[^\n。]{0,24}|分享到[:：]?[^\n。]{0,30}"),
    ("app", r"[^\n。]{0,30}(?:客户端|APP|App|app)\s*简介[:：][^\n]*|(?:扫码|点击)?下载[^\n。，]{1,12}(?:客户端|APP|App|app)[^\n。]{0,20}"),
    ("hotline", r"(?:新闻)?爆料(?:热线)?(?:电话)?|[^\n。]{0,24}(?:爆料|热线|QQ群|微信群|投稿邮箱|联系电话)[^\n。，,]{0,16}?\d{5,}[^\n。]{0,40}"),
    ("copyright", r"[^\n。]{0,40}版权所有[^\n。]{0,80}|[^\n。]{0,30}(?:Copyright|COPYRIGHT|©)[^\n。]{0,100}|[^\n。]{0,40}(?:ICP备|ICP证|公网安备)[^\n。]{0,60}"),
    ("reprint", r"[^\n]{0,40}未经[^\n]{0,20}授权[^\n]{0,60}不得(?:转载|摘编|复制)[^\n]{0,100}|[^\n]{0,10}转载请注明(?:出处|来源)[^\n]{0,40}"),
    ("support", r"[^\n。]{0,24}提供技术支持|技术支持[:：][^\n。]{0,30}"),
    ("site-footer", r"(?=(?:[^\n。]*?(?:网站简介|网站地址|关于我们|联系我们|广告服务|法律声明|网站地图|隐私政策|联系方式|标识说明|违法和不良信息举报|网站标识码|主办单位|承办单位|主管单位|协办单位)){2})[^\n。]{0,120}"),
    ("site-owner", r"(?:主办单位|承办单位|主管单位|协办单位|网站标识码)[:：][^\n。]{0,80}"),
    ("original-title", r"原标题[:：][^\n]{0,80}"),
    ("prev-next", r"(?:上一篇|下一篇)[:：][^\n]{0,60}"),
    ("breadcrumb", r"(?:当前位置|您的位置|你的位置|所在位置)[:：][^\n。]{0,60}|首页\s*[>＞»][^\n。]{0,60}"),
)  # fmt: skip

#: Widgets glued to the end of a paragraph: ``…(孙婧 记者 刘大泳)分享让更多人看到``.
FURNITURE_SUFFIXES = ("分享让更多人看到", "【我要纠错】", "我要纠错", "举报纠错", "A+A-", "A+ A-")
#: Every suffix holds one of these: three substring searches tell whether a
#: text can have a widget at all (a test checks they cover the suffixes).
SUFFIX_KEYS = ("纠错", "A+", "分享让")

#: A line that starts the trailing block of the page (related links, the
#: site's copyright statement …): that line and everything after it go.
FOOTER_MARKERS = (
    r"【?(?:相关新闻|相关阅读|相关链接|相关报道|相关文章|相关稿件|延伸阅读|推荐阅读|热点推荐|热门推荐|热门文章|猜你喜欢|往期回顾|精彩推荐|更多阅读|点击排行|热门排行|新闻排行)】?[:：>]*",
    r"[^\n。]{0,20}版权与信息产品内容销售的声明",
    r"【?(?:版权声明|免责声明)】?[:：]?",
)

#: A photo-credit line is a caption (kept in ``captions``, not in the body).
CAPTION_SHAPES = (
    r"[\s(（/]供图(?:[\s:：][^\n]*)?",  # 南票光伏新能源项目 供图 葫芦岛市委宣传部
    r"[^\n]*供图[)）]?",  # …现场(市委宣传部供图)
    r"图为[^\n]*",  # 图为项目施工现场
    r"[(（]?图[:：/][^\n]*",  # 图:项目施工现场
    r"[^\n]*图片来源[:：][^\n]*",
    r"[▲△][^\n]*",  # ▲项目施工现场
    r"[(（]?图片由[^\n]{1,30}提供[)）]?",
    r"[^\n]*(?:[\s/]|记者\s*[\u4e00-\u9fff·]{2,4}\s*)摄(?:影)?[)）]?",  # …现场。记者 张三 摄
)

#: SEO spam has at least this many ``|``-separated items, none with a digit
#: (a table row flattened to text has numbers, a header row few columns).
MIN_SPAM_ITEMS = 8

#: A caption line is at most this long.
MAX_CAPTION = 120

#: A navigation bar or breadcrumb trail is at least two short items separated
#: by one of these (spaces around them allowed): bars, breadcrumb arrows.
NAV_SEPARATORS = "|｜>＞»›"
#: A navigation item is at most this long, and has no digit, bracket, quote
#: or punctuation: a table's cells have numbers and units, a headline is longer.
MAX_NAV_ITEM = 6

# --- compiled patterns -----------------------------------------------------------

_SEP = r"[\s|｜丨/【】\[\]()（）:：>》»·•]"
_FURNITURE_ONLY = re.compile(rf"(?:{_SEP}*(?:{'|'.join(FURNITURE_TOKENS)}))+{_SEP}*")
_FURNITURE_LINE = re.compile("|".join(f"(?P<{name.replace('-', '_')}>{p})" for name, p in FURNITURE_LINES))
#: Words one of which every ``FURNITURE_LINES`` shape contains: only lines
#: with one are matched against the shapes.
_FURNITURE_HINT = re.compile(
    r"分享|扫一扫|二维码|长按识别|简介|下载|爆料|热线|QQ群|微信群|投稿邮箱|联系电话|版权所有|Copyright|COPYRIGHT|©|ICP|公网安备"
    r"|授权|转载请注明|技术支持|网站|关于我们|联系我们|广告服务|法律声明|隐私政策|联系方式|标识说明|违法和不良信息举报|上一篇|下一篇"
    r"|单位[:：]|原标题|位置[:：]|首页"
)
#: Furniture-only lines are at most this long.
MAX_FURNITURE_ONLY = 60
_ONE_SUFFIX = "(?:" + "|".join(map(re.escape, FURNITURE_SUFFIXES)) + ")"
_SUFFIX = re.compile(rf"{_ONE_SUFFIX}(?:[ \t]*{_ONE_SUFFIX})*[ \t]*$", re.M)
_FOOTER = re.compile(r"\n(?:" + "|".join(FOOTER_MARKERS) + r")$[\s\S]*", re.M)
_SPAM = re.compile(
    rf"(?:[^\n|｜。，,！？；;!?\d]{{1,12}}[|｜]){{{MIN_SPAM_ITEMS},}}[^\n|｜。，,！？；;!?\d]{{0,12}}$"
)
_NAV_ITEM = rf"[^\s{NAV_SEPARATORS}\d。，,、；;：:！!？?“”‘’\"'《》()（）【】\[\]]{{1,{MAX_NAV_ITEM}}}"
_NAVIGATION = re.compile(rf"[|｜]?\s*{_NAV_ITEM}(?:\s*[{NAV_SEPARATORS}]\s*{_NAV_ITEM})+\s*[|｜]?")
_TABLE_ROW = re.compile(r"[|｜][^\n]*\d|\d[^\n]*[|｜]")
_FORORDER = "_fororder_"
_CAPTION = re.compile(rf"[^\n]*(?:{CAPTION_SHAPES[0]})|{'|'.join(CAPTION_SHAPES[1:])}")
#: Every caption shape has one of these.
_CAPTION_HINTS = ("图", "摄", "▲", "△")
_CAPTION_HINT = re.compile("|".join(_CAPTION_HINTS))


def _count(notes: Notes | None, rule: str, n: int) -> None:
    if notes is not None:
        notes.count(rule, n)


# --- rules ---------------------------------------------------------------------------


def cut_footer(text: str, notes: Notes | None = None) -> str:
    r"""Drop the page's trailing block: from a marker line (``相关新闻``, the
    site's copyright statement …) to the end. A marker on the first line is
    not a footer and stays.

    >>> cut_footer('正文。\n相关新闻\n下载烟海e家\n视听中心更多')
    '正文。'
    >>> cut_footer('正文。\n国际在线版权与信息产品内容销售的声明\n1、凡本网注明…')
    '正文。'
    """
    m = _FOOTER.search(text)
    if m is None:
        return text
    _count(notes, "cut_footer", text.count("\n", m.start()))
    return text[: m.start()]


def drop_seo_spam(text: str, notes: Notes | None = None) -> str:
    r"""Remove a run of at least ``MIN_SPAM_ITEMS`` short ``|``-separated
    keywords (SEO spam) at the end of a line: whole lines, or glued to the end
    of a paragraph.

    >>> drop_seo_spam('正文。\n甲市| 乙县| 丙县| 财经| 丁市| 戊县| 己旗| 庚县|')
    '正文。\n'
    >>> drop_seo_spam('序号|项目|总投资|进度\n1|物流园|12|在建|2|产业园|8|在建|3|厂房|5|竣工')
    '序号|项目|总投资|进度\n1|物流园|12|在建|2|产业园|8|在建|3|厂房|5|竣工'
    >>> drop_seo_spam('A+A- |举报纠错')
    'A+A- |举报纠错'
    """
    if text.count("|") + text.count("｜") < MIN_SPAM_ITEMS:
        return text
    lines = text.split("\n")
    n = 0
    for i, line in enumerate(lines):
        if line.count("|") + line.count("｜") >= MIN_SPAM_ITEMS:
            lines[i], k = _SPAM.subn("", line)
            n += k
    if not n:
        return text
    _count(notes, "drop_seo_spam", n)
    return "\n".join(lines)


def take_captions(text: str, notes: Notes | None = None) -> str:
    r"""Move photo captions out of the body: ``…_fororder_CAPTION`` lines (the
    part after the marker) and photo-credit lines. Each caption is kept once.

    >>> notes = Notes()
    >>> take_captions('正文。\n标题_fororder_新建厂房 供图 县委宣传部\n新建厂房 供图 县委宣传部\n下文。', notes)
    '正文。\n下文。'
    >>> notes.captions
    ['新建厂房 供图 县委宣传部']
    >>> take_captions('正文。\n图为项目施工现场。记者 张三 摄\n现场拍摄工作。')
    '正文。\n现场拍摄工作。'
    """
    captions: list[str] = []
    kept: list[str] = []
    for line in text.split("\n"):
        if _FORORDER in line:
            captions.append(line.partition(_FORORDER)[2].strip())
        elif (
            len(line) <= MAX_CAPTION
            and _CAPTION_HINT.search(line)
            and _CAPTION.fullmatch(line)
        ):
            captions.append(line.strip())
        else:
            kept.append(line)
    n = text.count("\n") + 1 - len(kept)
    if not n:
        return text
    if notes is not None:
        add_unique(notes.captions, [c for c in captions if c])
    _count(notes, "take_captions", n)
    return "\n".join(kept)


def drop_furniture_lines(text: str, notes: Notes | None = None) -> str:
    r"""Drop lines that are page furniture: widget-only lines (``A+A-
    |举报纠错``) and the shapes of ``FURNITURE_LINES``.

    >>> drop_furniture_lines('A+A- |举报纠错\n正文。\n新闻爆料:QQ群 41885496  热线 8200999\n胶东在线版权所有')
    '正文。'
    >>> drop_furniture_lines('开通12345政务服务热线。\n热线接听量创新高')
    '开通12345政务服务热线。\n热线接听量创新高'
    """
    lines = text.split("\n")
    kept = [line for line in lines if not is_furniture_line(line)]
    if len(kept) == len(lines):
        return text
    _count(notes, "drop_furniture_lines", len(lines) - len(kept))
    return "\n".join(kept)


def is_furniture_line(line: str) -> bool:
    """Whether a whole line is page furniture.

    >>> is_furniture_line('【字号：大 中 小】【打印】【关闭】'), is_furniture_line('网友交流QQ群:41885496')
    (True, True)
    >>> is_furniture_line('成立项目推进中心')
    False
    """
    if len(line) <= MAX_FURNITURE_ONLY and _FURNITURE_ONLY.fullmatch(line):
        return True
    return _FURNITURE_HINT.search(line) is not None and _FURNITURE_LINE.fullmatch(line) is not None


def is_navigation_line(line: str) -> bool:
    """Whether a line has the shape of a navigation bar or breadcrumb trail:
    two or more short items separated by ``NAV_SEPARATORS``, nothing else.

    >>> is_navigation_line('首页 | 新闻中心 | 政务公开'), is_navigation_line('新闻中心 > 本地新闻 > 正文')
    (True, True)
    >>> is_navigation_line('项目名称|总投资(亿元)|进度'), is_navigation_line('物流园|12|在建')
    (False, False)
    >>> is_navigation_line('大庆市重点项目建设提速增效 | 大庆日报')
    False
    """
    return len(line) <= MAX_FURNITURE_ONLY and _NAVIGATION.fullmatch(line) is not None


def is_table_row(line: str) -> bool:
    """Whether a line may be a flattened table's row: cells separated by
    bars, with a number.

    >>> is_table_row('物流园|12亿元|在建'), is_table_row('首页|要闻|专题')
    (True, False)
    """
    return _TABLE_ROW.search(line) is not None


def drop_navigation(text: str, notes: Notes | None = None) -> str:
    r"""Drop navigation bars and breadcrumb trails (``is_navigation_line``)
    above the article's first sentence (the first line with a full stop);
    further down such a line may be content. A run of them directly above a
    table row (``is_table_row``) stays: that is a table's header row. (A
    table of words alone at the top of a page would be taken for a menu.)

    >>> drop_navigation('佳木斯市重点项目建设提速\n首页 | 新闻中心 | 政务公开\n记者获悉，全市项目开工。')
    '佳木斯市重点项目建设提速\n记者获悉，全市项目开工。'
    >>> drop_navigation('项目|总投资|进度\n物流园|12亿元|在建\n全市项目开工。')
    '项目|总投资|进度\n物流园|12亿元|在建\n全市项目开工。'
    >>> drop_navigation('全市项目开工。\n产业|项目|人才')
    '全市项目开工。\n产业|项目|人才'
    """
    stop = text.find("。")
    head_end = len(text) if stop < 0 else text.rfind("\n", 0, stop) + 1
    if not any(sep in text[:head_end] for sep in NAV_SEPARATORS):
        return text
    lines = text.split("\n")
    head = text.count("\n", 0, head_end) + (stop < 0)
    kept: list[str] = []
    i = 0
    while i < head:
        j = i
        while j < head and is_navigation_line(lines[j]):
            j += 1
        if j == i:
            kept.append(lines[i])
            i += 1
            continue
        if j < len(lines) and is_table_row(lines[j]):
            kept.extend(lines[i:j])
        i = j
    n = head - len(kept)
    if not n:
        return text
    _count(notes, "drop_navigation", n)
    return "\n".join(kept + lines[head:])


def strip_furniture_suffix(text: str, notes: Notes | None = None) -> str:
    """Remove widgets glued to the end of a paragraph (spaces and empty
    lines left behind are tidied by the pipeline).

    >>> strip_furniture_suffix('再添新活力。(孙婧 记者 刘大泳)分享让更多人看到')
    '再添新活力。(孙婧 记者 刘大泳)'
    """
    if not any(key in text for key in SUFFIX_KEYS):
        return text
    text, n = _SUFFIX.subn("", text)
    _count(notes, "strip_furniture_suffix", n)
    return text
