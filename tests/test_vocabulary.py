"""Every stage speaks the one closed metric vocabulary of SPEC §3."""

from xmqw import phrases, query, vocabulary
from xmqw.extract import rates


def test_stages_share_the_metric_vocabulary():
    assert set(vocabulary.METRICS) == {"开工率", "复工率", "开复工率", "投资完成率", "资金到位率", "投产率", "竣工率"}
    assert {reported for _, reported in rates.METRICS} == set(vocabulary.METRICS)
    assert set(phrases.METRICS) == set(query.METRICS) == set(vocabulary.METRICS)
    assert set(vocabulary.METRIC_FAMILIES["start"]) <= set(vocabulary.METRICS)
