"""A report's title, the agency it is by, and that agency's level of government.

The title is the first line before section 一 that names a report (``…年度报告``); the agency
is what the title says before its year and ``政府信息公开…报告``, completed from the report's
own words where the title gives only part of it (``沅江路街道`` → ``洪江区沅江路街道办事处``,
from ``由洪江区沅江路街道办事处编制``). The level is judged by how the name ends, never by a
character anywhere in it: ``镇江市人民政府`` is a city, ``乡宁县人民政府`` a county.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal, TypeAlias

from ..diagnostic_codes import DiagnosticCode
from ..model import Diagnostic

if TYPE_CHECKING:
    from .positions import Lines
    from .sections import Heading

__all__ = ["AgencyLevel", "agency_level", "agency_of", "report_title"]

AgencyLevel: TypeAlias = Literal["province", "city", "county", "township", "department", "unknown"]

# ----------------------------------------------------------------------------- the title

_TITLE_CHROME = re.compile(r"^(?:#{1,6}\s+|(?:标\s*题|题\s*名|名\s*称)\s*[:：]\s*)")
_TITLE_CONTINUATION = re.compile(r"^(?:20[0-9]{2}\s*年度?\s*)?(?:的)?(?:政府)?信息公[开開]")
_SITE_SUFFIX = re.compile(r"([报報]告)[_|｜\-–—].*$")
_TITLE_LINE = re.compile(r"(?:年度?|工作)[报報]告")
# A title wrapped before its end: the end of the title phrase, and the longest tail taken.
_TITLE_END = re.compile(r"(?:年度?|工作)[报報]告$")
_TITLE_TAIL = 16
_TITLE_LINES = 12  # how many non-empty lines before section 一 may hold the title
_NAME_LINE = 40  # the longest line taken for an agency's name printed on its own line


def report_title(text: str, headings: Sequence[Heading]) -> str | None:
    """The report's title: the first line before section 一 that names a report, with site
    chrome removed. A title that does not name its agency takes the agency's name from the
    line before or after it (``淮安市人民政府`` / ``2024年政府信息公开工作年度报告``), and of
    several title lines (a page repeats it) the first that names an agency wins."""
    limit = headings[0].start if headings else min(len(text), 2000)
    lines = [line.strip() for line in text[:limit].splitlines()]
    lines = [line for line in lines if line][:_TITLE_LINES]
    first: str | None = None
    for i, printed in enumerate(lines):
        line = printed
        if not _TITLE_LINE.search(line) and i + 1 < len(lines):
            line = _wrapped_title(line, lines[i + 1])
        if not _TITLE_LINE.search(line) or "。" in line or len(line) > 80:
            continue
        title = _SITE_SUFFIX.sub(r"\1", re.sub(r"\s+", "", _TITLE_CHROME.sub("", line)))
        if agency_of(title) is None and _TITLE_CONTINUATION.match(title):
            # The title's first line before it ('2024年前进区人民政府'), or the agency's name
            # on the line before or after it.
            before = re.sub(r"\s+", "", lines[i - 1]) if i > 0 else ""
            after = re.sub(r"\s+", "", lines[i + 1]) if i + 1 < len(lines) else ""
            if before and len(before) <= _NAME_LINE and "。" not in before and agency_of(before + title):
                title = before + title
            elif _names_agency_alone(after):
                title = after + title
        if agency_of(title) is not None:
            return title
        first = first or title
    return first


def _wrapped_title(line: str, after: str) -> str:
    """``line`` with the next line joined to it where the two are one title wrapped before its
    end (a centred PDF title too long for one line: ``…工作年度报`` / ``告``); else ``line``."""
    if len(after) > _TITLE_TAIL or "。" in line + after:
        return line
    joined = line + after
    return joined if _TITLE_END.search(joined) and not _TITLE_LINE.search(after) else line


def _names_agency_alone(line: str) -> bool:
    """Whether a line is only an agency's name (``桃江县松木塘镇人民政府``)."""
    return (
        2 < len(line) <= _NAME_LINE
        and _PLAIN.fullmatch(line) is not None
        and _ORGAN_END.search(line) is not None
    )


