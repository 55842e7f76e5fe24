"""The CLI on the bundled seed corpus: every command, every format, the exit codes."""

import csv
import io
import json

import pytest

from xmqw.cli import EXAMPLES, app

FORMATS = ["table", "json", "jsonl", "csv", "tsv"]

SEED_ARTICLES = {
    # id: (city, province, published date, source)
    "000_85f6284007b2f627": ("佳木斯", "黑龙江", None, None),
    "001_4bc857938f439df1": ("大庆", "黑龙江", "2021-05-28", "大庆日报"),
    "002_b4d32a4544aaf4f8": ("漯河", "河南", None, None),
    "003_ec34899dda7fb608": ("烟台", "山东", "2019-08-03", "胶东在线"),
    "004_6a2d404cf95e2884": ("葫芦岛", "辽宁", "2022-06-10", "中央广电总台国际在线"),
}

PROJECTS_OVER_1YI = [
    ("金大地联碱绿色转型产业园项目", 12000000000, "漯河"),
    ("隆基绿能高效单晶组建项目", 1900000000, "佳木斯"),
    ("华润(黑龙江)中医药产业园项目", 300000000, "佳木斯"),
    ("大庆智陶瓷业有限公司日用瓷产业园项目", 300000000, "大庆"),
]

SEED_RATES = {
    ("佳木斯", "开工率", 100), ("佳木斯", "投资完成率", 111), ("佳木斯", "资金到位率", 100), ("佳木斯", "投产率", 100),
    ("大庆", "开复工率", 77.3), ("大庆", "投资完成率", 16.4),
    ("漯河", "投资完成率", 64.4), ("漯河", "投资完成率", 66.9),
    ("烟台", "开复工率", 93.8),
    ("葫芦岛", "开复工率", 65.8), ("葫芦岛", "复工率", 91.4), ("葫芦岛", "开工率", 43.7),
}


def as_json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_version_and_help(run):
    result = run("--version")
    assert result.exit_code == 0 and result.stdout.startswith("xmqw ")
    result = run("--help")
    assert result.exit_code == 0
    for command in ("ingest", "articles", "show", "search", "projects", "rates", "stats", "query"):
        assert f"  {command} " in result.stdout
    for example, _ in EXAMPLES:
        assert example in result.stdout


def test_articles_metadata(run):
    rows = as_json(run("articles", "--format", "json"))
    got = {r["id"]: (r["city"], r["province"], (r["published"] or "")[:10] or None, r["source"]) for r in rows}
    assert got == SEED_ARTICLES
    assert {r["script"] for r in rows if r["id"].startswith("003")} == {"simplified"}


def test_projects_over_1yi_exactly(run):
    rows = as_json(run("projects", "--over", "1亿", "--format", "json"))
    assert [(r["name"], r["amount_yuan"], r["city"]) for r in rows] == PROJECTS_OVER_1YI
    # the sentence that states the amount: it names the project, or refers back to it (该项目总投资…)
    assert [r["name"] in r["sentence"] or r["sentence"].startswith("该项目") for r in rows] == [True] * 4


@pytest.mark.parametrize("amount", ["1亿", "1.0亿", "10000万", "100000000", "1e8", "1亿元"])
def test_amount_spellings_agree(run, amount):
    rows = as_json(run("projects", "--over", amount, "--format", "json"))
    assert len(rows) == 4


def test_projects_under_and_city(run):
    rows = as_json(run("projects", "--under", "5亿", "--city", "佳木斯市", "--format", "json"))
    assert [(r["name"], r["amount_yuan"]) for r in rows] == [("华润(黑龙江)中医药产业园项目", 300000000)]


def test_rates_on_seeds(run):
    rows = as_json(run("rates", "--format", "json"))
    got = {(r["city"], r["metric"], r["value"]) for r in rows}
    assert SEED_RATES <= got
    assert not {v for _, _, v in got} & {20.3, 10.9, 30}  # growth, share, construction progress


def test_rates_metric_filter(run):
    rows = as_json(run("rates", "--metric", "開工率", "--format", "json"))
    assert {r["metric"] for r in rows} == {"开工率"}
    assert ("葫芦岛", 43.7) in {(r["city"], r["value"]) for r in rows}


