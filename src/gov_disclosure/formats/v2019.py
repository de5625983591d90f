"""The 2019 template: 国办公开办函〔2019〕60号, for reports on 2019 and 2020 (and some later
ones that kept it).

It differs from 2021 in 表二 (five sub-tables: documents made, published and in public view;
items of licensing, other services, punishment and coercion with last year's count, this year's
change and decisions; fee items; government procurement) and in 表三's （六）其他处理, one row
instead of three. 表四 and the sections are the same.

Grammar: ``grammars/report_2019.lark`` (checked against this module by ``tests/test_formats.py``).
"""

from __future__ import annotations

from . import v2021
from .template import Column, Format, Label, Row, Table

ITEM_9 = Label("第二十条第（九）项", "H_ITEM_9")
_DOCUMENT_COLUMNS = (
    Column("made", Label("本年新制作数量", "H_MADE"), "新制作"),
    Column("published", Label("本年新公开数量", "H_PUBLISHED"), "新公开"),
    Column("total_public", Label("对外公开总数量", "H_TOTAL_PUBLIC"), "公开总数"),
)
_PREVIOUS = Column("previous_year", Label("上一年项目数量", "H_PREVIOUS_YEAR"), "上年项目")
_CHANGE = Column("change", Label("本年增/减", "H_CHANGE"), "增减", signed=True)
_ITEM_COLUMNS = (_PREVIOUS, _CHANGE, Column("decisions", Label("处理决定数量", "H_DECISIONS"), "处理决定"))

TABLE_2 = Table(
    "t2",
    "表二",
    "主动公开政府信息情况",
    2,
    (
        Row("regulations", v2021.REGULATIONS, _DOCUMENT_COLUMNS, v2021.ITEM_1),
        Row(
            "normative_documents",
            Label("规范性文件", "L_NORMATIVE_DOCUMENTS", aliases=("行政规范性文件",)),
            _DOCUMENT_COLUMNS,
            v2021.ITEM_1,
        ),
        Row("licensing", Label("行政许可", "L_LICENSING"), _ITEM_COLUMNS, v2021.ITEM_5),
        Row("other_services", Label("其他对外管理服务事项", "L_OTHER_SERVICES"), _ITEM_COLUMNS, v2021.ITEM_5),
        Row("punishment", Label("行政处罚", "L_PUNISHMENT"), _ITEM_COLUMNS, v2021.ITEM_6),
        Row("coercion", Label("行政强制", "L_COERCION"), _ITEM_COLUMNS, v2021.ITEM_6),
        Row("fees", Label("行政事业性收费", "L_FEES"), (_PREVIOUS, _CHANGE), v2021.ITEM_8),
        Row(
            "procurement",
            Label("政府集中采购", "L_PROCUREMENT"),
            (
                Column(
                    "items", Label("采购项目数量", "H_PROCUREMENT_ITEMS", aliases=("采购项目数",)), "项目"
                ),
                Column("amount", Label("采购总金额", "H_PROCUREMENT_AMOUNT"), "总金额", money=True),
            ),
            ITEM_9,
        ),
    ),
    headers=(v2021.CONTENT,),
)

OTHER_PROCESSING = Row(
    "other_processing", Label("（六）其他处理", "L_OTHER_PROCESSING"), v2021.T3_COLUMNS, v2021.RESULTS
)
TABLE_3 = v2021.table_3((OTHER_PROCESSING,))

FORMAT_2019 = Format(
    name="2019",
    document="国办公开办函〔2019〕60号",
    grammar_files=("report_2019.lark", "report_tables.lark"),
    sections=v2021.SECTIONS,
    tables=(TABLE_2, TABLE_3, v2021.TABLE_4),
    identities=(*v2021.t3_identities(v2021.outcome_rows(TABLE_3)), v2021.T4_IDENTITY),
    signals=(
        "本年新制作数量",
        "本年新公开数量",
        "对外公开总数量",
        "上一年项目数量",
        "本年增/减",
        "其他对外管理服务事项",
        "第二十条第(九)项",
        "政府集中采购",
        "采购总金额",
    ),
)