# ----------------------------------------------------------------------------- the agency

# (Traditional characters where a title's words differ: 報告, 公開, 政務.)
_YEAR = re.compile(r"20[0-9]{2}\s*年度?")

# The year patterns the parser (the report's year) and validation (TITLE_YEAR) both read.
YEAR = re.compile(r"(20[0-9]{2})\s*年")
# 统计期限为2023年1月1日至2023年12月31日: the start year, and the end year where printed.
STATISTICS_PERIOD = re.compile(
    r"统计(?:期限|时限|时段|区间|周期)[^。]{0,12}?(20[0-9]{2})\s*年\s*1\s*月\s*1\s*日"
    r"(?:[^。]{0,6}?(?:(20[0-9]{2})\s*年\s*)?12\s*月\s*31\s*日)?"
)
REPORT_YEAR = re.compile(r"(20[0-9]{2})\s*年度?\s*(?:的)?政府信息公开(?:工作)?(?:年度)?(?:报告|情况)")
# What follows the agency's name in a title: 政府信息公开工作年度报告 and its variants.
_REPORT_PHRASE = re.compile(
    r"(?:政府)?(?:信息公[开開]|政[务務]公[开開])(?:工作)?(?:年度)?(?:工作)?[报報]告.*$|(?:年度)?(?:工作)?[报報]告.*$"
)
_PLAIN = re.compile(r"[\u4e00-\u9fff（）()]+")
_NAME = r"[\u4e00-\u9fff（）()]{2,40}?"
# An organ of government: how its name ends.
_ORGAN_END = re.compile(
    r"(?:人民政府|政府|办事处|行政公署|管理委员会|管委会|委员会|局|厅|办公室|办|委|中心|署|院|部)$"
)
# A government within a longer name: 嘉善县大云镇人民政府综合信息指挥室 → 嘉善县大云镇人民政府.
_GOVERNMENT_IN = re.compile(r"^.+?(?:人民政府|街道办事处|行政公署|管理委员会|管委会)")
# The organ of a region or zone, where only the region is named (平潭综合实验区 → …管委会).
_REGION_ORGAN = "(?:人民政府|管理委员会|管委会|街道办事处|办事处|行政公署)"
_REGION_END = re.compile(r"(?:省|市|县|縣|区|區|旗|镇|鎮|乡|鄉|街道|苏木|州|盟|地区)$")
# The report naming itself: 现向社会公布北海市2021年度政府信息公开工作年度报告 / 现发布《…》.
_CITED = re.compile(
    rf"(?:公布|公佈|发布|發布|编制|編制|印发)了?《?({_NAME})20[0-9]{{2}}\s*年度?的?(?:政府)?(?:信息|政[务務])公[开開]"
)
# Who compiled it: 本报告由XX编制 / 由XX负责编制 / 由XX按照…要求编制.
_COMPILED_BY = re.compile(rf"由({_NAME})(?:负责|按照|根据|依据|组织)?编制|由({_NAME})(?:按照|根据|依据)")
_NOT_A_NAME = re.compile(r"^(?:本|我|各|该|上级|有关)")
# 镇政府, 县政府, …: the everyday short form of 人民政府, the organ's name.
_SHORT_GOVERNMENT = re.compile(r"(?<=[省市县縣区區旗镇鎮乡鄉])(?<!人民)政府$")
_SEARCHED = 5000  # characters of the text searched for the agency's name