def test_search_is_script_insensitive(run):
    simp = as_json(run("search", "项目建设", "--count", "--format", "json"))
    trad = as_json(run("search", "項目建設", "--count", "--format", "json"))
    assert simp == trad
    assert {r["article"] for r in simp} == set(SEED_ARTICLES)


def test_search_kwic_fields(run):
    rows = as_json(run("search", "风电", "-C", "5", "--format", "json"))
    assert rows and all(r["match"] == "风电" and len(r["left"]) <= 5 and len(r["right"]) <= 5 for r in rows)
    assert {r["city"] for r in rows} >= {"佳木斯", "葫芦岛"}
    assert all(r["end"] - r["start"] == 2 for r in rows)


def test_search_and_phrase(run):
    both = as_json(run("search", "风电", "开工", "--count", "--format", "json"))
    only = as_json(run("search", "风电", "--count", "--format", "json"))
    assert {r["article"] for r in both} <= {r["article"] for r in only}
    phrase = as_json(run("search", "抓项目 只争朝夕", "--format", "json"))
    assert [(r["article"], r["match"]) for r in phrase] == [("004_6a2d404cf95e2884", "抓项目 只争朝夕")]
    words = run("search", "抓项目", "只争朝夕", "--count", "--format", "json")
    assert [r["article"] for r in as_json(words)] == ["004_6a2d404cf95e2884"]


def test_search_regex_and_filters(run):
    rows = as_json(run("search", "--regex", r"[0-9.]+亿元", "--city", "大庆", "--format", "json"))
    assert {r["match"] for r in rows} >= {"1528.2亿元", "577.5亿元", "94.5亿元"}
    assert {r["city"] for r in rows} == {"大庆"}
    dated = as_json(run("search", "项目", "--since", "2021", "--until", "2021-12", "--count", "--format", "json"))
    assert {r["article"] for r in dated} == {"001_4bc857938f439df1"}


def test_search_sort_and_limit(run):
    rows = as_json(run("search", "项目", "--sort", "date", "--limit", "3", "--format", "json"))
    assert len(rows) == 3
    assert [r["published"][:10] for r in rows] == ["2019-08-03"] * 3
    undated_last = as_json(run("search", "项目", "--sort", "date", "--format", "json"))
    assert undated_last[-1]["published"] is None and undated_last[0]["published"].startswith("2019")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize(
    "args",
    [["articles"], ["projects"], ["rates"], ["search", "风电"], ["stats"], ["stats", "rates"],
     ["stats", "projects", "--by", "province"], ["stats", "amounts"], ["query", "start rate by city"]],
)
def test_every_command_every_format(run, args, fmt):
    result = run(*args, "--format", fmt)
    assert result.exit_code == 0, result.output
    out = result.stdout
    if fmt == "json":
        assert isinstance(json.loads(out), list) and json.loads(out)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1 and len(rows) > 1
    elif fmt == "tsv":
        lines = out.rstrip("\n").split("\n")
        assert len({line.count("\t") for line in lines}) == 1 and len(lines) > 1
    else:
        assert "\x1b[" not in out and out.strip()


def test_default_format_when_piped_is_tsv(run):
    result = run("rates")
    assert result.exit_code == 0
    header = result.stdout.splitlines()[0]
    assert header.split("\t") == ["article", "city", "metric", "value", "scope", "period", "sentence"]


def test_csv_bom(run):
    result = run("projects", "--format", "csv", "--bom")
    assert result.stdout_bytes.startswith(b"\xef\xbb\xbf")


def test_stats_rates_by_city(run):
    records = as_json(run("stats", "rates", "--by", "city", "--format", "json"))
    cells = {(r["city"], r["metric"]): r for r in records}
    assert cells[("葫芦岛", "开复工率")]["value"] == 65.8
    assert cells[("大庆", "开复工率")]["period"]
    table = run("stats", "rates", "--by", "city", "--format", "tsv").stdout.splitlines()
    assert table[0].split("\t")[0] == "city" and "开复工率" in table[0].split("\t")
    assert len(table) == 1 + 5


def test_query_start_rate_by_city(run):
    rows = as_json(run("query", "start rate by city", "--format", "json"))
    cities = [r["city"] for r in rows]
    assert sorted(set(cities)) == sorted(["佳木斯", "大庆", "烟台", "葫芦岛"])
    assert {r["metric"] for r in rows} <= {"开工率", "复工率", "开复工率"}


