"""A report's title, its agency and the agency's level of government.

On the corpus, ``agency_of`` gives the truth files' agency for 8 of the 19 readable sources
(the extraction ``parsing.pipeline`` had gave 7). The other 11 are pinned below with what it gives and
why that is not the truth: most truth names come from outside the text (the page's URL, the
collector's notes), and nothing in the text can give them.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from gov_disclosure.parsing import noise
from gov_disclosure.parsing.metadata import AgencyLevel, agency_level, agency_of, report_title
from gov_disclosure.parsing.sections import find_headings
from gov_disclosure.sources import read

from .corpus import CORPUS, source_of, truth_files


def _title_and_agency(text: str) -> tuple[str | None, str | None]:
    """The title and agency of a text, from the same cleaned text and headings ``parse`` uses."""
    normalized = noise.normalize(text)
    junk = [(j.start, j.end) for j in noise.find_junk(normalized)]
    title = report_title(text, find_headings(noise.blank(normalized, junk)))
    return title, agency_of(title, text)


# ----------------------------------------------------------------------------- the corpus

# Source stem -> (what agency_of gives, why the truth's name cannot be read from the text).
NOT_THE_TRUTH: dict[str, tuple[str | None, str]] = {
    "2021_pingwu_tongjiju": (None, "no title; the text says only 县统计局 and 我局"),
    "2022_guyang_xiashihaozhen": ("下湿壕镇人民政府", "the county 固阳县 is named nowhere in the text"),
    "2022_shuangqiao_youtingzhen": (None, "no title, 我镇 only: the truth's name is the page's URL"),
    "2023_haizhu_guanzhoujiedao": (None, "no title; 广州市海珠区 is named nowhere in the text"),
    "2023_hongjiang_yuanjianglujiedao": (
        "洪江区沅江路街道办事处",
        "怀化市 appears only inside a website's name (怀化市洪江区管理委员会 门户网站)",
    ),
    "2024_huaian_shi_fragment_sec2-3": (None, "an excerpt that starts inside 表二"),
    "2024_pinghu_ju": (None, "我局 only: the bureau is named nowhere in the excerpt"),
    # The truth writes the organ in brackets, 平潭综合实验区（管委会）: the text says 管委会.
    "2024_pingtan_zhyq": ("平潭综合实验区管委会", "the truth brackets the organ"),
    "2024_pingtan_zhyq_web": ("平潭综合实验区管委会", "the truth brackets the organ"),
    "2025_pingtan_zhyq": ("平潭综合实验区管委会", "the truth brackets the organ"),
    "2025_pingtan_zhyq_web": ("平潭综合实验区管委会", "the truth brackets the organ"),
}


def _cases() -> list[tuple[str, Path, str]]:
    cases = []
    for truth in truth_files():
        agency = json.loads(truth.read_text(encoding="utf-8")).get("agency")
        source = source_of(truth)
        if agency and source is not None:
            cases.append((truth.name[: -len(".truth.json")], source, agency))
    return cases


CASES = _cases()


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")
@pytest.mark.parametrize(("stem", "source", "agency"), CASES, ids=[c[0] for c in CASES])
def test_agency_of_each_corpus_report(stem: str, source: Path, agency: str) -> None:
    text = read(source).text
    _, found = _title_and_agency(text)
    expected = NOT_THE_TRUTH[stem][0] if stem in NOT_THE_TRUTH else agency
    assert found == expected
    if found is not None:
        # Never a wrong agency: what is found is the truth's name or the end of it.
        assert agency.replace("（", "").replace("）", "").endswith(found)


@pytest.mark.skipif(not CORPUS.is_dir(), reason="../shared/corpus is not beside the repo")
def test_the_exceptions_are_corpus_files() -> None:
    assert set(NOT_THE_TRUTH) <= {stem for stem, _, _ in CASES}


# ----------------------------------------------------------------------------- titles


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "淮安市人民政府2024年政府信息公开工作年度报告\n一、总体情况\n",
            "淮安市人民政府2024年政府信息公开工作年度报告",
        ),
        # over two lines, the agency first
        (
            "2024年前进区人民政府\n政府信息公开工作年度报告\n一、总体情况\n",
            "2024年前进区人民政府政府信息公开工作年度报告",
        ),
        (
            "西咸新区底张街道办事处2023年度政府\n信息公开工作年度报告\n一、总体情况\n",
            "西咸新区底张街道办事处2023年度政府信息公开工作年度报告",
        ),
        # the agency's name on the line after the title, the title repeated
        (
            "2022年政府信息公开工作年度报告\n桃江县松木塘镇人民政府\n2022年政府信息公开工作年度报告\n一、总体情况\n",
            "桃江县松木塘镇人民政府2022年政府信息公开工作年度报告",
        ),
        # a page's <title>, a crawler's label
        (
            "某某县人民政府2023年政府信息公开工作年度报告_某某县人民政府网\n一、总体情况\n",
            "某某县人民政府2023年政府信息公开工作年度报告",
        ),
        (
            "标题: 平潭综合实验区2024年度政府信息公开工作年度报告\n一、总体情况\n",
            "平潭综合实验区2024年度政府信息公开工作年度报告",
        ),
        # no agency anywhere: the title as printed
        ("2022年政府信息公开工作年度报告\n一、总体情况\n", "2022年政府信息公开工作年度报告"),
        ("一、总体情况\n本机关收到申请3件。\n", None),
    ],
)
def test_report_title(text: str, title: str | None) -> None:
    assert report_title(text, find_headings(noise.normalize(text))) == title


# ----------------------------------------------------------------------------- agencies


@pytest.mark.parametrize(
    ("title", "text", "agency"),
    [
        ("2024年前进区人民政府政府信息公开工作年度报告", "", "前进区人民政府"),
        ("攀枝花市人民政府办公室2024年政府信息公开工作年度报告", "", "攀枝花市人民政府办公室"),
        ("某某区人民政府关于2023年度政府信息公开工作年度报告的报告", "", "某某区人民政府"),
        ("关于某某县2023年政府信息公开工作年度报告", "", "某某县"),
        ("下湿壕镇政府2022年信息公开工作年度报告", "", "下湿壕镇人民政府"),
        ("2023年度沅江路街道信息公开工作报告", "", "沅江路街道"),
        ("政府信息公开工作年度报告（2023年度）", "", None),
        ("2023年报告2024年报告", "", None),
        (None, "", None),
        # the text completes a name the title gives in part
        (
            "2023年度沅江路街道信息公开工作报告",
            "本报告由洪江区沅江路街道办事处编制。",
            "洪江区沅江路街道办事处",
        ),
        (
            "平潭综合实验区2024年度政府信息公开工作年度报告",
            "来源：平潭综合实验区管委会办公室",
            "平潭综合实验区管委会",
        ),
        ("2022年上海市政府信息公开工作年度报告", "上海市人民政府办公厅", "上海市人民政府"),
        # an office compiles its government's report: the government is the agency
        (
            "某某市人民政府2023年政府信息公开工作年度报告",
            "本报告由某某市人民政府办公室编制。",
            "某某市人民政府",
        ),
        ("某某县2023年政府信息公开工作年度报告", "本报告由某某县人民政府办公室负责编制。", "某某县人民政府"),
        # no title: the report names itself, or who compiled it
        (None, "现向社会公布北海市2021年度政府信息公开工作年度报告。", "北海市"),
        (None, "现发布《前进区人民政府2024年政府信息公开工作年度报告》。", "前进区人民政府"),
        (None, "本报告由邹城市太平镇人民政府按照《条例》要求编制。", "邹城市太平镇人民政府"),
        (
            None,
            "由嘉善县大云镇人民政府综合信息指挥室(党政综合办公室)负责编制本报告。",
            "嘉善县大云镇人民政府",
        ),
        (None, "本报告由本机关编制。", None),
    ],
)
def test_agency_of(title: str | None, text: str, agency: str | None) -> None:
    assert agency_of(title, text) == agency


# ----------------------------------------------------------------------------- levels


@pytest.mark.parametrize(
    ("name", "level"),
    [
        # the corpus's agencies (truth files and SOURCES.tsv)
        ("文峰区行政审批和政务信息管理局", "county"),
        ("前进区人民政府", "county"),
        ("延津县行政审批和政务信息管理局", "county"),
        ("攀枝花市人民政府办公室", "city"),
        ("韶关市武江区人民政府办公室", "county"),
        ("淮安市人民政府", "city"),
        ("平武县统计局", "county"),
        ("固阳县下湿壕镇人民政府", "township"),
        ("重庆市双桥经开区邮亭镇人民政府", "township"),
        ("桃江县松木塘镇人民政府", "township"),
        ("广州市海珠区官洲街道办事处", "township"),
        ("怀化市洪江区沅江路街道办事处", "township"),
        ("西咸新区底张街道办事处", "township"),
        ("平湖市某局", "city"),
        ("平潭综合实验区管委会", "unknown"),
        ("上海市人民政府", "province"),
        ("寿县人民政府", "county"),
        ("北海市人民政府", "city"),
        ("遵义市人力资源和社会保障局", "city"),
        ("兴国县良村镇人民政府", "township"),
        ("興國縣良村鎮", "township"),
        # judged by the ending, not by a character inside the name
        ("镇江市人民政府", "city"),
        ("乡宁县人民政府", "county"),
        ("广西壮族自治区人民政府", "province"),
        ("北京市东城区人民政府", "county"),
        ("某某街道办事处", "township"),
        ("和平区人民政府", "county"),
        ("某某县住房和城乡建设局", "county"),
        ("北京市东城区城市管理委员会", "county"),
        ("北京市市场监督管理局", "province"),
        ("延边朝鲜族自治州人民政府", "city"),
        ("阿里地区行政公署", "city"),
        # a 县级市: 'city' unless named under its prefecture-level city
        ("新乐市人民政府", "city"),
        ("石家庄市新乐市人民政府", "county"),
        # a department whose name starts with no region; names that say nothing
        ("国家统计局", "department"),
        ("县统计局", "county"),
        ("寿县", "county"),
        ("平潭综合实验区", "unknown"),
        ("报告", "unknown"),
        ("", "unknown"),
        (None, "unknown"),
    ],
)
def test_agency_level(name: str | None, level: AgencyLevel) -> None:
    assert agency_level(name) == level


WRAPPED_TITLES = [
    "青山县住房和城乡建设局2024年政府信息公开工作年度报告",
    "凤鸣区市场监督管理局2023年度政府信息公开工作年度报告",
    "临泉县人民政府2022年政府信息公开年度报告",
]


@pytest.mark.parametrize("title", WRAPPED_TITLES)
def test_a_title_wrapped_before_its_end_is_read_whole(title: str) -> None:
    # A centred title too long for its line (a PDF's) wraps where the line is full: the tail
    # on the next line, without the report phrase (…工作年度报 / 告; …政府信息公开 / 工作年度报告).
    phrase_end = title.index("年度报告") if "年度报告" in title else len(title) - 2
    for split in range(phrase_end + 1, len(title)):
        text = f"{title[:split]}\n{title[split:]}\n一、总体情况\n本机关认真做好政府信息公开工作。\n"
        assert report_title(text, find_headings(text)) == title, split
        assert agency_of(report_title(text, find_headings(text))) == title[: title.index("20")]


def test_a_short_line_after_a_whole_title_is_not_joined_to_it() -> None:
    text = "青山县教育局2024年政府信息公开工作年度报告\n2025年1月20日\n一、总体情况\n正文。\n"
    assert report_title(text, find_headings(text)) == "青山县教育局2024年政府信息公开工作年度报告"