def agency_of(title: str | None, text: str = "") -> str | None:
    """The agency a report is by, from its title (``report_title``) and the start of its text
    (``text``; its first few thousand characters are read); ``None`` when neither says.

    The title gives the name before its year and report phrase (``2024年前进区人民政府政府
    信息公开工作年度报告`` → ``前进区人民政府``; ``XX关于…的报告`` → ``XX``). The text gives
    it where the title does not, or completes it where the title names it in part: the
    report naming itself (``现向社会公布北海市2021年度政府信息公开工作年度报告``,
    ``现发布《…》``), the government that compiled it (``由洪江区沅江路街道办事处编制``;
    an office of a government compiles that government's report), and the organ of a region
    the title names bare (``平潭综合实验区`` → ``平潭综合实验区管委会``). ``镇政府``-style
    short forms are written ``镇人民政府``.
    """
    head = text[:_SEARCHED]
    name = _canonical(_name_in_title(title)) if title else None
    for candidate in (_cited(head), _compiled_by(head)):
        if candidate is not None and (name is None or _fuller(candidate, name)):
            name = candidate
    if name is not None and _ORGAN_END.search(name) is None and _REGION_END.search(name):
        found = re.search(re.escape(name) + _REGION_ORGAN, head)
        name = found.group(0) if found else name
    return _canonical(name)


def _canonical(name: str | None) -> str | None:
    return _SHORT_GOVERNMENT.sub("人民政府", name) if name else None


def _fuller(candidate: str, name: str) -> bool:
    """Whether ``candidate`` names the agency ``name`` names, more fully: with the regions
    above it (佳木斯市前进区人民政府 for 前进区人民政府), or with the organ of a region named
    bare (洪江区沅江路街道办事处 for 沅江路街道)."""
    if candidate == name:
        return False
    return (
        candidate.endswith(name)
        or re.fullmatch(rf".*{re.escape(name)}{_REGION_ORGAN}", candidate) is not None
    )


def _name_in_title(title: str) -> str | None:
    text = re.sub(r"\s+", "", title)
    text = text.removeprefix("关于")
    year = _YEAR.search(text)
    name = text[: year.start()] if year and year.start() > 0 else _YEAR.sub("", text)
    name = _REPORT_PHRASE.sub("", name)
    name = name.partition("关于")[0]  # XX关于2023年度政府信息公开工作年度报告的报告
    name = name.strip(" :：,，、（(")
    return name if name and _PLAIN.fullmatch(name) else None


def _cited(head: str) -> str | None:
    found = _CITED.search(head)
    if found is None or _NOT_A_NAME.match(found.group(1)):
        return None
    return _canonical(found.group(1).lstrip("《"))


def _compiled_by(head: str) -> str | None:
    found = _COMPILED_BY.search(head)
    if found is None:
        return None
    name = found.group(1) or found.group(2)
    if _NOT_A_NAME.match(name):
        return None
    # An office or unit of a government compiles that government's report.
    government = _GOVERNMENT_IN.match(name)
    if government is not None:
        return government.group(0)
    return name if _ORGAN_END.search(name) else None


# ----------------------------------------------------------------------------- its level

# The kinds of region, longest word first (自治区 before 区), and the level each is.
_UNITS: tuple[tuple[str, AgencyLevel], ...] = (
    ("特别行政区", "province"),
    ("自治区", "province"),
    ("自治州", "city"),
    ("自治县", "county"),
    ("自治旗", "county"),
    ("地区", "city"),
    ("街道", "township"),
    ("苏木", "township"),
    ("省", "province"),
    ("市", "city"),
    ("州", "city"),
    ("盟", "city"),
    ("县", "county"),
    ("旗", "county"),
    ("区", "county"),
    ("镇", "township"),
    ("乡", "township"),
    # Traditional characters (a report served in them: 興國縣良村鎮).
    ("縣", "county"),
    ("區", "county"),
    ("鎮", "township"),
    ("鄉", "township"),
)
_LEVEL_OF_UNIT: dict[str, AgencyLevel] = dict(_UNITS)
# One region's name: the word for its kind after two characters or more (one for a county:
# 寿县), the shortest that fits, so that 市 of 城市 or 乡 of 乡宁县 is never taken for a kind.
# 和 joins words (住房和城乡建设局), never stands inside a place's name (it may begin one: 和平区).
_REGION = re.compile(
    r"[\u4e00-\u9fff][县縣]|[\u4e00-\u9fff](?:(?!和)[\u4e00-\u9fff]){1,11}?(?:"
    + "|".join(unit for unit, _ in _UNITS)
    + ")"
)
# Zones governed by a 管委会 (开发区, 实验区, …): their level is not in the name.
_ZONES = ("实验区", "试验区", "开发区", "经开区", "高新区", "示范区", "合作区", "保税区", "园区")
_MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})
_GOVERNMENT = re.compile(r"(?:人民政府|政府|办事处|行政公署)$")
_BARE_LEADING_UNIT = re.compile(r"^(?:省|市|县|区)(?=[\u4e00-\u9fff])")


