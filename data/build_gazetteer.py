"""Build data/gazetteer.tsv from the administrative-division list in cpca's resources.

A maintainer tool, not used at run time; it reads local files only. See GAZETTEER.md:

    pip download --no-deps cpca==0.5.5 -d /tmp/dl && unzip -o -q /tmp/dl/cpca-0.5.5-*.whl -d /tmp/dl/x
    python data/build_gazetteer.py /tmp/dl/x/cpca/resources > data/gazetteer.tsv
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

COLUMNS = ("adcode", "name", "short", "level", "province", "prefecture")

#: Rows that are groupings, not places: skipped, their children are attached
#: to the province (municipalities) or stand as their own city (省直辖县级 units).
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}

#: Province-level units that are also cities: the four municipalities
#: (北京 天津 上海 重庆) and the two special administrative regions (香港 澳门).
CITY_PROVINCES = {"11", "12", "31", "50", "81", "82"}

#: Suffixes removed for short names, longest first; then trailing ethnic-group
#: names (壮族, 蒙古, 土家族苗族, …) are removed too.
SUFFIXES = ("特别行政区", "自治区", "自治州", "自治县", "地区", "林区", "省", "市", "盟", "县")


def short_name(name: str, nations: list[str]) -> str:
    """The name without its administrative suffix and ethnic-group names.

    >>> NATIONS = ['壮族', '土家族', '苗族', '蒙古族', '维吾尔族', '回族', '藏族']
    >>> [short_name(n, NATIONS) for n in ('黑龙江省', '广西壮族自治区', '佳木斯市',
    ...     '恩施土家族苗族自治州', '巴音郭楞蒙古自治州', '兴安盟', '喀什地区', '神农架林区')]
    ['黑龙江', '广西', '佳木斯', '恩施', '巴音郭楞', '兴安', '喀什', '神农架']
    """
    for suffix in SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix) + 1:
            name = name[: -len(suffix)]
            break
    # nation names, with or without 族 (克孜勒苏柯尔克孜自治州, 伊犁哈萨克自治州)
    forms = sorted({f for n in nations for f in (n, n.removesuffix("族"))}, key=len, reverse=True)
    stripped = True
    while stripped:
        stripped = False
        for form in forms:
            if len(form) > 1 and name.endswith(form) and len(name) > len(form) + 1:
                name = name[: -len(form)]
                stripped = True
                break
    return name


def build(resources: Path) -> list[tuple[str, ...]]:
    with (resources / "56_nations.csv").open(encoding="utf-8") as f:
        nations = [line.strip() for line in f if line.strip()]
    with (resources / "adcodes.csv").open(encoding="utf-8") as f:
        names = {r["adcode"][:6]: r["name"] for r in csv.DictReader(f)}

    rows = []
    for code, name in sorted(names.items()):
        if name in PLACEHOLDERS:
            continue
        province_code = code[:2] + "0000"
        province = short_name(names[province_code], nations)
        if code == province_code:
            city = province if code[:2] in CITY_PROVINCES else ""
            rows.append((code, name, province, "province", province, city))
        elif code[4:] == "00":
            short = short_name(name, nations)
            rows.append((code, name, short, "prefecture", province, short))
        else:
            parent = names.get(code[:4] + "00", "")
            if code[:2] in CITY_PROVINCES:
                city = province
            elif parent in PLACEHOLDERS:  # 省直辖县级: the unit is its own city
                city = short_name(name, nations)
            else:
                city = short_name(parent, nations)
            rows.append((code, name, name, "county", province, city))
    return rows


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: build_gazetteer.py CPCA_RESOURCES_DIR > gazetteer.tsv", file=sys.stderr)
        return 2
    out = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n")
    out.writerow(COLUMNS)
    out.writerows(build(Path(argv[1])))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