@pytest.mark.parametrize("phrase", ["projects over 1亿", "1亿以上项目", "投资超过1亿的项目"])
def test_query_equals_command(run, phrase):
    assert run("query", phrase, "--format", "json").stdout == run("projects", "--over", "1亿", "--format", "json").stdout


@pytest.mark.parametrize(
    "phrase, command",
    [
        ("projects over 5000万 in 大庆", ["projects", "--over", "5000万", "--city", "大庆"]),
        ("projects under 10亿", ["projects", "--under", "10亿"]),
        ("rates by city", ["stats", "rates", "--by", "city"]),
        ("investment by city", ["stats", "projects", "--by", "city"]),
        ("search 风电", ["search", "风电"]),
        ("各市开工率", ["stats", "rates", "--by", "city", "--metric", "开工率", "--metric", "复工率", "--metric", "开复工率"]),
    ],
)
def test_query_forms(run, phrase, command):
    via_phrase = run("query", phrase, "--format", "json")
    direct = run(*command, "--format", "json")
    assert via_phrase.exit_code == direct.exit_code
    assert via_phrase.stdout == direct.stdout


def test_query_explain(run):
    result = run("query", "projects over 1亿", "--explain")
    assert result.exit_code == 0 and result.stdout.strip().startswith("xmqw projects --over")


EXIT_CASES = [
    (["projects", "--over", "1万亿"], 1, ""),
    (["search", "不存在的词语组合"], 1, ""),
    (["projects", "--over", "lots"], 2, "xmqw: --over 'lots':"),
    (["search", "--regex", "([a-z"], 2, "xmqw: bad regex"),
    (["search", "--since", "May", "项目"], 2, "xmqw: --since 'May': expected a date"),
    (["rates", "--metric", "增长率"], 2, "xmqw: --metric '增长率': expected one of"),
    (["query", "what is the weather"], 2, "xmqw: "),
    (["show", "no-such-id"], 1, "xmqw: no-such-id: no such article"),
    (["projects", "--no-such-option"], 2, "xmqw: No such option '--no-such-option'. (see 'xmqw projects --help')"),
    (["projects", "--city", "火星"], 2, "xmqw: --city '火星': not a prefecture-level city"),
    (["search", "项目", "--since", "2021-02-30"], 2, "xmqw: --since '2021-02-30': expected a date"),
    (["search", "项目", "--since", "2022", "--until", "2021-06"], 2, "xmqw: --since 2022 is after --until 2021-06"),
    (["search", "项目", "--limit", "0"], 2, "xmqw: Invalid value for '--limit'"),
    (["search", "  "], 2, "xmqw: search needs a non-empty QUERY"),
    (["projects", "--over", "1亿", "--under", "1万"], 2, "xmqw: --over 1亿 is more than --under 1万"),
    (["articles", "--format", "xml"], 2, "xmqw: Invalid value for '--format'"),
    (["stats", "rates", "--by", "planet"], 2, "xmqw: Invalid value for '--by'"),
    (["show"], 2, "xmqw: Missing argument 'ID'. (see 'xmqw show --help')"),
]


@pytest.mark.parametrize("args, code, message", EXIT_CASES)
def test_exit_codes(run, args, code, message):
    result = run(*args)
    assert result.exit_code == code, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    if code == 2 and message.startswith("xmqw:"):
        assert len(result.stderr.strip().splitlines()) == 1


def test_no_results_json_is_empty_array(run):
    result = run("projects", "--over", "1万亿", "--format", "json")
    assert result.exit_code == 1 and json.loads(result.stdout) == []


def test_catastrophic_regex_is_stopped(run):
    result = run("search", "--regex", r"(\S|\S)*\d{99}", "--timeout", "0.5")
    assert result.exit_code == 2
    assert "took longer than 0.5 s" in result.stderr


def test_unknown_phrase_lists_forms(run):
    result = run("query", "tell me a joke")
    assert result.exit_code == 2
    assert "projects over 1亿" in result.stderr


def test_show(run):
    result = run("show", "001_4bc857938f439df1")
    assert result.exit_code == 0
    assert "市发改委工作人员告诉记者" in result.stdout and "大庆日报" in result.stdout
    original = run("show", "001_4bc857938f439df1", "--original")
    assert "大慶市推進項目建設(shè)提速增效" in original.stdout
    record = json.loads(run("show", "000_85f6284007b2f627", "--format", "json").stdout)
    assert record["city"] == "佳木斯" and record["log"]