def agency_level(name: str | None) -> AgencyLevel:
    """The level of government of an agency, judged by how its name ends.

    - a government (…人民政府, …政府, …街道办事处, …行政公署): the level of its region:
      …省/…自治区 province; …市/…州/…盟/…地区 city; …县/…旗/…区 county; …镇/…乡/…街道
      township. 北京、天津、上海、重庆 are provinces.
    - a city's government is ``"city"`` whether the city is prefecture-level or county-level
      (新乐市 is a 县级市; its name does not say so), except a 市 named under another 市
      (石家庄市新乐市), which is ``"county"``.
    - a department (…局, …委员会, …厅, …办公室, …): the level of the region its name starts
      with (平武县统计局 county, 攀枝花市人民政府办公室 city); ``"department"`` when the
      name starts with no region (国家统计局).
    - a bare region's name (寿县, 乡宁县): that region's level.
    - a zone (…实验区, …开发区) or its 管委会, or a name none of these fit: ``"unknown"``.
    """
    if not name:
        return "unknown"
    name = re.sub(r"\s+", "", name)
    government = _GOVERNMENT.search(name)
    if government is not None:
        return _region_level(name[: government.start()], whole=True) or "unknown"
    if _ORGAN_END.search(name) is not None:
        return _region_level(name, whole=False) or "department"
    return _region_level(name, whole=True) or "unknown"


def _region_level(text: str, *, whole: bool) -> AgencyLevel | None:
    """The level of the last region ``text`` starts with (made of regions alone, when
    ``whole``): ``None`` where it starts with none, ``"unknown"`` for a zone."""
    units: list[str] = []
    at = 0
    while match := _REGION.match(text, at):
        units.append(match.group(0))
        at = match.end()
    if whole and at != len(text):
        return None
    if not units:
        bare = None if whole else _BARE_LEADING_UNIT.match(text)  # 县统计局: a county's bureau
        return _LEVEL_OF_UNIT[bare.group(0)] if bare else None
    last = units[-1]
    if last.endswith(_ZONES):
        return "unknown"
    if len(units) == 1 and last in _MUNICIPALITIES:
        return "province"
    kind = next(unit for unit, _ in _UNITS if last.endswith(unit))
    if kind == "市" and any(u.endswith("市") and u not in _MUNICIPALITIES for u in units[:-1]):
        return "county"  # a 县级市 named under its prefecture-level city
    return _LEVEL_OF_UNIT[kind]


def report_year(
    title: str | None, clean: str, headings: list[Heading], lines: Lines
) -> tuple[int | None, Diagnostic | None]:
    """The report year: from the title, else the statistics period, else a sentence that names
    the year's report, else (said in a diagnostic) the first year section 一 mentions."""
    if title and (match := YEAR.search(title)):
        return int(match.group(1)), None
    for pattern in (STATISTICS_PERIOD, REPORT_YEAR):
        if match := pattern.search(clean):
            return int(match.group(1)), None
    first = next((h for h in headings if h.number == 1), None)
    if first is not None:
        end = next((h.start for h in headings if h.number > 1), len(clean))
        if match := YEAR.search(clean, first.end, end):
            return int(match.group(1)), Diagnostic(
                DiagnosticCode.YEAR_FROM_TEXT,
                "info",
                f"no title or statistics period gives the year; "
                f"{match.group(1)} is the first year section 一 names",
                lines.span(match.start(), match.end()),
            )
    return None, None
