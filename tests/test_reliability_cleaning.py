"""Reliability findings in the cleaner (owned by the cleaning helper), fixed and pinned here.

Terminal escape sequences in scraped text (CSI colours, OSC hyperlinks and window titles) are
removed whole by strip_controls, payload included: nothing like "[31m" or "]8;;http://evil…" is
left in the article text, its title or extracted sentences. A navigation bar separated by "|"
at the top of a page is page furniture (drop_navigation), not body text.
"""

import pytest

from xmqw.cleaning import clean_article

ESCAPE_CASES = [
    # (raw, expected title, expected text)
    ("大庆市重点项目建设\n全市项目\x1b[31m全面开工\x1b[0m。", "大庆市重点项目建设", "全市项目全面开工。"),
    ("大庆市重点项目建设\n总投资12亿元的\x1b]8;;http://evil.example\x07风电装备产业园项目\x1b]8;;\x07正式开工。",
     "大庆市重点项目建设", "总投资12亿元的风电装备产业园项目正式开工。"),
    ("大庆市重点项目\x1b]0;pwned\x07建设提速\n全市项目全面开工。", "大庆市重点项目建设提速", "全市项目全面开工。"),
]


@pytest.mark.parametrize("raw, title, text", ESCAPE_CASES)
def test_escape_sequences_are_removed_whole(raw, title, text):
    cleaned = clean_article(raw)
    assert (cleaned.title, cleaned.text) == (title, text)


NAV_CASES = [
    ("佳木斯市重点项目建设提速\n首页 | 新闻中心 | 政务公开\n记者从市发改委获悉，全市重点项目全面开工。",
     "记者从市发改委获悉，全市重点项目全面开工。"),
    ("漯河市重点项目观摩\n首页|要闻|县区|部门|专题\n全市省市重点项目投资完成率达到64.1%。",
     "全市省市重点项目投资完成率达到64.1%。"),
]


@pytest.mark.parametrize("raw, text", NAV_CASES)
def test_navigation_bar_is_furniture(raw, text):
    assert clean_article(raw).text == text