def _phrase_examples():
    from xmqw.phrases import FORMS

    return [example for form in FORMS for example in form.examples]


@pytest.mark.parametrize("phrase", _phrase_examples())
def test_every_phrase_form_runs_its_command(run, phrase):
    """Each known form answers through the command it explains to (0 results or 1 none, never 2)."""
    explained = run("query", phrase, "--explain")
    assert explained.exit_code == 0 and explained.stdout.startswith("xmqw ")
    result = run("query", phrase, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    assert isinstance(json.loads(result.stdout), list)


@pytest.mark.parametrize("fmt, check", [
    ("json", lambda out: json.loads(out)["id"] == "004_6a2d404cf95e2884"),
    ("jsonl", lambda out: json.loads(out)["city"] == "葫芦岛"),
    ("csv", lambda out: ["city", "葫芦岛"] in list(csv.reader(io.StringIO(out)))),
    ("tsv", lambda out: "city\t葫芦岛" in out.splitlines()),
    ("table", lambda out: "葫芦岛" in out and "\x1b[" not in out),
])
def test_show_every_format(run, fmt, check):
    result = run("show", "004_6a2d404cf95e2884", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert check(result.stdout)


def test_ingest_of_a_folder_without_articles(run, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "notes.md").write_text("# not an article")
    result = run("ingest", str(tmp_path / "in"), data=tmp_path / "corpus")
    assert result.exit_code == 1
    assert result.stderr.strip() == f"xmqw: nothing to ingest in {tmp_path / 'in'}: no .txt, .html or .htm files"


def test_articles_json_flags_are_lists(run):
    rows = as_json(run("articles", "--format", "json"))
    assert all(r["flags"] == [] for r in rows)


def test_stats_projects_counts_a_project_once_per_city(run, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for n, day in ((1, "5月8日"), (2, "6月9日")):
        (src / f"{n}.txt").write_text(
            f"绵阳市重点项目建设提速\n{day},投资28亿元的绵阳京东方配套产业园项目开工建设。报道编号{n}。\n", encoding="utf-8")
    data = tmp_path / "c"
    assert run("ingest", str(src), data=data).exit_code == 0
    assert len(as_json(run("projects", "--format", "json", data=data))) == 2
    [row] = as_json(run("stats", "projects", "--format", "json", data=data))
    assert (row["city"], row["projects"], row["total_yuan"], row["mentions"]) == ("绵阳", 1, 2800000000, 2)


@pytest.mark.parametrize("status, names", [
    ("开工", {"金大地联碱绿色转型产业园项目", "桦南县华润新能源30万千瓦风力发电项目",
             "桦川县华润新能源15万千瓦风力发电项目", "建昌天香源高新农业产业园区建设项目"}),
    ("开工建设", {"金大地联碱绿色转型产业园项目", "建昌天香源高新农业产业园区建设项目"}),
    ("投产", {"中建材碲化镉弱光发电玻璃项目", "佳木斯煤矿机械有限公司煤矿机械生产项目"}),
])
def test_status_names_its_family(run, status, names):
    rows = as_json(run("projects", "--status", status, "--format", "json"))
    assert {r["name"] for r in rows} == names


def test_under_compares_the_high_end_of_a_range(run, tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    (src / "r.txt").write_text("株洲市项目建设\n总投资10亿至15亿元的株洲醴陵陶瓷智造产业园项目开工建设。\n", encoding="utf-8")
    data = tmp_path / "c"
    assert run("ingest", str(src), data=data).exit_code == 0
    assert run("projects", "--under", "12亿", "--format", "json", data=data).exit_code == 1
    [row] = as_json(run("projects", "--under", "15亿", "--format", "json", data=data))
    assert (row["amount_yuan"], row["amount_text"]) == (1000000000, "10亿至15亿元")


def test_bad_max_size_creates_no_corpus(run, tmp_path):
    result = run("ingest", str(tmp_path), "--max-size", "lots", data=tmp_path / "new")
    assert result.exit_code == 2 and result.stderr.startswith("xmqw: --max-size 'lots':")
    assert not (tmp_path / "new").exists()
