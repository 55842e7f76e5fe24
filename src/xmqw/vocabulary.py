"""The product's closed vocabularies (SPEC §3): one home, read by extraction, queries and phrases."""

#: Progress-rate metrics, in display order.
METRICS = ("开工率", "复工率", "开复工率", "投资完成率", "资金到位率", "投产率", "竣工率")

#: Metric families a question can name at once ("start rate" covers all three).
METRIC_FAMILIES = {"start": ("开工率", "复工率", "开复工率")}
