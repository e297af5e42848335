"""Whether a draft is plainly about enterprises: the hint that it may need a 公平竞争审查 (fair competition review).

公平竞争审查条例 (国务院令第783号) 第二条: 起草涉及经营者经济活动的……规范性文件……应当……开展公平竞争审查;
its implementing measures (国家市场监督管理总局令第99号) 第二条 name the fields: 市场准入和退出、产业发展、招商引资、
政府采购、招标投标、资质标准、监管执法. 优化营商环境条例 第六十二条、第六十三条 ask more of documents 与市场主体
生产经营活动密切相关 (30 days of public comment, the review). Whether a document is one of them is the
drafter's and the legal office's call; these words only prompt the question.
"""

import re

from .check import _mask_titles

# Who the document is about (operators of any kind) and what it governs (the fields of the measures 第二条).
# Longer words first, so 个体工商户 is one cue rather than 商户.
_CUES = re.compile(r"生产经营单位|个体工商户|经营主体|市场主体|经营者|经营户|供应商|投标人|企业|商户|商家|厂商|"
                   r"市场准入|招商引资|政府采购|招标投标|特许经营|产业发展|产业扶持")
# One passing mention (施工企业由建设单位确定) is not a document about enterprises.
MIN_MENTIONS = 2


def market_cues(text: str) -> tuple[str, ...]:
    """The words that show `text` concerns enterprises, in order of first mention; () when it plainly does not.

    Titles in 《》 are masked first: citing 《企业信息公示暂行条例》 says nothing about the draft.
    """
    words = [m.group() for m in _CUES.finditer(_mask_titles(text))]
    if len(words) < MIN_MENTIONS:
        return ()
    return tuple(dict.fromkeys(words))
